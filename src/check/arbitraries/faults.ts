/**
 * Fault schedules for a topology (STYLE R12): partitions (symmetric and one-way), latency spikes
 * below and above the 80 ms round trip, loss, NAT appearing between peers, DNS failures and power
 * loss — each at a random moment for a random time. fast-check shrinks a schedule towards fewer,
 * shorter, earlier faults.
 */
import fc from 'fast-check';
import type { FaultSpec } from '../../operator/index.js';
import type { ScheduledFault } from '../case.js';

export const FAULT_KINDS = ['partition', 'one-way', 'latency', 'loss', 'nat', 'dns', 'power'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultWorld {
  readonly peers: readonly string[];
  readonly fqdns: readonly string[];
  /** faults start within this window of virtual time */
  readonly windowMs: number;
}

/** How long a fault lasts: 10 s to 10 min. */
export const FAULT_DURATION_MS = { min: 10_000, max: 600_000 } as const;
/** At most this many faults in one case. */
export const MAX_FAULTS = 4;

export function faultSpec(kind: FaultKind, w: FaultWorld): fc.Arbitrary<FaultSpec> {
  const peer = fc.constantFrom(...w.peers);
  const pair = fc.uniqueArray(peer, { minLength: 2, maxLength: 2 }) as fc.Arbitrary<[string, string]>;
  const split = fc.subarray([...w.peers], { minLength: 1, maxLength: Math.max(1, w.peers.length - 1) })
    .map((a): [string[], string[]] => [a, w.peers.filter((p) => !a.includes(p))]);
  switch (kind) {
    case 'partition':
      return split.map((groups) => ({ kind: 'partition', groups }));
    case 'one-way':
      return split.map((groups) => ({ kind: 'partition', groups, oneWay: true }));
    case 'latency':
      return fc.oneof(
        // a spike added each way, 5-100 ms: round trips from about 10 ms (fine) to 200 ms (above the limit)
        fc.record({ between: pair, latencyMsMean: fc.integer({ min: 5, max: 100 }) }).map((f): FaultSpec => ({ kind: 'latency', ...f })),
        // the path's round trip set outright, often right on DOMAIN §3 R5's edge: 80 holds, 81 does not
        fc.record({ between: pair, rttMs: fc.oneof(fc.constantFrom(80, 81), fc.integer({ min: 20, max: 160 })) }).map((f): FaultSpec => ({ kind: 'latency', ...f })),
      );
    case 'loss':
      return fc.record({ between: pair, lossRatio: fc.constantFrom(0.05, 0.2, 0.5) }).map((f) => ({ kind: 'loss', ...f }));
    case 'nat':
      return peer.map((p) => ({ kind: 'nat', inside: [p], publicAddress: '192.0.2.200' }));
    case 'dns':
      return fc.record({ name: fc.constantFrom(...w.fqdns), failure: fc.constantFrom('nxdomain' as const, 'servfail' as const, 'timeout' as const) })
        .map((f) => ({ kind: 'dns-failure', ...f }));
    case 'power':
      return peer.map((p) => ({ kind: 'power-loss', peer: p }));
  }
}

export function faultSchedule(kinds: readonly FaultKind[], w: FaultWorld): fc.Arbitrary<ScheduledFault[]> {
  if (kinds.length === 0 || w.peers.length === 0) return fc.constant([]);
  const one = fc.record({
    atMs: fc.integer({ min: 0, max: Math.max(0, w.windowMs) }),
    durationMs: fc.integer(FAULT_DURATION_MS),
    fault: fc.oneof(...kinds.filter((k) => w.peers.length > 1 || k === 'power' || k === 'dns').map((k) => faultSpec(k, w))),
  });
  return fc.array(one, { maxLength: MAX_FAULTS });
}
