/**
 * Fault actions: check a `FaultSpec` completely, then install it through the twin's few plain verbs
 * (STYLE R10) — partition, latency, loss, NAT, a DNS failure, a power cut, a database failure. The
 * first six return a fault id that `heal` removes (healing a power cut powers the peer back on); a
 * database failure is undone by the procedure of DOMAIN §6.18 (root `clusterdb_destroy_and_purge_data.sh`).
 */
import { isFqdn, PeerError, type Twin } from '../twin.js';
import type { FaultSpec } from './actionTypes.js';
import { OperatorError } from './errors.js';
import { MAX_FAULT_LATENCY_MS } from './bounds.js';
import { bad, finite, flag, ipAddress, knownPeer, oneOf, peerList, record, requiredText, type Fields } from './validate.js';

const FAULT_KINDS: readonly FaultSpec['kind'][] = ['partition', 'latency', 'loss', 'nat', 'dns-failure', 'power-loss', 'database-failure'];

/** What installing a fault gives: the lines to show, and the id to heal it by. */
export interface InstalledFault {
  readonly output: string[];
  readonly faultId?: number;
}

/** Validate `raw` as a FaultSpec against this twin; returns a thunk that installs it and says what happened. */
export function prepareFault(twin: Twin, raw: unknown): () => InstalledFault {
  const f = record('fault', raw, 'fault');
  const kind = oneOf('fault', f, 'kind', FAULT_KINDS) as FaultSpec['kind'];
  const action = `fault ${kind}`;
  switch (kind) {
    case 'partition': {
      const groups = f.groups;
      if (!Array.isArray(groups) || groups.length !== 2) bad(action, 'groups', 'two lists of peer names', groups);
      const a = peerList(twin, action, groups[0], 'groups[0]');
      const b = peerList(twin, action, groups[1], 'groups[1]');
      if (a.some((n) => b.includes(n))) bad(action, 'groups', 'two disjoint groups', groups);
      const oneWay = flag(action, f, 'oneWay') ?? false;
      return () => installed(twin.partition(a, b, { oneWay }));
    }
    case 'latency': {
      const between = pair(twin, action, f);
      if ((f.latencyMsMean === undefined) === (f.rttMs === undefined)) bad(action, 'latencyMsMean', 'either latencyMsMean (added each way) or rttMs (the round trip), not both', f.latencyMsMean ?? f.rttMs);
      const latencyMsJitter = finite(action, f, 'latencyMsJitter', { min: 0, max: MAX_FAULT_LATENCY_MS, optional: true });
      const jitter = latencyMsJitter !== undefined ? { latencyMsJitter } : {};
      if (f.rttMs !== undefined) {
        const rttMs = finite(action, f, 'rttMs', { min: 0, max: 2 * MAX_FAULT_LATENCY_MS }) as number;
        return () => installed(twin.latency({ ...between, rttMs, ...jitter }));
      }
      const latencyMsMean = finite(action, f, 'latencyMsMean', { min: 0, max: MAX_FAULT_LATENCY_MS }) as number;
      return () => installed(twin.latency({ ...between, latencyMsMean, ...jitter }));
    }
    case 'loss': {
      const between = pair(twin, action, f);
      const lossRatio = finite(action, f, 'lossRatio', { min: 0, max: 1 }) as number;
      return () => installed(twin.loss({ ...between, lossRatio }));
    }
    case 'nat': {
      const inside = peerList(twin, action, f.inside, 'inside');
      const publicAddress = ipAddress(action, f, 'publicAddress');
      return () => installed(twin.nat({ inside, publicAddress }));
    }
    case 'dns-failure': {
      const name = requiredText(action, f, 'name').trim().toLowerCase();
      if (!isFqdn(name)) bad(action, 'name', 'a DNS name', f.name);
      const failure = oneOf(action, f, 'failure', ['nxdomain', 'servfail', 'timeout'] as const) as 'nxdomain' | 'servfail' | 'timeout';
      const forHost = f.forPeer === undefined ? undefined : knownPeer(twin, f.forPeer);
      return () => installed(twin.dnsFailure({ name, failure, ...(forHost ? { forHost } : {}) }));
    }
    case 'power-loss': {
      const peer = knownPeer(twin, f.peer);
      if (twin.observe(peer).state === 'poweredOff') throw new OperatorError('XTW_ERR_OP_POWER_STATE', { peer, value: 'off' });
      return () => installed(twin.powerLoss(peer));
    }
    case 'database-failure': {
      const peer = knownPeer(twin, f.peer);
      // Only a running database can fail (the peer machine ignores the event in any other state).
      const state = twin.observe(peer).state;
      if (state !== 'running') throw new PeerError('XTW_ERR_PEER_NOT_RUNNING', { state });
      return () => {
        twin.failDatabase(peer);
        return { output: [`${peer}: cluster database failed`] };
      };
    }
  }
}

function pair(twin: Twin, action: string, f: Fields): { from?: string; to?: string } {
  if (f.between === undefined) return {};
  const list = peerList(twin, action, f.between, 'between');
  if (list.length !== 2) bad(action, 'between', 'two different peers', f.between);
  return { from: list[0]!, to: list[1]! };
}

function installed(fault: { id: number; kind: string; description: string }): InstalledFault {
  return { output: [`fault ${fault.id} (${fault.kind}): ${fault.description}`], faultId: fault.id };
}
