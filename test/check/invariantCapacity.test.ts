// capacity-rule at the edges the flood tests of invariants.test.ts do not reach: the release that
// switches the rule (X14.2 exactly, X14.1, X15), a cluster mid-upgrade (the oldest peer's release
// decides, DOMAIN is silent: the twin's assumption), and the peak a trace shows during the run
// against the capacity, above and exactly at it (mixed platforms: invariantEdges.test.ts).
import { describe, expect, it } from 'vitest';
import { createTwin, type Platform, type Topology } from '../../src/twin.js';
import { checkedWorld, event, expectBroken, inv, withEvents } from '../helpers/checkedRun.js';
import { MINUTE } from '../helpers/world.js';

/** `versions.length` peers (platform per peer, or one for all) flooded with endpoints, settled for a minute. */
function flooded(versions: readonly string[], platforms: Platform | readonly Platform[] = 'medium-vm', endpoints = 40_000) {
  const peers = versions.map((version, i) => ({
    name: `expc0${i + 1}`, version, platform: typeof platforms === 'string' ? platforms : platforms[i]!, lan1: { ipv4: `10.0.0.${11 + i}` },
  }));
  const topology: Topology = { peers, cluster: { peers: peers.map((p) => p.name) }, endpoints: { count: endpoints } };
  const twin = createTwin({ seed: 1, topology });
  twin.advance(MINUTE);
  return checkedWorld(twin, topology);
}
const registered = (r: ReturnType<typeof flooded>) => r.twin.peerNames().reduce((sum, n) => sum + r.twin.observe(n).registrations, 0);
const rule = inv('capacity-rule');

describe('capacity-rule: which release\'s rule', () => {
  it.each([
    // five medium VMs: four-peer rule 4 × 2,500; N+1 (n − 1) × 2,500
    ['X14.1.9', 10_000], ['X14.2', 10_000], ['X14.2.1', 10_000], ['X15.0', 10_000], ['X12.7', 10_000],
  ])('five medium VMs on %s: holds, the twin registering %i', (version, figure) => {
    const r = flooded(Array(5).fill(version));
    expect(rule.check(r)).toEqual({ ok: true });
    expect(registered(r)).toBe(figure);
  });

  it.each([
    // six medium VMs tell the rules apart: four-peer 4 × 2,500; N+1 5 × 2,500
    ['X14.1.9', 10_000], ['X14.2', 12_500], ['X15.0', 12_500], ['X13.9', 10_000],
  ])('six medium VMs on %s: holds, the twin registering %i', (version, figure) => {
    const r = flooded(Array(6).fill(version));
    expect(rule.check(r)).toEqual({ ok: true });
    expect(registered(r)).toBe(figure);
  });

  it('a cluster mid-upgrade follows its oldest peer (X14.3.1 and X14.1 → the four-peer rule)', () => {
    const r = flooded(['X14.3.1', 'X14.3.1', 'X14.1', 'X14.3.1', 'X14.3.1', 'X14.3.1']);
    expect(rule.check(r)).toEqual({ ok: true });
    expect(r.twin.registrationCapacity()).toBe(10_000);
    const last = flooded(['X14.3.1', 'X14.3.1', 'X14.3.1', 'X14.3.1', 'X14.3.1', 'X14.1']);
    expect(rule.check(last)).toEqual({ ok: true });
  });

  it('breaks when the twin reports the newer release\'s figure for a cluster mid-upgrade', () => {
    const r = flooded(['X14.3.1', 'X14.3.1', 'X14.3.1', 'X14.3.1', 'X14.3.1', 'X14.0.2']);
    const lying = { ...r, twin: new Proxy(r.twin, { get: (t, prop) => (prop === 'registrationCapacity' ? () => 12_500 : (Reflect.get(t, prop, t) as (...a: unknown[]) => unknown).bind(t)) }) };
    expectBroken(rule.check(lying), 'capacity of 6 × medium-vm is 12500 registrations, expected 10000');
  });
});

describe('capacity-rule: what it holds the twin to', () => {
  it('the peak during the run counts, not only the end: a trace that placed more than the capacity breaks it', () => {
    const r = flooded(Array(3).fill('X14.3.1'), 'medium-vm', 6_000);
    expect(rule.check(r)).toEqual({ ok: true });
    // 6,000 endpoints, 0 waiting at one placement: all registered at once, above 2 × 2,500.
    const over = event('endpoints', 'endpoints.register', { placed: 6_000, waiting: 0 }, r.twin.nowMs);
    const v = rule.check(withEvents(r, [...r.run.events, over]));
    expectBroken(v, '6000 endpoints registered to 3 × medium-vm, above its capacity of 5000');
    expect(v.ok ? [] : v.evidence).toEqual([over]);
  });

  it('a placement exactly at the capacity holds', () => {
    const r = flooded(Array(3).fill('X14.3.1'), 'medium-vm', 6_000);
    const atCapacity = event('endpoints', 'endpoints.register', { placed: 5_000, waiting: 1_000 }, r.twin.nowMs);
    expect(rule.check(withEvents(r, [...r.run.events, atCapacity]))).toEqual({ ok: true });
  });
});
