// Changing the configuration primary (DOMAIN §6.8), also while the old primary is dead (§6.5, §6.8
// step 5): mismatch alarms while peers disagree, cleared about one replication period after all
// agree, database Active at the end, and the new primary's configuration replicating.
import { describe, expect, it } from 'vitest';
import { clusteringPage, LINK_ALARMS, MINUTE, REPLICATION_PERIOD, SECOND, world, type Scenario } from '../helpers/world.js';

/** "Cluster primary mismatch" (twin id, DOMAIN §7.1 no id) and 20017 "Configuration primary ID is inconsistent". */
const MISMATCH = ['20017'];
const PRIMARY_ALARMS = [...MISMATCH, '20016'];
const STEP = 2.5 * MINUTE;

const primaryAlarms = (s: Scenario, refs: number[]): string[] =>
  s.some(refs).flatMap((o) => o.alarms.filter((a) => PRIMARY_ALARMS.includes(a.id)).map((a) => `${o.name}:${a.id}`));

describe('primary §6.8: change the configuration primary', () => {
  it('expc01 → expc02, one peer every 2.5 min (new primary first, then the old one): every peer shows 20017 while they disagree; all clear within one period after the last agrees; database Active', () => {
    const s = world({ peers: 3, clustered: 3 });
    s.after(MINUTE);
    const start = s.now;
    for (const n of [2, 1, 3]) {
      s.peer(n).save({ 'Alternates ConfigurationPrimary': 2 });
      if (n !== 3) s.after(STEP);
    }
    const agreedAt = s.now;
    for (const n of [1, 2, 3]) {
      const raised = s.alarmEvents({ peer: n, since: start, event: 'raise' }).filter((e) => MISMATCH.includes(e.id));
      expect(raised.length, `expc0${n} warned while peers disagreed`).toBeGreaterThan(0);
    }
    const took = s.waitFor(() => primaryAlarms(s, [1, 2, 3]).length === 0, REPLICATION_PERIOD + 5 * SECOND);
    expect(took, primaryAlarms(s, [1, 2, 3]).join(' ')).toBeDefined();
    // …and they stay clear.
    const clearAt = s.now;
    s.after(2 * REPLICATION_PERIOD);
    expect(s.alarmEvents({ since: clearAt, event: 'raise' }).filter((e) => PRIMARY_ALARMS.includes(e.id))).toEqual([]);
    expect(s.now - agreedAt).toBeGreaterThan(0);
    for (const o of s.all()) {
      expect(o.clustering.primaryIndex).toBe(2);
      expect(o.clustering.databaseStatus).toBe('Active');
    }
    expect(s.peer(2).observe().clustering.isPrimary).toBe(true);
  });

  it('after the change, a zone saved on expc02 reaches expc01 and expc03 within one period; a save on expc01 is overwritten', () => {
    const s = world({ peers: 3, clustered: 3 });
    for (const n of [2, 1, 3]) s.peer(n).save({ 'Alternates ConfigurationPrimary': 2 });
    s.after(REPLICATION_PERIOD + 5 * SECOND);
    s.peer(2).save({ 'Zones Zone 1 Name': 'FromNewPrimary' });
    expect(s.waitFor(() => s.all().every((o) => o.saved['Zones Zone 1 Name'] === 'FromNewPrimary'), REPLICATION_PERIOD + SECOND)).toBeDefined();
    s.peer(1).save({ 'Zones Zone 1 Name': 'OldPrimaryEdit' });
    expect(s.waitFor(() => s.peer(1).saved('Zones Zone 1 Name') === 'FromNewPrimary', REPLICATION_PERIOD + SECOND)).toBeDefined();
  });

  it('old primary expc01 powered off: expc02 and expc03 switch to primary 2; their primary alarms (20016, 20017) clear within one period of agreeing — none left on the new primary; after removing expc01 (§6.5) both are Active', () => {
    // Regression (src/cluster/replication.ts run): the new primary kept the 20016 it raised as a subordinate.
    const s = world({ peers: 3, clustered: 3 });
    s.after(MINUTE);
    s.peer(1).powerOff();
    s.after(STEP);
    expect(s.peer(2).alarmIds()).toContain('20016');
    s.peer(2).save({ 'Alternates ConfigurationPrimary': 2 });
    s.after(STEP);
    s.peer(3).save({ 'Alternates ConfigurationPrimary': 2 });
    const took = s.waitFor(() => primaryAlarms(s, [2, 3]).length === 0, REPLICATION_PERIOD + 5 * SECOND);
    expect(took, primaryAlarms(s, [2, 3]).join(' ')).toBeDefined();
    // expc01 is still listed and dead: the link alarms are expected until it is removed.
    expect(s.peer(2).alarmIds()).toEqual(expect.arrayContaining([...LINK_ALARMS]));

    // §6.5: the new primary deletes the dead address and compacts (its own index becomes 1); expc03 matches.
    s.peer(2).save(clusteringPage([2, 3], { primary: 1 }));
    s.peer(3).save(clusteringPage([2, 3], { primary: 1 }));
    const ok = s.waitFor(() => s.healthy([2, 3]) && primaryAlarms(s, [2, 3]).length === 0, 2 * REPLICATION_PERIOD);
    expect(ok).toBeDefined();
    for (const n of [2, 3]) expect(s.peer(n).observe().clustering.databaseStatus).toBe('Active');
    expect(s.peer(2).observe().clustering.isPrimary).toBe(true);
    s.peer(2).save({ 'Zones Zone 2 Name': 'AfterRemoval' });
    expect(s.waitFor(() => s.peer(3).saved('Zones Zone 2 Name') === 'AfterRemoval', REPLICATION_PERIOD + SECOND)).toBeDefined();
  });
});
