// The licence pool and the lost-peer countdown as pure rules (DOMAIN §2.3, §7.2 30012-30017): what
// a peer may draw on, when each countdown alarm applies, what it says, and when it next changes.
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../sim/index.js';
import {
  countdownAlarms, countdownStage, licencePool, licencesOf, LOST_PEER_COUNTDOWN_FROM_MS, nextCountdownChangeMs, type KnownPeer,
} from '../../src/expressway/licences.js';
import { EPOCH_UTC_MS } from './helpers.js';

const peer = (address: string, licences: KnownPeer['licences'], lostAtMs?: number): KnownPeer => ({ address, licences, ...(lostAtMs === undefined ? {} : { lostAtMs }) });

describe('licences (DOMAIN §2.3)', () => {
  it('counts licence keys by kind; feature keys carry none', () => {
    expect(licencesOf([
      { key: 'A', kind: 'licence', description: 'RMS', licence: { type: 'rms', count: 100 } },
      { key: 'B', kind: 'licence', description: 'RMS', licence: { type: 'rms', count: 50 } },
      { key: 'C', kind: 'licence', description: 'Desktop', licence: { type: 'desktop', count: 250 } },
      { key: 'D', kind: 'licence', description: 'Non-traversal', licence: { type: 'non-traversal', count: 5 } },
      { key: 'E', kind: 'feature', description: 'Advanced Account Security' },
    ])).toEqual({ rms: 150, desktop: 250, nonTraversal: 5 });
  });

  it("the guide's example: 250/250/250 desktop and 100/100/50 RMS on three peers, none on the fourth → 750 desktop and 250 RMS for every peer", () => {
    const others = [peer('10.0.0.11', { desktop: 250, rms: 100 }), peer('10.0.0.12', { desktop: 250, rms: 100 }), peer('10.0.0.13', { desktop: 250, rms: 50 })];
    expect(licencePool({}, others, 0)).toEqual({ rms: 250, room: 0, desktop: 750 });
  });

  it('a lost peer stays in the pool for two weeks, then leaves it', () => {
    const lost = peer('10.0.0.12', { rms: 100 }, 0);
    expect(licencePool({ rms: 50 }, [lost], 14 * DAY_MS - 1).rms).toBe(150);
    expect(licencePool({ rms: 50 }, [lost], 14 * DAY_MS).rms).toBe(50);
  });
});

describe('the lost-peer countdown (DOMAIN §7.2 30012-30017)', () => {
  it('stages: nothing before the first hour, hours, days from the first day, removed at two weeks', () => {
    expect([0, LOST_PEER_COUNTDOWN_FROM_MS - 1, LOST_PEER_COUNTDOWN_FROM_MS, DAY_MS - 1, DAY_MS, 14 * DAY_MS - 1, 14 * DAY_MS].map(countdownStage))
      .toEqual([undefined, undefined, 'hours', 'hours', 'days', 'days', 'removed']);
  });

  it('one peer: 30012 in hours, 30014 in days, 30016 once removed, each naming the peer and the removal date', () => {
    const p = [peer('10.0.0.12', {}, 0)];
    expect(countdownAlarms(p, 5 * HOUR_MS + 1, EPOCH_UTC_MS)).toEqual([{ key: 'lost-peer-licences-hours', params: { peer: '10.0.0.12', n: 5, date: '2026-12-08' } }]);
    expect(countdownAlarms(p, 3 * DAY_MS, EPOCH_UTC_MS)).toEqual([{ key: 'lost-peer-licences-days', params: { peer: '10.0.0.12', n: 3, date: '2026-12-08' } }]);
    expect(countdownAlarms(p, 20 * DAY_MS, EPOCH_UTC_MS)).toEqual([{ key: 'lost-peer-licences-removed', params: { peer: '10.0.0.12', n: 14, date: '2026-12-08' } }]);
  });

  it('several peers in one stage: 30013/30015 with the shortest loss and a list of removal dates; different stages each get theirs', () => {
    const p = [peer('10.0.0.12', {}, 0), peer('10.0.0.13', {}, 2 * DAY_MS)];
    expect(countdownAlarms(p, 4 * DAY_MS, EPOCH_UTC_MS)).toEqual([
      { key: 'lost-peers-licences-days', params: { n: 2, details: '10.0.0.12 on 2026-12-08, 10.0.0.13 on 2026-12-10' } },
    ]);
    expect(countdownAlarms(p, 2 * DAY_MS + 2 * HOUR_MS, EPOCH_UTC_MS).map((a) => a.key)).toEqual(['lost-peer-licences-hours', 'lost-peer-licences-days']);
    expect(countdownAlarms(p, 20 * DAY_MS, EPOCH_UTC_MS)).toEqual([{ key: 'lost-peers-licences-removed', params: { n: 14, date: '2026-12-10' } }]);
  });

  it('the next change is the next whole hour or day of the youngest countdown; nothing once every lost peer is removed', () => {
    expect(nextCountdownChangeMs([peer('a', {}, 0)], 0)).toBe(LOST_PEER_COUNTDOWN_FROM_MS);
    expect(nextCountdownChangeMs([peer('a', {}, 0)], 90 * 60_000)).toBe(2 * HOUR_MS);
    expect(nextCountdownChangeMs([peer('a', {}, 0)], 2 * DAY_MS + 5)).toBe(3 * DAY_MS);
    expect(nextCountdownChangeMs([peer('a', {}, 0)], 14 * DAY_MS)).toBeUndefined();
    expect(nextCountdownChangeMs([peer('a', {})], 0)).toBeUndefined();
  });
});
