// Safety: the endpoints registered to the cluster stay within its capacity by the four-peer rule
// (DOMAIN §2.1): peers add capacity up to four, the fifth and sixth add none, a small VM adds none;
// no peer holds more than its own platform's figure (DOMAIN §2.2). What is checked is what the twin
// did — the registrations its peers show at the end, the peak the trace's `endpoints.register`
// events reach during the run, the capacity the twin reports — against a figure computed here from
// the observed platforms and the per-node table, not with the twin's cluster formula. A world with
// no endpoints registers nothing, so there is nothing to observe.
import { nodeCapacity, type Platform, type TraceEvent } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

/** The node table the twin's endpoint model uses (it does not vary by version). */
const RELEASE = 'X14';
/** DOMAIN §2.1: peers beyond the fourth add no capacity. */
const COUNTED_PEERS = 4;

/** The four-peer rule over the observed platforms; undefined for a mixed cluster (refused by R4, no documented figure). */
function expectedCapacity(platforms: readonly Platform[]): number | undefined {
  if (new Set(platforms).size !== 1) return undefined;
  const platform = platforms[0]!;
  const factor = platform === 'small-vm' ? 1 : Math.min(platforms.length, COUNTED_PEERS);
  return nodeCapacity(platform, RELEASE).registrations * factor;
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
  name: 'capacity-four-peer-rule',
  class: 'safety',
  description: 'registered endpoints never exceed min(peers, 4) × one node (× 1 for small VMs), nor a peer its own figure',
  check({ twin, run }) {
    const peers = twin.peerNames().map((n) => twin.observe(n));
    const registered = peers.reduce((sum, o) => sum + o.registrations, 0);
    const population = registered + twin.endpointsWaiting();
    if (population === 0) return HOLDS;
    for (const o of peers) {
      const limit = nodeCapacity(o.system.platform as Platform, RELEASE).registrations;
      if (o.registrations > limit) return broken(`${o.name} (${o.system.platform}) holds ${o.registrations} registrations, above its ${limit}`);
    }
    const platforms = peers.map((o) => o.system.platform as Platform);
    const expected = expectedCapacity(platforms);
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
