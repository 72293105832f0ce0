// Safety: the endpoints registered to the cluster stay within its capacity by the rule of its release
// (DOMAIN §2.1): before X14.2 the four-peer rule (peers add capacity up to four, the fifth and sixth
// add none); from X14.2 the N+1 model (n+1 peers give n× one node, at most 5×); a small VM adds none;
// no peer holds more than its own platform's figure (DOMAIN §2.2). What is checked is what the twin
// did — the registrations its peers show at the end, the peak the trace's `endpoints.register`
// events reach during the run, the capacity the twin reports — against a figure computed here from
// the observed platforms and the per-node table, not with the twin's cluster formula. A world with
// no endpoints registers nothing, so there is nothing to observe.
import { nodeCapacity, type Platform, type TraceEvent } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

/** DOMAIN §2.1, written out here rather than taken from the twin: the N+1 model from X14.2 on. */
const N_PLUS_1_FROM: readonly [number, number] = [14, 2];
/** DOMAIN §2.2: the X15.x table from X15 on, the X14.0 one before. */
const X15_TABLE_FROM = 15;

const versionParts = (v: string): [number, number] => {
  const m = /^X(\d+)\.(\d+)/i.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
};
const older = (a: [number, number], b: readonly [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/** The rule of the oldest observed release over the observed platforms; undefined for a mixed cluster (refused by R4, no documented figure). */
function expectedCapacity(platforms: readonly Platform[], versions: readonly string[]): number | undefined {
  if (new Set(platforms).size !== 1) return undefined;
  const platform = platforms[0]!;
  const oldest = versions.map(versionParts).reduce((a, b) => (older(b, a) ? b : a));
  const n = platforms.length;
  const factor = platform === 'small-vm' ? 1 : older(oldest, N_PLUS_1_FROM) ? Math.min(n, 4) : Math.max(1, Math.min(n - 1, 5));
  return nodeCapacity(platform, oldest[0] >= X15_TABLE_FROM ? 'X15' : 'X14').registrations * factor;
}

/** The most endpoints registered at once during the run: population minus those waiting, at each placement. */
function peakRegistered(events: readonly TraceEvent[], population: number): number {
  let peak = 0;
  for (const e of events) {
    if (e.kind === 'endpoints.register') peak = Math.max(peak, population - Number(e.data.waiting));
  }
  return peak;
}

export const capacityRule: Invariant = {
  name: 'capacity-rule',
  class: 'safety',
  description: "registered endpoints never exceed the release's rule — min(peers, 4) × one node before X14.2, min(peers − 1, 5) × from X14.2 (× 1 for small VMs) — nor a peer its own figure",
  check({ twin, run }) {
    const peers = twin.peerNames().map((n) => twin.observe(n));
    const registered = peers.reduce((sum, o) => sum + o.registrations, 0);
    const population = registered + twin.endpointsWaiting();
    if (population === 0) return HOLDS;
    for (const o of peers) {
      const limit = nodeCapacity(o.system.platform as Platform, versionParts(o.system.version)[0] >= X15_TABLE_FROM ? 'X15' : 'X14').registrations;
      if (o.registrations > limit) return broken(`${o.name} (${o.system.platform}) holds ${o.registrations} registrations, above its ${limit}`);
    }
    const platforms = peers.map((o) => o.system.platform as Platform);
    const expected = expectedCapacity(platforms, peers.map((o) => o.system.version));
    if (expected === undefined) return HOLDS;
    const what = `${peers.length} × ${platforms[0]}`;
    const reported = twin.registrationCapacity();
    if (reported !== expected) return broken(`capacity of ${what} is ${reported} registrations, expected ${expected}`);
    const peak = Math.max(peakRegistered(run.events, population), registered);
    if (peak > expected) {
      const evidence = run.events.filter((e) => e.kind === 'endpoints.register' && population - Number(e.data.waiting) > expected);
      return broken(`${peak} endpoints registered to ${what}, above its capacity of ${expected}`, evidence);
    }
    return HOLDS;
  },
};
