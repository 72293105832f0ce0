// /api/raml: the REST API's self-documentation (INTERFACES §3.1: RAML 0.8 with JSON Schema v4). The
// document parses as YAML, names every resource the handler serves, and its schemas accept what
// the handler actually answers — so a client generated from it reads the twin's replies.
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyAction, RAML_CONTENT_TYPE, REST_SCHEMAS } from '../../../src/operator/index.js';
import { smallTwin } from '../helpers.js';
import { get } from './clients.js';

const ajv = new Ajv({ allErrors: true });
const validator = (name: string) => ajv.compile(REST_SCHEMAS[name]!);

describe('/api/raml (INTERFACES §3.1)', () => {
  const twin = smallTwin();

  it('is a RAML 0.8 document on both /api/raml and /api/v1/raml, behind the same Basic auth', () => {
    const r = get(twin, 'expc01', '/api/raml');
    expect(r.status).toBe(200);
    expect(r.headers['Content-Type']).toBe(RAML_CONTENT_TYPE);
    expect(r.body.split('\n')[0]).toBe('#%RAML 0.8');
    expect(get(twin, 'expc01', '/api/v1/raml').body).toBe(r.body);
    expect(get(twin, 'expc01', '/api/raml', {}).status).toBe(401);
  });

  it('declares draft-4 JSON schemas and every served resource refers to one that exists', () => {
    const doc = parse(get(twin, 'expc01', '/api/raml').body) as Record<string, unknown>;
    const schemas = Object.assign({}, ...(doc.schemas as Record<string, string>[])) as Record<string, string>;
    for (const [name, text] of Object.entries(schemas)) expect(JSON.parse(text).$schema, name).toBe('http://json-schema.org/draft-04/schema#');
    const referenced = JSON.stringify(doc).match(/"schema":"(\w+)"/g)!.map((m) => m.slice(10, -1));
    expect(referenced.filter((n) => !(n in schemas))).toEqual([]);
    for (const path of ['/provisioning/sysinfo', '/provisioning/common/dns/dnsserver', '/provisioning/common/searchrule', '/management/status/alarm']) expect(doc[path], path).toBeDefined();
  });

  it("the handler's replies satisfy the published schemas", () => {
    const t = smallTwin();
    expect(applyAction(t, { kind: 'page', peer: 'expc01', page: 'time', set: { 'NTP Server 2 Address': 'ntp.example.com' } }).ok).toBe(true);
    const cases: [string, string][] = [
      ['/api/provisioning/sysinfo', 'Sysinfo'], ['/api/provisioning/common/dns/dns', 'DnsConfiguration'],
      ['/api/provisioning/common/dns/dnsserver', 'DnsServers'], ['/api/provisioning/common/time/ntpserver', 'NtpServers'],
      ['/api/provisioning/optionkey', 'OptionKeys'], ['/api/provisioning/common/cluster/peers', 'ClusterPeers'],
      ['/api/provisioning/common/searchrule', 'SearchRules'], ['/api/management/status/alarm', 'PerPeerStatus'],
      ['/api/provisioning/common/nothing', 'Message'],
    ];
    for (const [path, schema] of cases) {
      const validate = validator(schema);
      const ok = validate(JSON.parse(get(t, 'expc01', path).body));
      expect(ok, `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("the request schemas accept the documented examples and py-expressway's search rule", () => {
    expect(validator('DnsServerWrite')({ DefaultDNSServers: { index: 2, address: '10.0.0.2' } })).toBe(true);
    expect(validator('NtpServer')({ index: 5, Address: '10.0.0.2', KeyId: 1, Hash: 'sha1', Authentication: 'disabled' })).toBe(true);
    expect(validator('SearchRule')({ Priority: '10', Name: 'test', TargetName: 'test' })).toBe(true);
    expect(validator('SearchRule')({ Name: 'test', TargetName: 'test' })).toBe(false);
  });
});
