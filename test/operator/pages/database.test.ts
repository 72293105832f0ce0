// Cluster database status view model: Active when healthy; a failed database and its recovery (DOMAIN §6.18).
import { describe, expect, it } from 'vitest';
import { databasePage } from '../../../src/operator/index.js';
import { smallTwin } from '../helpers.js';

describe('databasePage (cluster database status)', () => {
  it('Active on a healthy peer; a failed database shows the failure, its alarm and the DOMAIN §6.18 recovery', () => {
    const twin = smallTwin();
    expect(databasePage(twin.observe('expc01'))).toMatchObject({ status: 'Active', tone: 'green', failed: false, recovery: [], node: 'clusterdb@expc01.example.com' });
    twin.failDatabase('expc02');
    twin.advance(60_000);
    const failed = databasePage(twin.observe('expc02'));
    expect(failed).toMatchObject({ state: 'databaseFailure', failed: true });
    expect(failed.recovery).toHaveLength(2);
    expect(failed.alarms.map((a) => a.title)).toContain('Expressway database failure');
    const primary = databasePage(twin.observe('expc01'));
    expect(primary.status).not.toBe('Active');
    expect(primary.alarms.map((a) => a.id)).toContain('20006');
  });
});
