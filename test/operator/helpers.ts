// Small worlds for operator tests, and a snapshot of everything an operator could notice, so a
// test can claim "the world is unchanged" by comparing two snapshots.
import { expect } from 'vitest';
import { applyAction } from '../../src/operator/index.js';
import { createTwin, MESSAGES, type PeerTopology, type Twin } from '../../src/twin.js';

/** Settled cluster: links, the database and replication have had five minutes to come up. */
export const SETTLE_MS = 300_000;

export interface SmallTwinOptions {
  /** peers beyond expc01 and expc02 (expc03 is standalone) */
  peers?: number;
  cluster?: string[];
  primary?: string;
  peer?: Partial<PeerTopology>;
  settle?: boolean;
}

/** expc01 (primary) + expc02 clustered on IP addresses, expc03 standalone; seed 1. */
export function smallTwin(options: SmallTwinOptions = {}): Twin {
  const count = options.peers ?? 3;
  const peers: PeerTopology[] = Array.from({ length: count }, (_, i) => ({
    name: `expc0${i + 1}`,
    lan1: { ipv4: `10.0.0.${11 + i}` },
    ...options.peer,
  }));
  const twin = createTwin({
    seed: 1,
    topology: {
      peers,
      cluster: { peers: options.cluster ?? ['expc01', 'expc02'], name: 'cluster1.example.com', ...(options.primary ? { primary: options.primary } : {}) },
    },
  });
  if (options.settle !== false) twin.advance(SETTLE_MS);
  return twin;
}

/** What an operator could notice: the trace hash, the clock, every peer's observation, the faults. */
export function worldOf(twin: Twin): unknown {
  return {
    hash: twin.hash(),
    nowMs: twin.nowMs,
    events: twin.events().length,
    peers: twin.peerNames().map((n) => twin.observe(n)),
    faults: twin.activeFaults(),
  };
}

/** Save fields on System > Clustering through the operator action (it must be accepted). */
export function saveClustering(twin: Twin, peer: string, set: Record<string, string>): void {
  const r = applyAction(twin, { kind: 'page', peer, page: 'clustering', set });
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

/** The pending-factory-reset banner text (MESSAGES; wording assumed, DOMAIN §13 item 1). */
export const FACTORY_RESET_BANNER = MESSAGES['clustering.banner.factoryResetPending'].text;
