// The runbook's http step in detail (src/runbook/httpStep.ts), called on a running one-peer twin:
// which credentials it sends, what the report keeps of a long answer, and the verdicts on status and
// body — the words an automation author reads when a rehearsal fails.
import { describe, expect, it } from 'vitest';
import { createTwin } from '../../src/twin.js';
import { describeHttpStep, runHttpStep } from '../../src/runbook/httpStep.js';
import type { HttpStep } from '../../src/runbook/schema.js';
import { applyAction, basicAuthorization, handleHttp, PEER_ADMIN_USER } from '../../src/operator/index.js';

const twin = createTwin({ seed: 1, topology: { peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }] } });
twin.advance(60_000);
const call = (http: HttpStep) => runHttpStep(twin, 'expc01', http);
const UNAUTHORIZED = 'HTTP 401: <html><head><title>401 Unauthorized</title></head><body><h1>Unauthorized</h1></body></html>';

describe('credentials', () => {
  it('by default the peer\'s own admin account; "none" sends none; a wrong password is refused', () => {
    expect(call({ path: '/status.xml' }).ok).toBe(true);
    expect(call({ path: '/status.xml', auth: 'none' })).toMatchObject({ ok: false, error: UNAUTHORIZED });
    expect(call({ path: '/status.xml', auth: { user: 'admin', password: 'wrong' } })).toMatchObject({ ok: false, error: UNAUTHORIZED });
  });

  it('other headers the step sets leave the default credentials in place', () => {
    expect(call({ path: '/status.xml', headers: { Accept: 'text/xml' } }).ok).toBe(true);
  });

  it('an Authorization header the step sets itself, in any case, is sent as it is', () => {
    expect(call({ path: '/status.xml', headers: { authorization: 'Basic eDp5' } })).toMatchObject({ ok: false, error: UNAUTHORIZED });
    expect(call({ path: '/status.xml', headers: { AUTHORIZATION: 'Basic eDp5' } }).ok).toBe(false);
  });
});

describe('the answer in the report', () => {
  it('the status line, then the first 20 body lines and how many more there were', () => {
    const r = call({ path: '/status.xml' });
    expect(r.output).toHaveLength(22);
    expect(r.output[0]).toBe('HTTP 200');
    expect(r.output[1]).toBe('<?xml version="1.0"?>');
    // The count is of the lines left out: the whole answer, as the same request gets it, less the 20 kept.
    const whole = handleHttp(twin, 'expc01', { method: 'GET', path: '/status.xml', headers: { Authorization: basicAuthorization({ user: PEER_ADMIN_USER, password: String(twin.observe('expc01').saved['Administration AdminPassword']) }) } });
    expect(whole.status).toBe(200);
    expect(r.output.slice(1, 21)).toEqual(whole.body.split('\n').slice(0, 20));
    expect(r.output[21]).toBe(`… ${whole.body.split('\n').length - 20} more lines`);
  });

  it('a peer that is not serving refuses the connection: no answer at all, and the step fails saying why', () => {
    const down = createTwin({ seed: 1, topology: { peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }] } });
    down.advance(60_000);
    applyAction(down, { kind: 'fault', fault: { kind: 'power-loss', peer: 'expc01' } });
    const state = down.observe('expc01').state;
    expect(down.observe('expc01').serving).toBe(false);
    expect(runHttpStep(down, 'expc01', { path: '/status.xml' })).toEqual({ text: 'expc01: HTTPS GET /status.xml', ok: false, output: [], verdicts: [], error: `expc01 refuses the connection: it is ${state}, not serving` });
  });

  it('a short answer is kept whole', () => {
    expect(call({ path: '/api/provisioning/no/such' }).output).toEqual(['HTTP 404', '{"Message":"Not Found"}']);
  });

  it('the step reads as the request', () => {
    expect(describeHttpStep('expc01', { path: '/status.xml' })).toBe('expc01: HTTPS GET /status.xml');
    expect(describeHttpStep('expc01', { method: 'PUT', path: '/api/x' })).toBe('expc01: HTTPS PUT /api/x');
  });
});

describe('verdicts', () => {
  it('without expect (or with an empty one), 2xx passes and anything else fails the step with its first line', () => {
    expect(call({ path: '/status.xml', expect: {} })).toMatchObject({ ok: true, verdicts: [] });
    expect(call({ path: '/api/provisioning/no/such', expect: {} })).toMatchObject({ ok: false, verdicts: [], error: 'HTTP 404: {"Message":"Not Found"}' });
  });

  it('an expected non-2xx status is a kept check, not a failed step', () => {
    const r = call({ path: '/api/provisioning/no/such', expect: { status: 404 } });
    expect(r.ok).toBe(true);
    expect(r.error).toBeUndefined();
    expect(r.verdicts).toEqual([{ ok: true, claim: 'expc01: HTTPS GET /api/provisioning/no/such answers 404' }]);
  });

  it('status and body each judged; a wrong body shows the answer\'s first line', () => {
    const r = call({ path: '/api/provisioning/no/such', expect: { status: 200, body: 'Found' } });
    expect(r.verdicts).toEqual([
      { ok: false, claim: 'expc01: HTTPS GET /api/provisioning/no/such answers 200', seen: 'HTTP 404: {"Message":"Not Found"}' },
      { ok: true, claim: 'expc01: HTTPS GET /api/provisioning/no/such answers a body containing "Found"' },
    ]);
    const wrongBody = call({ path: '/api/provisioning/no/such', expect: { body: 'Operation was successful' } });
    expect(wrongBody.verdicts).toEqual([{ ok: false, claim: 'expc01: HTTPS GET /api/provisioning/no/such answers a body containing "Operation was successful"', seen: '{"Message":"Not Found"}' }]);
  });

  it('a JSON body, as an object or as text, is applied by the REST API', () => {
    expect(call({ method: 'PUT', path: '/api/v1/provisioning/common/dns/dns', body: { DomainName: 'a.example.org' }, expect: { status: 200 } }).verdicts[0]!.ok).toBe(true);
    expect(twin.observe('expc01').saved['IP DNS Domain Name']).toBe('a.example.org');
    call({ method: 'PUT', path: '/api/v1/provisioning/common/dns/dns', body: '{"DomainName": "b.example.org"}' });
    expect(twin.observe('expc01').saved['IP DNS Domain Name']).toBe('b.example.org');
  });
});
