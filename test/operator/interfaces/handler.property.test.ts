// Properties of the one request handler over arbitrary requests (fast-check, shrinking): it never
// throws; without the right credentials it answers 401 and nothing changes; a request that returns
// no action leaves the world exactly as it was; the actions a session returns replay on a fresh twin
// to the same trace (the lab's action log is enough to rebuild the world).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, handleHttp, type Action } from '../../../src/operator/index.js';
import { FC_NUM_RUNS, FC_SEED } from '../../setup.js';
import { smallTwin, worldOf } from '../helpers.js';
import { AUTH, CREDENTIALS } from './clients.js';

const PATHS = [
  '/status.xml', '/getxml?location=/Status/Warnings', '/getxml?location=/Status/Zones/Zone[2]', '/history.xml?location=/Calls', '/api/raml',
  '/api/provisioning/sysinfo', '/api/v1/provisioning/common/dns/dns', '/api/v1/provisioning/common/dns/dnsserver', '/api/provisioning/common/time/ntpserver',
  '/api/provisioning/optionkey', '/api/provisioning/common/searchrule', '/api/provisioning/common/cluster/peers', '/api/provisioning/restart',
  '/api/management/status/alarm', '/api/management/status/call/call/active/true',
];
const index = fc.oneof(fc.integer({ min: -1, max: 7 }), fc.constantFrom('2', 'x'));
const address = fc.constantFrom('10.0.0.2', '192.0.2.9', 'ntp.example.com', '', 'not an ip', '::1');
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.record({ DefaultDNSServers: fc.record({ index, address }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ index, Address: address, Authentication: fc.constantFrom('disabled', 'enabled') }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ DomainName: fc.constantFrom('example.com', ''), SystemHostName: fc.constantFrom('expc01', 'bad host!') }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ Priority: index, Name: fc.constantFrom('r1', 'r2', ''), TargetName: fc.constantFrom('LocalZone', 'nowhere') }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ Key: fc.constantFrom('116341G00-1-AB12CD34', 'bad key') }).map((v) => JSON.stringify(v)),
);
const json = <T>(a: fc.Arbitrary<T>) => a.map((v) => JSON.stringify(v));
/** Writes with the right method and path and plausible (often valid) bodies, so actions happen. */
const write = fc.oneof(
  fc.record({ method: fc.constantFrom('POST', 'PUT', 'DELETE'), path: fc.constant('/api/v1/provisioning/common/dns/dnsserver'), body: fc.oneof(json(fc.record({ DefaultDNSServers: fc.record({ index: fc.integer({ min: 1, max: 5 }), address: fc.constantFrom('10.0.0.2', '192.0.2.9', 'bad') }) })), json(fc.record({ index: fc.integer({ min: 0, max: 5 }) }))) }),
  fc.record({ method: fc.constantFrom('POST', 'PUT', 'DELETE'), path: fc.constant('/api/provisioning/common/time/ntpserver'), body: json(fc.record({ index: fc.integer({ min: 1, max: 6 }), Address: fc.constantFrom('ntp.example.com', '192.0.2.1') }, { requiredKeys: ['index'] })) }),
  fc.record({ method: fc.constant('PUT'), path: fc.constant('/api/provisioning/common/dns/dns'), body: json(fc.record({ DomainName: fc.constantFrom('example.com', 'lab.test'), SystemHostName: fc.constantFrom('expc0x', 'bad host!') }, { requiredKeys: [] })) }),
  fc.record({ method: fc.constant('POST'), path: fc.constant('/api/provisioning/common/searchrule'), body: json(fc.record({ Priority: fc.constantFrom(1, '10', 0), Name: fc.constantFrom('r1', 'r2'), TargetName: fc.constantFrom('LocalZone', 'nowhere') })) }),
  fc.record({ method: fc.constantFrom('POST', 'DELETE'), path: fc.constant('/api/provisioning/optionkey'), body: json(fc.record({ Key: fc.constantFrom('116341G00-1-AB12CD34', 'bad key') })) }),
  fc.record({ method: fc.constant('POST'), path: fc.constant('/api/provisioning/restart'), body: fc.constant(undefined) }),
);
const anyRequest = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'get'),
  path: fc.oneof(fc.constantFrom(...PATHS), fc.string({ maxLength: 20 }), fc.constantFrom(...PATHS).map((p) => `${p}/`)),
  body,
});
const request = fc.record({
  peer: fc.constantFrom('expc01', 'expc02', 'expc03'),
  auth: fc.constantFrom('right', 'right', 'right', 'wrong', 'none'),
  csrf: fc.boolean(),
  http: fc.oneof(anyRequest, write, write),
}).map(({ http, ...rest }) => ({ ...rest, ...http }));

describe(`handleHttp over arbitrary requests (seed ${FC_SEED}, ${FC_NUM_RUNS} runs)`, () => {
  it('never throws; 401 without the right credentials; no action means no change; returned actions replay to the same trace', () => {
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 6 }), (requests) => {
        const twin = smallTwin();
        const log: (readonly Action[])[] = [];
        for (const r of requests) {
          const before = worldOf(twin);
          const authorization = r.auth === 'right' ? AUTH.authorization : r.auth === 'wrong' ? 'Basic YWRtaW46bm8=' : undefined;
          const headers = { ...(authorization ? { authorization } : {}), ...(r.csrf ? { 'X-CSRF-Header': '1' } : {}) };
          const res = handleHttp(twin, r.peer, { method: r.method, path: r.path, headers, ...(r.body === undefined ? {} : { body: r.body }) }, { credentials: CREDENTIALS });
          expect(res.status).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(600);
          if (r.auth !== 'right' && twin.observe(r.peer).serving) expect(res.status).toBe(401);
          if (res.actions.length === 0) expect(worldOf(twin)).toEqual(before);
          log.push(res.actions);
          twin.advance(1_000);
        }
        // Replaying the returned actions with the same waits rebuilds the same world: reads leave no trace.
        const replay = smallTwin();
        for (const actions of log) {
          for (const a of actions) expect(applyAction(replay, a).ok).toBe(true);
          replay.advance(1_000);
        }
        expect(replay.hash()).toBe(twin.hash());
      }),
    );
  });
});
