// `xtwin alarms` lists the catalog as users see it: twin-only ids marked "(twin)", product ids bare,
// and every alarm the twin does not raise with its "not modelled" reason. Spawned as a user runs it.
import { describe, expect, it } from 'vitest';
import { ALARMS } from '../../src/twin.js';
import { xtwin } from './helpers.js';

describe('xtwin alarms', () => {
  it('lists every alarm by its shown id, marks twin ids, and gives each unmodelled one its reason', () => {
    const r = xtwin(['alarms']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    for (const a of ALARMS) {
      const i = lines.findIndex((l) => l.startsWith(`${a.shownId} `) && l.includes(`${a.title}: ${a.description}`));
      expect(i, a.key).toBeGreaterThanOrEqual(0);
      expect(lines[i + 1]!.trim(), a.key).toBe(a.notModelled ? `not modelled: ${a.notModelled}` : `source: ${a.source}`);
    }
    expect(lines.filter((l) => /^299\d\d \(twin\) /.test(l))).toHaveLength(ALARMS.filter((a) => a.idAssumed).length);
    expect(lines.some((l) => /^299\d\d /.test(l))).toBe(true);
    expect(lines.filter((l) => /^299\d\d\s+(?!\(twin\))/.test(l))).toEqual([]);
  });

  it('--json gives the same rows as data', () => {
    const rows = JSON.parse(xtwin(['alarms', '--json']).stdout) as { id: string; key: string; notModelled?: string }[];
    expect(rows.map((r) => r.key)).toEqual(ALARMS.map((a) => a.key));
    expect(rows.find((r) => r.key === 'restart-required-tls-verification')!.notModelled).toMatch(/20007 alone/);
    expect(rows.find((r) => r.key === 'cluster-config-error')!.id).toBe('29905 (twin)');
  });
});
