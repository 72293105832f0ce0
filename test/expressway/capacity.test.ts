// Capacity and licence pooling (DOMAIN §2.1-§2.3): the four-peer rule, the X14.2+ N+1 model, small VMs,
// mixed platforms and the licence-pooling example of the admin guide.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clusterCapacity, nodeCapacity, pooledLicences, type CapacityModel, type NodeCapacity, type Platform, type Release,
} from '../../src/expressway/capacity.js';
import { PeerError } from '../../src/expressway/errors.js';
import { FC_NUM_RUNS, FC_SEED } from '../setup.js';

const FIELDS: readonly (keyof NodeCapacity)[] = ['registrations', 'videoCallsNonMra', 'videoCallsMra', 'audioCalls', 'rmsLicences', 'mraRegistrations', 'turnRelays'];
const PLATFORMS: readonly Platform[] = ['small-vm', 'medium-vm', 'large-vm', 'ce1200', 'ce1300', 'ce500', 'ce1000', 'ce1100', 'ce1100-10g'];
const times = (k: number, node: NodeCapacity) => Object.fromEntries(FIELDS.map((f) => [f, k * node[f]]));
const figures = (c: NodeCapacity) => Object.fromEntries(FIELDS.map((f) => [f, c[f]]));
const cluster = (platforms: Platform[], model: CapacityModel, release: Release = 'X15') => clusterCapacity({ platforms, model, release });
const many = (n: number, p: Platform): Platform[] => Array.from({ length: n }, () => p);

describe('capacity: classic four-peer rule (DOMAIN §2.1, TechNote)', () => {
  const large = nodeCapacity('large-vm', 'X15');

  it.each([1, 2, 3, 4])('classic: %i large VMs give %i× one node', (n) => {
    expect(figures(cluster(many(n, 'large-vm'), 'classic'))).toEqual(times(n, large));
  });

  it.each([5, 6])('classic: the %ith peer adds resilience only — capacity stays 4× one node', (n) => {
    expect(figures(cluster(many(n, 'large-vm'), 'classic'))).toEqual(times(4, large));
    expect(cluster(many(n, 'large-vm'), 'classic').countedPeers).toBe(4);
  });

  it('classic X14.0: four-node figures equal the guide\'s clustered table (CE1200, Large VM, Medium VM)', () => {
    const c = (p: Platform) => figures(cluster(many(4, p), 'classic', 'X14'));
    expect(c('ce1200')).toMatchObject({ registrations: 20_000, videoCallsNonMra: 2000, audioCalls: 4000, rmsLicences: 2000, mraRegistrations: 20_000, turnRelays: 24_000 });
    expect(c('large-vm')).toMatchObject({ registrations: 20_000, videoCallsNonMra: 2000, audioCalls: 4000, rmsLicences: 2000, mraRegistrations: 10_000, turnRelays: 24_000 });
    expect(c('medium-vm')).toMatchObject({ registrations: 10_000, videoCallsNonMra: 400, audioCalls: 800, rmsLicences: 400, mraRegistrations: 10_000, turnRelays: 7200 });
  });
});

describe('capacity: X14.2+ N+1 model (DOMAIN §2.1 [AG-CAP])', () => {
  const ce = nodeCapacity('ce1200', 'X15');

  it.each([[1, 1], [2, 1], [3, 2], [4, 3], [5, 4], [6, 5]])('N+1: %i peers give %i× one node', (n, k) => {
    expect(figures(cluster(many(n, 'ce1200'), 'n-plus-1'))).toEqual(times(k, ce));
  });
});

describe('capacity: small VMs, mixed platforms, limits', () => {
  it.each(['classic', 'n-plus-1'] as const)('%s: any number of small VMs equals one small VM (redundancy only)', (model) => {
    const one = figures(nodeCapacity('small-vm', 'X15'));
    for (let n = 1; n <= 6; n++) expect(figures(cluster(many(n, 'small-vm'), model))).toEqual(one);
  });

  it('mixed platforms: the largest peers count — 2 large + 3 medium (classic) sum 2 large + 2 medium', () => {
    const large = nodeCapacity('large-vm', 'X15');
    const medium = nodeCapacity('medium-vm', 'X15');
    const got = figures(cluster(['medium-vm', 'large-vm', 'medium-vm', 'medium-vm', 'large-vm'], 'classic'));
    expect(got).toEqual(Object.fromEntries(FIELDS.map((f) => [f, 2 * large[f] + 2 * medium[f]])));
  });

  it('a small VM beside a larger peer adds nothing', () => {
    expect(figures(cluster(['medium-vm', 'small-vm'], 'classic'))).toEqual(figures(nodeCapacity('medium-vm', 'X15')));
  });

  it('a seventh peer is rejected with XTW_ERR_PEER_TOO_MANY_PEERS', () => {
    const thrown = (() => {
      try {
        cluster(many(7, 'large-vm'), 'classic');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(PeerError);
    expect((thrown as PeerError).code).toBe('XTW_ERR_PEER_TOO_MANY_PEERS');
  });

  it('PRRH raises MRA registrations on X15 only (DOMAIN §2.2)', () => {
    expect(nodeCapacity('ce1200', 'X15', { prrh: true }).mraRegistrations).toBe(7500);
    expect(nodeCapacity('large-vm', 'X15', { prrh: true }).mraRegistrations).toBe(4000);
    expect(nodeCapacity('ce1200', 'X14', { prrh: true }).mraRegistrations).toBe(5000);
  });

  it.each(['X14', 'X15'] as const)('%s: the platforms are ordered by size, each at least the next in every column', (release) => {
    // Why: "the largest peers count" is only well defined, and capacity only monotone, if this holds.
    const order: Platform[] = ['ce1300', 'ce1200', 'large-vm', 'medium-vm', 'small-vm'];
    for (let i = 0; i + 1 < order.length; i++) {
      const a = nodeCapacity(order[i]!, release);
      const b = nodeCapacity(order[i + 1]!, release);
      for (const f of FIELDS) expect(a[f], `${order[i]} ${f} ≥ ${order[i + 1]}`).toBeGreaterThanOrEqual(b[f]);
    }
  });
});

describe(`capacity: properties (seed ${FC_SEED}, ${FC_NUM_RUNS} runs)`, () => {
  const arb = fc.record({
    platforms: fc.array(fc.constantFrom(...PLATFORMS), { minLength: 1, maxLength: 5 }),
    extra: fc.constantFrom(...PLATFORMS),
    model: fc.constantFrom<CapacityModel>('classic', 'n-plus-1'),
    release: fc.constantFrom<Release>('X14', 'X15'),
  });

  it('adding a peer never lowers any capacity figure (monotone in peer count)', () => {
    fc.assert(fc.property(arb, ({ platforms, extra, model, release }) => {
      const before = clusterCapacity({ platforms, model, release });
      const after = clusterCapacity({ platforms: [...platforms, extra], model, release });
      for (const f of FIELDS) expect(after[f]).toBeGreaterThanOrEqual(before[f]);
    }));
  });

  it('capacity never exceeds 4× (classic) or 5× (N+1) the largest node, in every column', () => {
    fc.assert(fc.property(arb, ({ platforms, extra, model, release }) => {
      const all = [...platforms, extra];
      const got = clusterCapacity({ platforms: all, model, release });
      const factor = model === 'classic' ? 4 : 5;
      for (const f of FIELDS) expect(got[f]).toBeLessThanOrEqual(factor * Math.max(...all.map((p) => nodeCapacity(p, release)[f])));
    }));
  });
});

describe('licence pooling (DOMAIN §2.3)', () => {
  it('the guide\'s example: 250/250/250 desktop and 100/100/50 RMS on peers 1-3, none on peer 4 → 750 desktop, 250 RMS', () => {
    const pool = pooledLicences([{ desktop: 250, rms: 100 }, { desktop: 250, rms: 100 }, { desktop: 250, rms: 50 }, {}], 'expressway');
    expect(pool.pooled).toEqual({ rms: 250, room: 0, desktop: 750 });
  });

  it('VCS pools traversal and non-traversal calls but each peer keeps its own registrations', () => {
    const pool = pooledLicences([{ traversal: 10, nonTraversal: 50, registrations: 2500 }, { traversal: 5, registrations: 2500 }], 'vcs');
    expect(pool.pooled).toEqual({ traversal: 15, nonTraversal: 50 });
    expect(pool.perPeer).toEqual([{ registrations: 2500 }, { registrations: 2500 }]);
  });

  it('TURN relays are per peer unless the version pools them (turnPooled)', () => {
    const peers = [{ turn: 100 }, { turn: 50 }];
    expect(pooledLicences(peers, 'expressway').pooled.turn).toBeUndefined();
    expect(pooledLicences(peers, 'expressway').perPeer).toEqual(peers);
    expect(pooledLicences(peers, 'expressway', { turnPooled: true }).pooled.turn).toBe(150);
  });
});
