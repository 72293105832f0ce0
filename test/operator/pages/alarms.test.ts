// Status > Alarms view model: rows with id, severity, title, description and raised time.
import { describe, expect, it } from 'vitest';
import { alarmsPage } from '../../../src/operator/index.js';
import { smallTwin } from '../helpers.js';

describe('alarmsPage (Status > Alarms)', () => {
  it('one row per alarm with id, title-case severity, title, description and raised time', () => {
    const page = alarmsPage(smallTwin().observe('expc01'));
    expect(page.rows).toEqual([{
      key: 'cluster-tls-permissive', id: '40049', uuid: 'e1b1371e-e130-11e5-83d2-d310aba28a39', severity: 'Notice', title: 'Cluster TLS permissive',
      description: 'Cluster TLS verification mode permits invalid certificates',
      detail: 'Cluster TLS permissive: Cluster TLS verification mode permits invalid certificates',
      reason: 'Cluster TLS permissive - Cluster TLS verification mode permits invalid certificates', state: 'Unacknowledged',
      raisedAtMs: 0, raised: 'T+00:00:00.000',
    }]);
    expect(page.iconVisible).toBe(true);
  });

  it('no alarms: no rows and no alarm icon', () => {
    expect(alarmsPage(smallTwin().observe('expc03'))).toEqual({ title: 'Alarms', peer: 'expc03', rows: [], count: 0, iconVisible: false });
  });
});
