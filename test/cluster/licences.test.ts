// Licences on the running twin (DOMAIN §2.3, §7.2 30012-30017): the pool every peer counts from the
// others' hellos, shown the same by `xStatus Licensing` and the admin licence page; two peers lost
// half an hour apart run the countdown through 30012-30017 and, two weeks after each loss, leave the pool; a peer
// taken out of the list is forgotten, which ends its countdown.
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../sim/index.js';
import { applyAction, licencesPage, runTshell } from '../../src/operator/index.js';
import { createTwin, type OptionKey, type Twin } from '../../src/twin.js';

const rms = (key: string, count: number): OptionKey => ({ key, kind: 'licence', description: 'Rich media sessions', licence: { type: 'rms', count } });

function cluster(): Twin {
  const twin = createTwin({
    seed: 3,
    topology: {
      peers: [
        { name: 'expc01', lan1: { ipv4: '10.0.0.11' }, optionKeys: [rms('A', 100)] },
        { name: 'expc02', lan1: { ipv4: '10.0.0.12' }, optionKeys: [rms('B', 50), { key: 'C', kind: 'licence', description: 'Desktop registrations', licence: { type: 'desktop', count: 250 } }] },
        { name: 'expc03', lan1: { ipv4: '10.0.0.13' }, optionKeys: [rms('D', 25)] },
      ],
      cluster: { peers: ['expc01', 'expc02', 'expc03'] },
    },
  });
  twin.advance(5 * 60_000);
  return twin;
}

const ok = (twin: Twin, peer: string, line: string) => {
  const r = runTshell(twin, peer, line);
  expect(r.ok, r.output.join('\n')).toBe(true);
  return r.output;
};
const countdown = (twin: Twin, peer: string) => twin.observe(peer).alarms.filter((a) => /^3001[2-7]$/.test(a.id)).map((a) => a.id);

describe('licences across the running cluster (DOMAIN §2.3)', () => {
  it('every peer counts the same pool; xStatus Licensing and the licence page show the same figures', () => {
    const twin = cluster();
    for (const name of ['expc01', 'expc02', 'expc03']) {
      const page = licencesPage(twin.observe(name), twin.nowMs, twin.logClock.epochUtcMs);
      expect(page.pool, name).toEqual({ rms: 175, room: 0, desktop: 250 });
      expect(page.capacityModel).toBe('N+1');
      const out = ok(twin, name, 'xStatus Licensing');
      expect(out).toEqual(expect.arrayContaining(['    CapacityModel: "N+1"', '    Pool:', `      RMS: ${page.pool.rms}`, `      Desktop: ${page.pool.desktop}`]));
      expect(out.filter((l) => /Status: "In contact"/.test(l))).toHaveLength(page.peers.length);
    }
    expect(licencesPage(twin.observe('expc01'), twin.nowMs, twin.logClock.epochUtcMs).peers.map((p) => [p.address, p.status, p.rms]))
      .toEqual([['10.0.0.12', 'In contact', 50], ['10.0.0.13', 'In contact', 25]]);
  });

  it('two peers lost half an hour apart: the survivor counts down 30012, 30013 (both in hours), 30012 + 30014, 30015 (both in days), 30014 + 30016, 30017 — each raised once — and the pool shrinks at two weeks', () => {
    const twin = cluster();
    const HALF = HOUR_MS / 2;
    const at = (ms: number) => twin.advance(lostAt + ms + 5 * 60_000 - twin.nowMs);
    applyAction(twin, { kind: 'power', peer: 'expc02', on: false });
    const lostAt = twin.nowMs;
    twin.advance(lostAt + HALF - twin.nowMs);
    applyAction(twin, { kind: 'power', peer: 'expc03', on: false });
    at(HOUR_MS);
    expect(countdown(twin, 'expc01')).toEqual(['30012']);
    expect(twin.observe('expc01').alarms.find((a) => a.id === '30012')!.detail)
      .toBe('License usage of lost cluster peer: Cluster peer 10.0.0.12 has been unavailable for more than 1 hours. Its licenses will be removed from the total available for use across the cluster on 2026-12-08.');
    at(HOUR_MS + HALF);
    expect(countdown(twin, 'expc01')).toEqual(['30013']);
    expect(twin.observe('expc01').alarms.find((a) => a.id === '30013')!.detail).toBe(
      'License usage of lost cluster peer: Several cluster peers have been unavailable for more than 1 hours. Their licenses will be removed from the total available for use across the cluster as follows: 10.0.0.12 on 2026-12-08, 10.0.0.13 on 2026-12-08.');
    at(DAY_MS);
    expect(countdown(twin, 'expc01').sort()).toEqual(['30012', '30014']);
    at(DAY_MS + HALF);
    expect(countdown(twin, 'expc01')).toEqual(['30015']);
    expect(licencesPage(twin.observe('expc01'), twin.nowMs, twin.logClock.epochUtcMs).pool.rms).toBe(175);
    at(14 * DAY_MS);
    expect(countdown(twin, 'expc01').sort()).toEqual(['30014', '30016']);
    expect(licencesPage(twin.observe('expc01'), twin.nowMs, twin.logClock.epochUtcMs).pool).toEqual({ rms: 125, room: 0, desktop: 0 });
    at(14 * DAY_MS + HALF);
    expect(countdown(twin, 'expc01')).toEqual(['30017']);
    const page = licencesPage(twin.observe('expc01'), twin.nowMs, twin.logClock.epochUtcMs);
    expect(page.pool).toEqual({ rms: 100, room: 0, desktop: 0 });
    expect(page.peers.map((p) => p.status)).toEqual(['Removed from pool', 'Removed from pool']);
    expect(page.notices).toHaveLength(1);
    const raises = twin.events().filter((e) => e.source === 'expc01' && e.kind === 'alarm.raise' && /^3001/.test(String(e.data.id))).map((e) => e.data.id);
    expect(raises).toEqual(['30012', '30013', '30012', '30014', '30015', '30014', '30016', '30017']);
    // Removing the dead peers from the list (DOMAIN §6.5) forgets them: the countdown ends.
    for (const n of [3, 2]) {
      const r = applyAction(twin, { kind: 'tshell', peer: 'expc01', line: `xConfiguration Alternates Peer ${n} Address: ""` });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    twin.advance(60_000);
    expect(countdown(twin, 'expc01')).toEqual([]);
  });
});
