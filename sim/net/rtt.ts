/**
 * Round trips between two hosts. `expectedMs` reads the current rules (base latency — or the rule
 * that replaces it — plus every other matching latency rule's mean, both ways) and draws no chance; `measure` sends an echo through the
 * real path and rules and reports the sampled delays out and back, or undefined when the echo or
 * its reply is lost within `rttProbeTimeoutMs`. Hosts talk over IPv4 when both have it, else IPv6.
 * A probe saves as JSON when its result goes to a named handler rather than a closure (issue #15).
 */
import { SimError } from '../errors.js';
import { checkJson, type Json } from '../json.js';
import type { EventHandler, EventId } from '../queue.js';
import type { Fabric, NetContext } from './fabric.js';
import type { Host, Iface } from './host.js';
import { Packet } from './packet.js';

const ECHO = 1;
const REPLY = 2;

/** What a named result handler receives: the round trip (null when lost) and the caller's context. */
export interface RttReply {
  readonly rttMs: number | null;
  readonly context: Json;
}

/** Where a result goes: a closure (a world that cannot be saved), or a registered handler and a context. */
export type RttCallback = ((rttMs: number | undefined) => void) | { readonly to: EventHandler<RttReply>; readonly context?: Json };

interface Probe {
  id: number;
  /** a closure, or the name of the handler to invoke with an `RttReply` */
  onResult: ((rttMs: number | undefined) => void) | string;
  context: Json;
  outMs: number;
  timer: EventId;
  done: boolean;
}

type SavedProbe = Omit<Probe, 'onResult'> & { onResult: string };

export interface RttSave {
  nextProbeId: number;
  probes: SavedProbe[];
}

/** @internal */
export class Rtt {
  private readonly timeout: EventHandler<Probe>;
  private nextProbeId = 0;
  /** probes waiting for their echo or timeout */
  private readonly waiting = new Map<number, Probe>();
  /** probes restored from a checkpoint, finished ones included (an echo in flight may name them) */
  private readonly restored = new Map<number, Probe>();

  constructor(
    private readonly ctx: NetContext,
    private readonly fabric: Fabric,
  ) {
    fabric.plug('icmp', (p) => this.arrive(p), (p) => fabric.decideAndSchedule(p));
    this.timeout = ctx.queue.handler<Probe>('net.rtt.timeout', (probe) => this.finish(probe, undefined),
      { save: (probe) => probe.id, load: (id) => this.probeById(id as number) });
  }

  /** Waiting probes and those the given packets (in flight, held) belong to. */
  save(inFlight: Iterable<Packet>): RttSave {
    const probes = new Map(this.waiting);
    for (const p of inFlight) if (p.proto === 'icmp' && p.target !== undefined) probes.set((p.target as Probe).id, p.target as Probe);
    const out: SavedProbe[] = [];
    for (const probe of [...probes.values()].sort((a, b) => a.id - b.id)) {
      if (typeof probe.onResult === 'function') {
        throw new SimError('XTW_ERR_SIM_NOT_SAVABLE', { value: `round-trip probe ${probe.id}`, why: 'its result goes to a closure; pass { to: handler, context } to measureRtt' });
      }
      out.push({ ...probe, onResult: probe.onResult });
    }
    return { nextProbeId: this.nextProbeId, probes: out };
  }

  load(saved: RttSave): void {
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.probes)) {
      throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'the round-trip probes', why: 'not a saved state' });
    }
    this.nextProbeId = saved.nextProbeId;
    this.waiting.clear();
    this.restored.clear();
    for (const s of saved.probes) {
      const probe: Probe = { ...s };
      this.restored.set(probe.id, probe);
      if (!probe.done) this.waiting.set(probe.id, probe);
    }
  }

  saveTarget(p: Packet): Json {
    return p.target === undefined ? null : (p.target as Probe).id;
  }

  loadTarget(json: Json): Probe | undefined {
    return json === null ? undefined : this.probeById(json as number);
  }

  private probeById(id: number): Probe {
    const probe = this.waiting.get(id) ?? this.restored.get(id);
    if (probe === undefined) throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'a round-trip probe', why: `probe ${id} is not saved` });
    return probe;
  }

  expectedMs(a: Host, b: Host): number | undefined {
    const path = pathBetween(a, b);
    if (path === undefined) return undefined;
    const there = template(a, path[0], b, path[1], path[2]);
    const back = template(b, path[1], a, path[0], path[2]);
    if (this.fabric.blockedReason(there) !== undefined || this.fabric.blockedReason(back) !== undefined) return undefined;
    return this.oneWayMs(there) + this.oneWayMs(back);
  }

  /** The mean one-way delay of a packet shaped like `p`: base (or the last rule replacing it) plus added rules. */
  private oneWayMs(p: Packet): number {
    let baseMs = this.ctx.defaults.latencyMsMean;
    let addedMs = 0;
    for (const rule of this.ctx.rules) {
      if (rule.kind !== 'latency' || !rule.matches(p)) continue;
      const meanMs = rule.params.latencyMsMean as number;
      if (rule.params.replacesBase === true) baseMs = meanMs;
      else addedMs += meanMs;
    }
    return baseMs + addedMs;
  }

  measure(a: Host, b: Host, callback: RttCallback): void {
    const ctx = this.ctx;
    const named = typeof callback === 'object' && callback !== null && typeof callback.to?.name === 'string';
    if (typeof callback !== 'function' && !named) {
      throw new SimError('XTW_ERR_SIM_BAD_OPTION', { option: 'onResult', value: callback, expected: 'a function or { to: handler, context }' });
    }
    const probe: Probe = named
      ? { id: ++this.nextProbeId, onResult: (callback as { to: EventHandler<RttReply> }).to.name, context: checkJson((callback as { context?: Json }).context ?? null, 'a round-trip probe context'), outMs: 0, timer: 0, done: false }
      : { id: ++this.nextProbeId, onResult: callback as (rttMs: number | undefined) => void, context: null, outMs: 0, timer: 0, done: false };
    this.waiting.set(probe.id, probe);
    probe.timer = this.timeout.after(ctx.defaults.rttProbeTimeoutMs, probe);
    const path = pathBetween(a, b);
    const family = path?.[2] ?? 4;
    const srcIface = path?.[0] ?? a.firstIface(family);
    const dstAddress = path?.[1].address(family) ?? '';
    const p = new Packet(++ctx.nextPacketId, 'icmp', a.name, srcIface?.address(family) ?? '', 0, dstAddress, 0,
      undefined, 0, ctx.queue.nowMs);
    p.srcIface = srcIface;
    p.segment = ECHO;
    p.target = probe;
    if (dstAddress === '') {
      this.fabric.traceSend(p);
      this.fabric.drop(p, 'no-route');
      return;
    }
    this.fabric.transmit(p, a, srcIface);
  }

  private arrive(p: Packet): void {
    const problem = this.fabric.arrivalProblem(p);
    if (problem !== undefined) {
      this.fabric.drop(p, problem);
      return;
    }
    this.fabric.traceDeliver(p);
    const probe = p.target as Probe;
    if (p.segment === REPLY) {
      this.finish(probe, probe.outMs + p.latencyMs);
      return;
    }
    probe.outMs = p.latencyMs;
    const ctx = this.ctx;
    const host = p.dstIface!.host;
    // Echo back to the source as seen here: through a masquerade NAT that is the mapped port.
    const reply = new Packet(++ctx.nextPacketId, 'icmp', host.name, p.dst.address, p.dst.port, p.src.address, p.src.port,
      undefined, 0, ctx.queue.nowMs);
    reply.srcIface = p.dstIface;
    reply.segment = REPLY;
    reply.target = probe;
    this.fabric.transmit(reply, host, p.dstIface);
  }

  private finish(probe: Probe, rttMs: number | undefined): void {
    if (probe.done) return;
    probe.done = true;
    this.waiting.delete(probe.id);
    this.ctx.queue.cancel(probe.timer);
    if (typeof probe.onResult === 'function') probe.onResult(rttMs);
    else this.ctx.queue.invoke(probe.onResult, { rttMs: rttMs ?? null, context: probe.context } satisfies RttReply);
  }
}

/** The first interfaces of `a` and `b` sharing a family (IPv4 first), with that family. */
function pathBetween(a: Host, b: Host): [Iface, Iface, 4 | 6] | undefined {
  for (const family of [4, 6] as const) {
    const ia = a.firstIface(family);
    const ib = b.firstIface(family);
    if (ia && ib) return [ia, ib, family];
  }
  return undefined;
}

/** A packet shaped like one from `a` to `b` directly, for matching rules (no NAT is consulted). */
function template(a: Host, ia: Iface, b: Host, ib: Iface, family: 4 | 6): Packet {
  const p = new Packet(0, 'icmp', a.name, ia.address(family)!, 0, ib.address(family)!, 0, undefined, 0, 0);
  p.dstHost = b.name;
  p.srcIface = ia;
  p.dstIface = ib;
  return p;
}
