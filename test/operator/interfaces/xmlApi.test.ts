// The HTTP XML API through the one request handler (INTERFACES §2): Basic auth with the product's
// realm, then the exact requests of Centreon's VCS plugin modes, py-expressway's read functions, MTG
// and ALRM, parsed as those clients parse them.
import { describe, expect, it } from 'vitest';
import { applyAction, handleHttp, NOT_SERVING_STATUS, XML_CONTENT_TYPE } from '../../../src/operator/index.js';
import { createTwin } from '../../../src/twin.js';
import { smallTwin } from '../helpers.js';
import { AUTH, CREDENTIALS, dig, get, nsCount, nsText, parseXml, xmlin } from './clients.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Basic auth (INTERFACES §2.1)', () => {
  const twin = smallTwin();
  const serial = twin.observe('expc01').system.serial;

  it.each([
    ['missing', {}],
    ['wrong password', { authorization: basic('admin', 'nope') }],
    ['wrong user', { authorization: basic('root', CREDENTIALS.password) }],
    ['not Basic', { authorization: `Bearer ${CREDENTIALS.password}` }],
    ['garbage', { authorization: 'Basic !!!' }],
  ])('%s credentials: 401 with the realm naming the serial number, and no document', (_, headers) => {
    const r = get(twin, 'expc01', '/status.xml', headers as Record<string, string>);
    expect(r.status).toBe(401);
    expect(r.headers['WWW-Authenticate']).toBe(`Basic realm="TANDBERG Video Communication Server ${serial}"`);
    expect(r.body).not.toContain('<Status');
    expect(r.actions).toEqual([]);
  });

  it('the right credentials: 200 and the document; the header name is case-insensitive', () => {
    const r = handleHttp(twin, 'expc01', { method: 'GET', path: '/status.xml', headers: { AUTHORIZATION: AUTH.authorization } }, { credentials: CREDENTIALS });
    expect(r.status).toBe(200);
    expect(r.headers['Content-Type']).toBe(XML_CONTENT_TYPE);
    expect(parseXml(r.body).documentElement!.localName).toBe('Status');
  });

  it("without credentials from the caller, the peer's own admin account: admin and its saved admin password", () => {
    const t = smallTwin();
    const ask = (password: string) => handleHttp(t, 'expc01', { method: 'GET', path: '/status.xml', headers: { authorization: basic('admin', password) } }).status;
    expect([ask('TANDBERG'), ask(CREDENTIALS.password)]).toEqual([200, 401]);
    expect(applyAction(t, { kind: 'page', peer: 'expc01', page: 'administration', set: { 'Administration AdminPassword': 's3cret!' } }).ok).toBe(true);
    expect([ask('TANDBERG'), ask('s3cret!')]).toEqual([401, 200]);
  });

  it('each peer challenges with its own serial number', () => {
    const other = get(twin, 'expc02', '/status.xml', {});
    expect(other.headers['WWW-Authenticate']).toContain(twin.observe('expc02').system.serial);
    expect(twin.observe('expc02').system.serial).not.toBe(serial);
  });
});

describe("py-expressway's read functions: GET /status.xml, lxml XPaths with [@item='1'] (INTERFACES §2.5)", () => {
  const twin = smallTwin();
  const doc = parseXml(get(twin, 'expc02', '/status.xml').body);
  const o = twin.observe('expc02');

  it('get_serial, get_version, get_uptime', () => {
    expect({ Serial: nsText(doc, "/ns:Status/ns:SystemUnit[@item='1']/ns:Hardware[@item='1']/ns:SerialNumber[@item='1']") }).toEqual({ Serial: o.system.serial });
    expect({ Version: nsText(doc, "/ns:Status/ns:SystemUnit[@item='1']/ns:Software[@item='1']/ns:Version[@item='1']") }).toEqual({ Version: o.system.version });
    expect(Number(nsText(doc, "/ns:Status/ns:SystemUnit[@item='1']/ns:Uptime[@item='1']"))).toBeGreaterThan(0);
  });

  it('get_license_detail: every value it reads is there, and Calls has no children (no calls)', () => {
    const calls = "/ns:Status/ns:ResourceUsage[@item='1']/ns:Calls[@item='1']";
    const conf = "/ns:Status/ns:SystemUnit[@item='1']/ns:Software[@item='1']/ns:Configuration[@item='1']";
    const detail = {
      collaboration_edge_in_use: nsText(doc, `${calls}/ns:CollaborationEdge[@item='1']/ns:Current[@item='1']`),
      traversal_in_use: nsText(doc, `${calls}/ns:Traversal[@item='1']/ns:Current[@item='1']`),
      traversal_limit: nsText(doc, `${conf}/ns:TraversalCalls[@item='1']`),
      non_traversal_in_use: nsText(doc, `${calls}/ns:NonTraversal[@item='1']/ns:Current[@item='1']`),
      non_traversal_limit: nsText(doc, `${conf}/ns:NonTraversalCalls[@item='1']`),
      current_registrations: nsText(doc, "/ns:Status/ns:ResourceUsage[@item='1']/ns:Registrations[@item='1']/ns:Current[@item='1']"),
      concurrent_calls: nsCount(doc, "/ns:Status/ns:Calls[@item='1']/*"),
    };
    expect(detail).toEqual({
      collaboration_edge_in_use: '0', traversal_in_use: '0', traversal_limit: '0', non_traversal_in_use: '0', non_traversal_limit: '0',
      current_registrations: '0', concurrent_calls: 0,
    });
  });
});

describe('MTG: GET /getxml?location=/Status/SystemUnit and …/TimeZone (INTERFACES §2.2, §2.5)', () => {
  const twin = smallTwin();

  it('SystemUnit: Uptime, Software/Version, Product, Hardware/Version, Software/ReleaseDate by ElementTree paths', () => {
    const doc = parseXml(get(twin, 'expc01', '/getxml?location=/Status/SystemUnit').body);
    const su = '/ns:Status/ns:SystemUnit';
    expect(nsText(doc, `${su}/ns:Product`)).toBe('TANDBERG VCS');
    expect(nsText(doc, `${su}/ns:Software/ns:Version`)).toBe('X14.3.1');
    expect(nsText(doc, `${su}/ns:Hardware/ns:Version`)).toBeDefined();
    expect(nsText(doc, `${su}/ns:Uptime`)).toMatch(/^\d+$/);
    // The client's quirk: ./ns:Expressway is under Software/Configuration, so its lookup finds nothing (§2.5).
    expect(nsText(doc, `${su}/ns:Expressway`)).toBeUndefined();
    expect(nsCount(doc, '/ns:Status/*')).toBe(1);
  });

  it('CDR: ./ns:CDR/ns:Service is off (the default), so MTG reads CDR as not in use', () => {
    const doc = parseXml(get(twin, 'expc01', '/getxml?location=/Status/CDR/Service').body);
    expect(nsText(doc, '/ns:Status/ns:CDR/ns:Service')).toBe('off');
  });

  it("TimeZone: MTG's regex reads the Olson name from the raw text", () => {
    const body = get(twin, 'expc01', '/getxml?location=/Status/SystemUnit/TimeZone').body;
    expect(/<TimeZone[^>]*>\s*(.*?)<\//.exec(body)?.[1]).toBe('UTC');
  });
});

describe("Centreon's VCS plugin modes: XMLin without the root, ->{content} on every leaf (INTERFACES §2.5)", () => {
  const twin = smallTwin();

  it('alerts: /getxml?location=/Status/Warnings, ForceArray Warning: ID, State, Reason of each active alarm', () => {
    const r = get(twin, 'expc01', '/getxml?location=/Status/Warnings');
    expect(r.status).toBe(200);
    const x = xmlin(r.body, ['Warning']);
    expect(x.XPathError).toBeUndefined();
    const warnings = dig(x, 'Warnings', 'Warning') as unknown[];
    const alarms = twin.observe('expc01').alarms;
    expect(warnings.length).toBe(alarms.length);
    for (const w of warnings) {
      expect(String(dig(w, 'State', 'content')).toLowerCase()).toBe('unacknowledged');
      expect(dig(w, 'ID', 'content')).toMatch(/^[0-9a-f-]{36}$/);
      expect(dig(w, 'Reason', 'content')).toMatch(/ - /);
    }
  });

  it('calls: /getxml?location=/Status/ResourceUsage/Calls gives Current and Total of the six groups; /history.xml?location=/Calls an empty Calls', () => {
    const x = xmlin(get(twin, 'expc01', '/getxml?location=/Status/ResourceUsage/Calls').body);
    for (const g of ['Traversal', 'NonTraversal', 'Cloud', 'CollaborationEdge', 'MicrosoftContent', 'MicrosoftIMP']) {
      expect([dig(x, 'ResourceUsage', 'Calls', g, 'Current', 'content'), dig(x, 'ResourceUsage', 'Calls', g, 'Total', 'content')], g).toEqual(['0', '0']);
    }
    const history = get(twin, 'expc01', '/history.xml?location=/Calls');
    expect(history.status).toBe(200);
    const h = xmlin(history.body, ['Call']);
    expect(h.XPathError).toBeUndefined();
    // `@{$results->{Calls}->{Call}}` under strict refs needs Calls to be a hash (it carries item="1").
    expect(typeof dig(h, 'Calls')).toBe('object');
    expect(dig(h, 'Calls', 'Call')).toBeUndefined();
  });

  it('endpoints: /getxml?location=/Status/ResourceUsage/ and …/Software/Configuration/ (trailing slashes) give TPRoom and UserDevice', () => {
    const usage = xmlin(get(twin, 'expc01', '/getxml?location=/Status/ResourceUsage/').body);
    expect(dig(usage, 'ResourceUsage', 'Registrations', 'Current', 'content')).toBe('0');
    const conf = xmlin(get(twin, 'expc01', '/getxml?location=/Status/SystemUnit/Software/Configuration/').body);
    expect(dig(conf, 'SystemUnit', 'Software', 'Configuration', 'TPRoom', 'content')).toBe('0');
    expect(dig(conf, 'SystemUnit', 'Software', 'Configuration', 'UserDevice', 'content')).toBe('0');
  });

  it('endpoints: ResourceUsage TPRoom/UserDevice Current follow the registered endpoints (room systems, an assumption)', () => {
    const t = createTwin({ seed: 3, topology: { peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }], endpoints: { count: 7 } } });
    t.advance(120_000);
    const usage = xmlin(get(t, 'expc01', '/getxml?location=/Status/ResourceUsage/').body);
    const registered = t.observe('expc01').registrations;
    expect(registered).toBeGreaterThan(0);
    expect(dig(usage, 'ResourceUsage', 'TPRoom', 'Current', 'content')).toBe(String(registered));
    expect(dig(usage, 'ResourceUsage', 'UserDevice', 'Current', 'content')).toBe('0');
  });

  it('zones: /getxml?location=/Status/Zones, ForceArray Zone/Call: Searches counters and one Zone per configured zone with Name, Type, Status', () => {
    const t = smallTwin();
    expect(applyAction(t, { kind: 'page', peer: 'expc01', page: 'zones', set: { 'Zones Zone 1 Name': 'ToCUCM', 'Zones Zone 2 Name': 'ToVCS-E', 'Zones Zone 2 Type': 'TraversalClient' } }).ok).toBe(true);
    const x = xmlin(get(t, 'expc01', '/getxml?location=/Status/Zones').body, ['Zone', 'Call']);
    for (const c of ['Total', 'Dropped', 'MaxSubSearchExceeded', 'MaxTargetsExceeded']) expect(dig(x, 'Zones', 'Searches', c, 'content'), c).toBe('0');
    const zones = (dig(x, 'Zones', 'Zone') as unknown[]).filter((z) => dig(z, 'Name') !== undefined);
    expect(zones.map((z) => [dig(z, 'Name', 'content'), dig(z, 'Type', 'content'), dig(z, 'Status', 'content'), dig(z, 'Calls')])).toEqual([
      ['ToCUCM', 'Neighbor', 'Active', undefined], ['ToVCS-E', 'TraversalClient', 'Active', undefined],
    ]);
    // DefaultZone and LocalZone are there but not in Zone[] (Centreon does not count them).
    expect(dig(x, 'Zones', 'LocalZone', 'ClusterSubZone', 'Name', 'content')).toBe('ClusterSubZone');
  });

  it('http-proxy-stats: /getxml?location=/Status/HTTPProxy answers Status (Inactive: no proxy modelled)', () => {
    const x = xmlin(get(twin, 'expc01', '/getxml?location=/Status/HTTPProxy').body);
    expect(dig(x, 'HTTPProxy', 'Status', 'content')).toBe('Inactive');
  });

  it('a bad location: HTTP 200 (Centreon stops at non-2xx) and a top-level XPathError whose Reason it prints', () => {
    for (const path of ['/getxml?location=/Status/NoSuchThing', '/getxml?location=/Nope', '/getxml', '/history.xml?location=/Registrations']) {
      const r = get(twin, 'expc01', path);
      expect(r.status, path).toBe(200);
      const x = xmlin(r.body);
      expect(typeof dig(x, 'XPathError', 'Reason'), path).toBe('string');
      expect(String(dig(x, 'XPathError', 'Reason'))).not.toBe('');
    }
  });
});

describe('the HTTP surface around the documents', () => {
  const twin = smallTwin();

  it('unknown paths answer 404, other methods 405; HEAD answers the headers only', () => {
    expect(get(twin, 'expc01', '/nothing-here').status).toBe(404);
    expect(handleHttp(twin, 'expc01', { method: 'POST', path: '/status.xml', headers: AUTH }, { credentials: CREDENTIALS }).status).toBe(405);
    const head = handleHttp(twin, 'expc01', { method: 'HEAD', path: '/status.xml', headers: AUTH }, { credentials: CREDENTIALS });
    expect([head.status, head.body]).toEqual([200, '']);
  });

  it('reads change nothing: the trace is the same after a burst of requests', () => {
    const before = twin.hash();
    for (const p of ['/status.xml', '/getxml?location=/Status/Warnings', '/history.xml?location=/Calls', '/api/management/status/alarm']) get(twin, 'expc01', p);
    expect(twin.hash()).toBe(before);
  });

  it('a peer that is not serving answers nothing (503 in-process), before any auth check', () => {
    const t = smallTwin();
    expect(applyAction(t, { kind: 'power', peer: 'expc02', on: false }).ok).toBe(true);
    expect(get(t, 'expc02', '/status.xml').status).toBe(NOT_SERVING_STATUS);
    expect(get(t, 'expc02', '/status.xml', {}).status).toBe(NOT_SERVING_STATUS);
    expect(get(t, 'expc01', '/status.xml').status).toBe(200);
  });

  it('the document follows the world: an alarm raised after a change appears in the next answer', () => {
    const t = smallTwin();
    const count = () => (xmlin(get(t, 'expc01', '/getxml?location=/Status/Warnings').body, ['Warning']).Warnings as Record<string, unknown[]>)?.Warning?.length ?? 0;
    const before = count();
    expect(applyAction(t, { kind: 'page', peer: 'expc01', page: 'clustering', set: { 'Alternates Cluster TLSVerificationMode': 'Enforcing' } }).ok).toBe(true);
    t.advance(5_000);
    expect(count()).toBeGreaterThan(before);
  });
});
