// One status model, several renderings (issue "What the twin shows"): on a running twin the admin
// alarm page, `xStatus Warnings`, the XML status document and the management API show the same
// alarms — and a twin-only alarm id (DOMAIN §7.1 names no product id) is marked "(twin)" on every
// surface that shows an id: the page, xStatus, the event log line, the REST status, the run report
// and the event feed.
import { describe, expect, it } from 'vitest';
import { alarmsPage, applyAction, happening, runTshell, statusXml } from '../../../src/operator/index.js';
import { managementStatus } from '../../../src/operator/interfaces/management.js';
import type { Twin } from '../../../src/twin.js';
import { smallTwin } from '../helpers.js';

/** expc01 with its NTP server removed: 25002 (product) and 29902 (twin-only: the cluster guide's NTP text has no id). */
function withoutNtp(): Twin {
  const twin = smallTwin();
  const r = applyAction(twin, { kind: 'tshell', peer: 'expc01', line: 'xConfiguration NTP Server 1 Address: ""' });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  twin.advance(1_000);
  return twin;
}

/** `xStatus Warnings` read back as { ID, Reason } pairs. */
function xstatusWarnings(twin: Twin, peer: string): { ID: string; Reason: string }[] {
  const out = runTshell(twin, peer, 'xStatus Warnings').output;
  const value = (line: string) => /^\s+\w+: "(.*)"$/.exec(line)![1]!;
  const ids = out.filter((l) => /^\s+ID: /.test(l)).map(value);
  const reasons = out.filter((l) => /^\s+Reason: /.test(l)).map(value);
  return ids.map((ID, i) => ({ ID, Reason: reasons[i]! }));
}

describe('the admin pages and xStatus read one status model', () => {
  it('Status > Alarms and xStatus Warnings list the same alarms in the same order, Reason = "<title> - <description>"', () => {
    const twin = withoutNtp();
    const page = alarmsPage(twin.observe('expc01'));
    const warnings = xstatusWarnings(twin, 'expc01');
    expect(page.rows.length).toBeGreaterThanOrEqual(3);
    expect(warnings.map((w) => w.Reason)).toEqual(page.rows.map((r) => `${r.title} - ${r.description}`));
    expect(warnings.map((w) => w.ID)).toEqual(page.rows.map((r) => r.uuid));
    // …and the XML document carries the same IDs.
    const xml = statusXml(twin, 'expc01');
    for (const w of warnings) expect(xml).toContain(`>${w.ID}</ID>`);
  });

  it('a twin-only id is shown "29902 (twin)" on the page, in xStatus (its UUID marked), the log line, the REST status and the event feed (the timeline lines of run reports); product ids stay bare', () => {
    const twin = withoutNtp();
    const row = alarmsPage(twin.observe('expc01')).rows.find((r) => r.key === 'replication-ntp-unreachable')!;
    expect(row.id).toBe('29902 (twin)');
    expect(alarmsPage(twin.observe('expc01')).rows.find((r) => r.key === 'date-time-not-validated')!.id).toBe('25002');
    expect(xstatusWarnings(twin, 'expc01').find((w) => w.Reason.includes('NTP server is unreachable'))!.ID).toMatch(/^[0-9a-f-]{36} \(twin\)$/);
    expect(twin.logLines('expc01').find((l) => l.includes('Event="Alarm Raised"') && l.includes('NTP server is unreachable'))).toContain('Id="29902 (twin)"');
    const records = (managementStatus(twin, 'expc01', 'alarm')!.json as { local_peer: boolean; records: { id: string; status: string }[] }[])
      .find((e) => e.local_peer)!.records;
    expect(records.find((r) => r.id.startsWith('29902'))).toMatchObject({ id: '29902 (twin)', status: 'raised' });
    expect(records.some((r) => r.id === '25002' && r.status === 'raised')).toBe(true);
    const raised = twin.events().filter((e) => e.kind === 'alarm.raise' && e.data.key === 'replication-ntp-unreachable');
    expect(raised).toHaveLength(1);
    expect(happening(raised[0]!)!.text).toMatch(/^29902 \(twin\) Cluster replication error/);
    expect(raised[0]!.data.id).toBe('29902 (twin)');
  });
});
