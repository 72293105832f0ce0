// The REST API through the one request handler (INTERFACES §3): the requests of the documented
// examples and of the real clients (py-expressway, RESTX, DIAG, HCHK, MTG), read as they read them
// (JSON); writes are operator actions — the same world as the equivalent page/tshell action, the
// same log lines, replayable — and a refused write changes nothing.
import { describe, expect, it } from 'vitest';
import { applyAction, type Action } from '../../../src/operator/index.js';
import type { Twin } from '../../../src/twin.js';
import { smallTwin, worldOf } from '../helpers.js';
import { get, send } from './clients.js';

const json = (body: string): unknown => JSON.parse(body);
const REPLICATION_MS = 130_000;

/** Apply the same change two ways on two identical worlds; both must end byte-for-byte equal. */
function sameAsAction(request: (t: Twin) => { status: number; actions: readonly Action[] }, action: Action, status = 200): Twin {
  const viaRest = smallTwin();
  const viaAction = smallTwin();
  const r = request(viaRest);
  expect(r.status).toBe(status);
  expect(r.actions).toEqual([action]);
  expect(applyAction(viaAction, action).ok).toBe(true);
  viaRest.advance(REPLICATION_MS);
  viaAction.advance(REPLICATION_MS);
  for (const peer of viaRest.peerNames()) expect(viaRest.logLines(peer), peer).toEqual(viaAction.logLines(peer));
  expect(viaRest.hash()).toBe(viaAction.hash());
  return viaRest;
}

describe('reads (INTERFACES §3.2)', () => {
  const twin = smallTwin();

  it('sysinfo answers on /api/provisioning and /api/v1/provisioning alike (RESTX, HCHK test for 200 and JSON)', () => {
    const a = get(twin, 'expc01', '/api/provisioning/sysinfo');
    const b = get(twin, 'expc01', '/api/v1/provisioning/sysinfo');
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.headers['Content-Type']).toBe('application/json');
    expect(a.body).toBe(b.body);
    expect(json(a.body)).toMatchObject({ SerialNumber: twin.observe('expc01').system.serial, SoftwareVersion: 'X14.3.1', ProductName: 'TANDBERG VCS' });
  });

  it("cluster/peers: a JSON list whose items carry PeerAddress (DIAG's [p['PeerAddress'] for p in r.json()])", () => {
    const r = get(twin, 'expc02', '/api/v1/provisioning/common/cluster/peers');
    expect((json(r.body) as { PeerAddress: string }[]).map((p) => p.PeerAddress)).toEqual(['10.0.0.11', '10.0.0.12']);
    expect(json(get(twin, 'expc03', '/api/v1/provisioning/common/cluster/peers').body)).toEqual([]);
  });

  it('dns/dns, dnsserver and ntpserver read back the saved configuration in the documented shapes', () => {
    const t = smallTwin();
    expect(applyAction(t, { kind: 'page', peer: 'expc01', page: 'dns', set: { 'IP DNS Server 1 Address': '', 'IP DNS Server 2 Address': '10.0.0.2', 'IP DNS Domain Name': 'example.com', 'IP DNS Hostname': 'expc01' } }).ok).toBe(true);
    expect(applyAction(t, { kind: 'page', peer: 'expc01', page: 'time', set: { 'NTP Server 1 Address': '', 'NTP Server 5 Address': '10.0.0.1' } }).ok).toBe(true);
    expect(json(get(t, 'expc01', '/api/provisioning/common/dns/dns').body)).toEqual({ DomainName: 'example.com', SystemHostName: 'expc01' });
    // Exactly the guide's GET examples (REST-SG142).
    expect(json(get(t, 'expc01', '/api/v1/provisioning/common/dns/dnsserver').body)).toEqual({ DefaultDNSServers: { index: 2, address: '10.0.0.2' } });
    expect(json(get(t, 'expc01', '/api/v1/provisioning/common/time/ntpserver').body)).toEqual({ index: 5, KeyId: 1, Hash: 'sha1', Authentication: 'disabled', Address: '10.0.0.1' });
  });

  it('unknown resources answer 404 and unsupported methods 405, both with a Message', () => {
    const nf = get(twin, 'expc01', '/api/provisioning/common/nothing');
    expect([nf.status, json(nf.body)]).toEqual([404, { Message: 'Not Found' }]);
    const na = send(twin, 'expc01', 'DELETE', '/api/provisioning/sysinfo');
    expect(na.status).toBe(405);
    expect(na.headers.Allow).toBe('GET');
    const options = send(twin, 'expc01', 'OPTIONS', '/api/v1/provisioning/common/dns/dnsserver');
    expect([options.status, options.headers.Allow, options.body]).toEqual([200, 'GET, POST, PUT, DELETE, OPTIONS', '']);
  });

  it('the REST API asks for the same Basic credentials', () => {
    expect(get(twin, 'expc01', '/api/provisioning/sysinfo', {}).status).toBe(401);
  });
});

describe('/api/management/status: one object per cluster peer, each from its own observation (INTERFACES §3.3)', () => {
  it("alarm: every alarm type of the catalog; raised ones as each peer has them; MTG's unacknowledged count", () => {
    const twin = smallTwin();
    const r = get(twin, 'expc01', '/api/management/status/alarm');
    expect(r.status).toBe(200);
    const envelope = json(r.body) as { peer: string; local_peer: boolean; num_recs: number; records: Record<string, unknown>[] }[];
    expect(envelope.map((e) => [e.peer, e.local_peer])).toEqual([['127.0.0.1', true], ['10.0.0.12', false]]);
    const fromOther = json(get(twin, 'expc02', '/api/management/status/alarm').body) as { peer: string; local_peer: boolean }[];
    expect(fromOther.map((e) => [e.peer, e.local_peer])).toEqual([['10.0.0.11', false], ['127.0.0.1', true]]);
    for (const [i, name] of ['expc01', 'expc02'].entries()) {
      const e = envelope[i]!;
      expect(e.num_recs).toBe(e.records.length);
      const raised = e.records.filter((rec) => rec.status === 'raised').map((rec) => rec.id).sort();
      expect(raised, name).toEqual(twin.observe(name).alarms.map((a) => a.id).sort());
      const unacknowledged = e.records.filter((rec) => (rec.total_count as number) > 0 && rec.status !== 'acknowledged');
      expect(unacknowledged.length).toBeGreaterThanOrEqual(raised.length);
      const tls = e.records.find((rec) => rec.id === '40049')!;
      expect(tls).toMatchObject({ uuid: 'e1b1371e-e130-11e5-83d2-d310aba28a39', severity: 'notice', status: 'raised', solution_links: '[]', parameters: '[]' });
      expect(tls.first_raised as number).toBeGreaterThan(1_000_000_000);
      expect(tls.last_raised as number).toBeGreaterThanOrEqual(tls.first_raised as number);
      const never = e.records.find((rec) => rec.total_count === 0)!;
      expect(never).toMatchObject({ status: 'lowered', first_raised: 0, last_raised: 0 });
    }
  });

  it('a peer the asked peer cannot reach is left out; the asked peer is 127.0.0.1, clustered or not', () => {
    const twin = smallTwin();
    expect(applyAction(twin, { kind: 'fault', fault: { kind: 'partition', groups: [['expc01'], ['expc02']] } }).ok).toBe(true);
    twin.advance(60_000);
    const envelope = json(get(twin, 'expc01', '/api/management/status/alarm').body) as { peer: string }[];
    expect(envelope.map((e) => e.peer)).toEqual(['127.0.0.1']);
    const alone = json(get(twin, 'expc03', '/api/management/status/resourceusage').body) as { peer: string; local_peer: boolean; records: Record<string, unknown>[] }[];
    expect(alone.map((e) => [e.peer, e.local_peer])).toEqual([['127.0.0.1', true]]);
    expect(alone[0]!.records[0]).toMatchObject({ uuid: '', call_traversal_video_current: 0, call_ms_imp_total: 0, registration_current: 0, turnrelay_max: 0 });
  });

  it('calls: call/call, …/active/true|false and …/uuid/<uuid> have no records (the twin places no calls)', () => {
    const twin = smallTwin();
    for (const p of ['call/call', 'call/call/active/true', 'call/call/active/false', 'call/call/uuid/0f96695e-d954-4f6f-85c1-2ef1eae6f764']) {
      const envelope = json(get(twin, 'expc02', `/api/management/status/${p}`).body) as { num_recs: number; records: unknown[] }[];
      expect(envelope.length, p).toBe(2);
      expect(envelope.every((e) => e.num_recs === 0 && e.records.length === 0), p).toBe(true);
    }
    expect(get(twin, 'expc02', '/api/management/status/registration/registration').status).toBe(404);
  });
});

describe('writes are operator actions (INTERFACES §3.2)', () => {
  it("dnsserver POST (the guide's example) = saving the DNS page: same config, log lines and trace", () => {
    const t = sameAsAction(
      (t) => send(t, 'expc01', 'POST', '/api/v1/provisioning/common/dns/dnsserver', { DefaultDNSServers: { index: 2, address: '10.0.0.2' } }),
      { kind: 'page', peer: 'expc01', page: 'dns', set: { 'IP DNS Server 2 Address': '10.0.0.2' } },
    );
    expect(t.observe('expc01').saved['IP DNS Server 2 Address']).toBe('10.0.0.2');
    const put = send(t, 'expc01', 'PUT', '/api/v1/provisioning/common/dns/dnsserver', { DefaultDNSServers: { index: 2, address: '10.0.0.3' } });
    expect([put.status, json(put.body)]).toEqual([200, { Message: 'The operation was successful' }]);
    const del = send(t, 'expc01', 'DELETE', '/api/v1/provisioning/common/dns/dnsserver', { index: 2 });
    expect(del.status).toBe(200);
    expect(t.observe('expc01').saved['IP DNS Server 2 Address']).toBe('');
  });

  it("py-expressway's mod_dns PUT {DomainName, SystemHostName} answers its 'Operation was successful'", () => {
    const viaRest = smallTwin();
    const r = send(viaRest, 'expc02', 'PUT', '/api/provisioning/common/dns/dns', { DomainName: 'dummy.com', SystemHostName: 'dummy' });
    expect([r.status, json(r.body)]).toEqual([200, { Message: 'Operation was successful' }]);
    expect(viaRest.observe('expc02').saved['IP DNS Domain Name']).toBe('dummy.com');
    expect(viaRest.observe('expc02').hostName).toBe('dummy');
  });

  it('ntpserver POST/PUT/DELETE with the documented bodies; the guide’s index 6 is beyond the twin’s 5 servers', () => {
    sameAsAction(
      (t) => send(t, 'expc01', 'POST', '/api/v1/provisioning/common/time/ntpserver', { index: 5, Address: '10.0.0.2', KeyId: 1, Hash: 'sha1', Authentication: 'disabled' }),
      { kind: 'page', peer: 'expc01', page: 'time', set: { 'NTP Server 5 Address': '10.0.0.2' } },
    );
    const t = smallTwin();
    const before = worldOf(t);
    const six = send(t, 'expc01', 'POST', '/api/v1/provisioning/common/time/ntpserver', { index: 6, Address: '10.0.0.2', KeyId: 1, Hash: 'sha1', Authentication: 'disabled' });
    expect(six.status).toBe(400);
    expect((json(six.body) as { Message: string }).Message).toMatch(/index must be an integer from 1 to 5/);
    expect(worldOf(t)).toEqual(before);
  });

  it("searchrule POST with py-expressway's exact kwargs answers 201 and replicates from the primary", () => {
    const t = smallTwin();
    expect(applyAction(t, { kind: 'page', peer: 'expc01', page: 'zones', set: { 'Zones Zone 1 Name': 'test' } }).ok).toBe(true);
    const r = send(t, 'expc01', 'POST', '/api/provisioning/common/searchrule', { Priority: '10', Name: 'test', TargetName: 'test' });
    expect([r.status, json(r.body)]).toEqual([201, { Message: 'Successfully created the Search Rule' }]);
    expect(r.actions).toEqual([{ kind: 'page', peer: 'expc01', page: 'call-routing', set: { 'Zones Policy SearchRules Rule 1 Name': 'test', 'Zones Policy SearchRules Rule 1 Priority': 10, 'Zones Policy SearchRules Rule 1 Target Name': 'test' } }]);
    t.advance(REPLICATION_MS);
    expect(json(get(t, 'expc02', '/api/provisioning/common/searchrule').body)).toEqual([{ Name: 'test', Priority: 10, TargetName: 'test' }]);
    const again = send(t, 'expc01', 'POST', '/api/provisioning/common/searchrule', { Priority: 20, Name: 'test', TargetName: 'LocalZone' });
    expect([again.status, json(again.body), again.actions]).toEqual([200, { Message: 'Search Rule name already exists' }, []]);
  });

  it('the same armed trap: a search rule created through REST on a subordinate is overwritten by the primary at the next replication, as a page save there', () => {
    const t = sameAsAction(
      (t) => send(t, 'expc02', 'POST', '/api/provisioning/common/searchrule', { Priority: 5, Name: 'sub', TargetName: 'LocalZone' }),
      { kind: 'page', peer: 'expc02', page: 'call-routing', set: { 'Zones Policy SearchRules Rule 1 Name': 'sub', 'Zones Policy SearchRules Rule 1 Priority': 5, 'Zones Policy SearchRules Rule 1 Target Name': 'LocalZone' } },
      201,
    );
    expect(json(get(t, 'expc02', '/api/provisioning/common/searchrule').body)).toEqual([]);
    expect(t.logLines('expc02').some((l) => l.includes('xconfiguration Zones Policy SearchRules Rule 1 Name - changed from: sub to: '))).toBe(true);
  });

  it('option key POST = xCommand Option Key Add at the tshell (same world)', () => {
    const t = sameAsAction(
      (t) => send(t, 'expc03', 'POST', '/api/provisioning/optionkey', { Key: '116341G00-1-AB12CD34' }),
      { kind: 'tshell', peer: 'expc03', line: 'xCommand Option Key Add Key: "116341G00-1-AB12CD34"' },
    );
    expect((json(get(t, 'expc03', '/api/provisioning/optionkey').body) as { Key: string }[]).map((k) => k.Key)).toContain('116341G00-1-AB12CD34');
  });

  it('restart: from X14.2 refused without X-CSRF-Header (nothing happens); with it, the peer restarts and stops answering', () => {
    const t = smallTwin();
    const before = worldOf(t);
    const refused = send(t, 'expc02', 'POST', '/api/provisioning/restart');
    expect([refused.status, refused.actions]).toEqual([403, []]);
    expect(worldOf(t)).toEqual(before);
    const ok = send(t, 'expc02', 'POST', '/api/provisioning/restart', undefined, { 'X-CSRF-Header': 'x' });
    expect([ok.status, ok.actions]).toEqual([200, [{ kind: 'restart', peer: 'expc02', mode: 'restart' }]]);
    t.advance(1_000);
    expect(get(t, 'expc02', '/status.xml').status).toBe(503);
  });

  it('before X14.2 the restart needs no header', () => {
    const t = smallTwin({ peer: { version: 'X14.0.7' } });
    expect(send(t, 'expc01', 'POST', '/api/provisioning/restart').status).toBe(200);
  });

  it.each([
    ['not JSON', 'POST', '/api/provisioning/common/dns/dnsserver', '{nope'],
    ['no body', 'PUT', '/api/provisioning/common/dns/dns', undefined],
    ['unknown field', 'PUT', '/api/provisioning/common/dns/dns', { DomainName: 'a.com', DNSRequestsPortRange: 'Custom' }],
    ['bad address (the peer refuses it)', 'POST', '/api/provisioning/common/dns/dnsserver', { DefaultDNSServers: { index: 1, address: 'not-an-ip' } }],
    ['missing TargetName', 'POST', '/api/provisioning/common/searchrule', { Priority: 1, Name: 'x' }],
    ['target that is no zone', 'POST', '/api/provisioning/common/searchrule', { Priority: 1, Name: 'x', TargetName: 'nowhere' }],
    ['PUT on an empty index', 'PUT', '/api/provisioning/common/time/ntpserver', { index: 3, Address: '10.0.0.9' }],
    ['NTP authentication', 'POST', '/api/provisioning/common/time/ntpserver', { index: 3, Address: '10.0.0.9', Authentication: 'enabled' }],
    ['DELETE of nothing', 'DELETE', '/api/provisioning/common/dns/dnsserver', { index: 4 }],
    ['bad option key', 'POST', '/api/provisioning/optionkey', { Key: 'no spaces allowed' }],
  ])('a refused write (%s) answers 400 with a Message and changes nothing', (_, method, path, body) => {
    const t = smallTwin();
    const before = worldOf(t);
    const r = send(t, 'expc01', method, path, body);
    expect(r.status).toBe(400);
    expect(typeof (json(r.body) as { Message: unknown }).Message).toBe('string');
    expect(r.actions).toEqual([]);
    expect(worldOf(t)).toEqual(before);
  });

  it("the actions a session's requests return replay to the same world on a fresh twin", () => {
    const live = smallTwin();
    const actions: Action[] = [];
    const requests: [string, string, unknown][] = [
      ['PUT', '/api/provisioning/common/dns/dns', { DomainName: 'example.com' }],
      ['POST', '/api/provisioning/common/dns/dnsserver', { DefaultDNSServers: { index: 3, address: '192.0.2.53' } }],
      ['POST', '/api/provisioning/common/searchrule', { Priority: 5, Name: 'local', TargetName: 'LocalZone' }],
      ['POST', '/api/provisioning/common/dns/dnsserver', { DefaultDNSServers: { index: 3, address: '192.0.2.54' } }],
    ];
    for (const [method, path, body] of requests) actions.push(...send(live, 'expc01', method, path, body).actions);
    // The last POST is refused (index 3 is taken): it did nothing, so it returns no action.
    expect(actions.map((a) => a.kind)).toEqual(['page', 'page', 'page']);
    const replay = smallTwin();
    for (const a of actions) expect(applyAction(replay, a).ok).toBe(true);
    expect(replay.hash()).toBe(live.hash());
  });
});
