/**
 * The faults a trainer or a check injects into the world — partitions, latency, loss, power loss,
 * NAT, DNS failures — each a rule installed through a handle and healed by removing it (STYLE R10).
 * The book keeps what is active, journals each injection and heal, and knows nothing of peers
 * beyond the hooks the twin gives it. The twin's verbs (twin.ts) wrap every call in its change rule.
 */
import type { Dns, NatHandle, Network, RuleHandle, TraceSink } from '../../sim/index.js';
import { TwinError } from './errors.js';
import type { TwinOwnTraceKinds } from './traceKinds.js';

export interface ActiveFault {
  readonly id: number;
  readonly kind: string;
  readonly description: string;
}

export type LatencyFault = { from?: string; to?: string; latencyMsJitter?: number } & ({ latencyMsMean: number; rttMs?: undefined } | { rttMs: number; latencyMsMean?: undefined });

export interface FaultWorld {
  readonly net: Network;
  readonly dns: Dns;
  readonly own: TraceSink<TwinOwnTraceKinds>;
  /** throws the twin's XTW_ERR_TWIN_UNKNOWN_PEER for a name the world does not have */
  checkPeer(name: string): void;
  powerOff(name: string): void;
  /** powers the peer back on if it is still off (a peer the operator started meanwhile is left alone) */
  powerOnIfOff(name: string): void;
}

/**
 * How a fault is healed, as data (issue #15): remove the network rule or NAT device it installed (by
 * the network's id), power its peer back on, or clear its DNS failure.
 */
export type Undo =
  | { readonly kind: 'rule'; readonly rule: number }
  | { readonly kind: 'nat'; readonly nat: number }
  | { readonly kind: 'power'; readonly peer: string }
  | { readonly kind: 'dns'; readonly name: string; readonly forHost?: string };

export interface FaultBookState {
  readonly active: readonly { readonly info: ActiveFault; readonly undo: Undo }[];
  readonly nextId: number;
}

/** Finds the handles of a restored network by id. */
export interface HandleLookup {
  rule(id: number): RuleHandle | undefined;
  nat(id: number): NatHandle | undefined;
}

export class FaultBook {
  private readonly active = new Map<number, { info: ActiveFault; undo: Undo }>();
  /** the handles rule and NAT faults are removed through, by fault id */
  private readonly handles = new Map<number, RuleHandle | NatHandle>();
  private nextId = 1;

  constructor(private readonly world: FaultWorld) {}

  list(): ActiveFault[] {
    return [...this.active.values()].map((f) => f.info);
  }

  partition(groupA: string[], groupB: string[], options: { oneWay?: boolean } = {}): ActiveFault {
    for (const n of [...groupA, ...groupB]) this.world.checkPeer(n);
    const h = this.world.net.partition(groupA, groupB, options);
    // The journal carries the groups as data, so no checker has to parse the description.
    const structure = { groups: [[...groupA], [...groupB]] as const, oneWay: options.oneWay ?? false };
    return this.add('partition', `${groupA.join(',')} ${options.oneWay ? '->' : '|'} ${groupB.join(',')}`, this.handled(h, 'rule'), structure);
  }

  /**
   * Latency between two peers (or everywhere): `latencyMsMean` is added each way on top of what the
   * path has; `rttMs` instead makes the path's round trip that, half each way, in place of its base
   * latency or link (DOMAIN §3 R5: up to and including 80 ms is supported).
   */
  latency(options: LatencyFault): ActiveFault {
    const { from, to, latencyMsJitter } = options;
    for (const n of [from, to]) if (n) this.world.checkPeer(n);
    const where = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(latencyMsJitter !== undefined ? { latencyMsJitter } : {}), bidirectional: true };
    const h: RuleHandle = options.rttMs !== undefined
      ? this.world.net.latency({ ...where, latencyMsMean: options.rttMs / 2, replacesBase: true })
      : this.world.net.latency({ ...where, latencyMsMean: options.latencyMsMean });
    const what = options.rttMs !== undefined ? `round trip ${options.rttMs}ms` : `+${options.latencyMsMean}ms`;
    return this.add('latency', `${from ?? '*'} <-> ${to ?? '*'} ${what}`, this.handled(h, 'rule'));
  }

  loss(options: { from?: string; to?: string; lossRatio: number }): ActiveFault {
    for (const n of [options.from, options.to]) if (n) this.world.checkPeer(n);
    const h = this.world.net.loss({ ...options, bidirectional: true });
    return this.add('loss', `${options.from ?? '*'} <-> ${options.to ?? '*'} ${options.lossRatio}`, this.handled(h, 'rule'));
  }

  /** The peer loses power; healing the fault powers it back on (it boots as after any power cut). */
  powerLoss(name: string): ActiveFault {
    this.world.powerOff(name);
    return this.add('power-loss', `power lost on ${name}`, { kind: 'power', peer: name });
  }

  nat(options: { inside: string[]; publicAddress: string }): ActiveFault {
    for (const n of options.inside) this.world.checkPeer(n);
    const h = this.world.net.addNat({ name: `nat-${this.nextId}`, inside: options.inside, publicAddress: options.publicAddress, kind: 'masquerade' });
    return this.add('nat', `${options.inside.join(',')} behind ${options.publicAddress}`, this.handled(h, 'nat'));
  }

  dnsFailure(options: { name: string; failure: 'nxdomain' | 'servfail' | 'timeout'; forHost?: string }): ActiveFault {
    if (options.forHost) this.world.checkPeer(options.forHost);
    const scope = options.forHost ? { forHost: options.forHost } : {};
    this.world.dns.setFailure(options.name, options.failure, scope);
    return this.add('dns', `${options.name} ${options.failure}`, { kind: 'dns', name: options.name, ...scope });
  }

  /** Heals fault `id`, or every active fault. */
  heal(id: number | undefined): void {
    const ids = id === undefined ? [...this.active.keys()] : [id];
    for (const i of ids) {
      const f = this.active.get(i);
      if (!f) throw new TwinError('XTW_ERR_TWIN_UNKNOWN_FAULT', { value: i });
      this.undo(i, f.undo);
      this.active.delete(i);
      this.world.own.emit('twin', 'fault.heal', { id: i, kind: f.info.kind });
    }
  }

  saveState(): FaultBookState {
    return structuredClone({ active: [...this.active.values()], nextId: this.nextId });
  }

  /** Take a checkpoint's faults; their rules and NAT devices are the restored network's, found by id. */
  loadState(state: FaultBookState, lookup: HandleLookup): void {
    this.active.clear();
    this.handles.clear();
    for (const f of structuredClone(state.active)) {
      this.active.set(f.info.id, f);
      const handle = f.undo.kind === 'rule' ? lookup.rule(f.undo.rule) : f.undo.kind === 'nat' ? lookup.nat(f.undo.nat) : undefined;
      if (handle) this.handles.set(f.info.id, handle);
      else if (f.undo.kind === 'rule' || f.undo.kind === 'nat') throw new TwinError('XTW_ERR_TWIN_BAD_CHECKPOINT', { value: `fault ${f.info.id} (${f.info.kind}) names ${f.undo.kind} ${f.undo.kind === 'rule' ? f.undo.rule : f.undo.nat}, which the network does not have` });
    }
    this.nextId = state.nextId;
  }

  /** The undo of a fault installed through `h` (its handle is kept for the heal, for the fault about to be added). */
  private handled(h: RuleHandle | NatHandle, kind: 'rule' | 'nat'): Undo {
    this.handles.set(this.nextId, h);
    return kind === 'rule' ? { kind, rule: h.id } : { kind, nat: h.id };
  }

  private undo(id: number, undo: Undo): void {
    if (undo.kind === 'power') return this.world.powerOnIfOff(undo.peer);
    if (undo.kind === 'dns') return this.world.dns.setFailure(undo.name, undefined, undo.forHost === undefined ? {} : { forHost: undo.forHost });
    this.handles.get(id)?.remove();
    this.handles.delete(id);
  }

  private add(kind: string, description: string, undo: Undo, structure: Pick<TwinOwnTraceKinds['fault.inject'], 'groups' | 'oneWay'> = {}): ActiveFault {
    const info = { id: this.nextId++, kind, description };
    this.active.set(info.id, { info, undo });
    this.world.own.emit('twin', 'fault.inject', { ...info, ...structure });
    return info;
  }
}
