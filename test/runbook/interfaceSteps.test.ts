// The runbook's `http:` step and `syslog` condition (issue #17): requests answered in-process by the
// peer's own HTTP surface, verdicts on status and body, REST changes applied to the run's twin, the
// lines a peer forwards over syslog — and the loader's file:line:col for mistakes in either.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbook/load.js';
import { runRunbook } from '../../src/runbook/run.js';
import { xtwin } from '../cli/helpers.js';

const HEAD = `name: interfaces
seed: 5
topology:
  peers:
    - { name: expc01, lan1: { ipv4: 10.0.0.11 } }
steps:
  - wait: 1m
`;

function run(steps: string) {
  const parsed = parseRunbook(HEAD + steps, 'plan.yaml');
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return runRunbook(parsed.runbook);
}

function errors(steps: string): string[] {
  const parsed = parseRunbook(HEAD + steps, 'plan.yaml');
  return parsed.ok ? [] : parsed.errors.map((e) => `${e.line}:${e.column} ${e.code}: ${e.message}`);
}

describe('http step', () => {
  it('passes on the expected status and body, and reports the answer', () => {
    const r = run(`  - peer: expc01\n    http: { path: '/getxml?location=/Status/SystemUnit/Software/Version', expect: { status: 200, body: '<Version item="1">X' } }\n`);
    expect(r.failures).toEqual([]);
    const step = r.steps.at(-1)!;
    expect(step.text).toBe('expc01: HTTPS GET /getxml?location=/Status/SystemUnit/Software/Version');
    expect(step.output[0]).toBe('HTTP 200');
    expect(step.verdicts.map((v) => v.ok)).toEqual([true, true]);
  });

  it('fails, saying what came back, when the answer differs', () => {
    const r = run(`  - peer: expc01\n    http: { path: /status.xml, auth: { user: admin, password: wrong }, expect: { status: 200 } }\n`);
    expect(r.passed).toBe(false);
    expect(r.failures).toEqual([expect.objectContaining({ claim: 'expc01: HTTPS GET /status.xml answers 200', seen: expect.stringMatching(/^HTTP 401/) })]);
  });

  it('without expect, a non-2xx answer fails the step', () => {
    const r = run(`  - peer: expc01\n    http: { path: '/api/provisioning/no/such/thing' }\n`);
    expect(r.failures).toEqual([expect.objectContaining({ seen: expect.stringMatching(/^HTTP 404/) })]);
  });

  it('a REST change is applied to the twin (as the DNS page would save it); the same seed gives the same trace', () => {
    const steps = `  - peer: expc01\n    http: { method: PUT, path: /api/v1/provisioning/common/dns/dns, body: { DomainName: lab.example.org } }\n  - expect: { peer: expc01, config: { IP DNS Domain Name: lab.example.org } }\n`;
    const a = run(steps);
    expect(a.failures).toEqual([]);
    expect(a.twin.logLines('expc01').some((l) => l.includes('lab.example.org'))).toBe(true);
    expect(run(steps).traceHash).toBe(a.traceHash);
  });

  it('a peer that is powered off refuses the connection', () => {
    const r = run(`  - { peer: expc01, power: 'off' }\n  - peer: expc01\n    http: { path: /status.xml }\n`);
    expect(r.failures).toEqual([expect.objectContaining({ seen: 'expc01 refuses the connection: it is poweredOff, not serving' })]);
  });

  it('mistakes are reported with file:line:col', () => {
    expect(errors(`  - peer: expc01\n    http: { method: FETCH, path: status.xml }\n`).join('\n')).toMatch(/^9:21 XTW_ERR_RUNBOOK_\w+: .*"FETCH" is not a valid method[\s\S]*9:34 XTW_ERR_RUNBOOK_\w+: .*"status.xml" is not a valid path/m);
    expect(errors(`  - peer: expc01\n    http: { path: /, expect: { status: 999 } }\n`)[0]).toMatch(/^9:\d+ .*status must be <= 599/);
    expect(errors(`  - peer: expc09\n    http: { path: / }\n`)[0]).toMatch(/^8:\d+ XTW_ERR_RUNBOOK_UNKNOWN_PEER/);
  });

  it('expectError is refused on an http step: a refusal there is an answer, expected with http.expect.status', () => {
    expect(errors(`  - peer: expc01\n    http: { path: /status.xml }\n    expectError: XTW_ERR\n`)[0]).toMatch(/^10:5 .*unknown key "expectError" in http step/);
  });
});

describe('syslog condition', () => {
  const LOGGING = `  - peer: expc01\n    page: logging\n    set: { Logging Server 1 Address: 10.0.0.200, Logging Server 1 Format: IETF, Logging Server 1 Severity: Warning }\n  - wait: 5m\n`;

  it('reads the lines a server would get: its format, its severity filter', () => {
    // A peer alone writes configuration-change lines (Informational, local1): held back by a Warning filter.
    const r = run(`${LOGGING}  - expect:\n      - { peer: expc01, syslog: { server: 1, format: IETF, contains: ' expc01 ', present: false } }\n      - { peer: expc01, syslog: { format: IETF, contains: '<142>1 ' } }\n      - { peer: expc01, syslog: { contains: ' expc01 httpd[15060]: httpd[15060]: web: Event="System Configuration Changed"' } }\n`);
    expect(r.failures).toEqual([]);
  });

  it('fails for a server slot with no address, and for a format the server is not set to', () => {
    const r = run(`${LOGGING}  - expect:\n      - { peer: expc01, syslog: { server: 2, contains: 'x' } }\n      - { peer: expc01, syslog: { server: 1, format: Legacy BSD, contains: 'x' } }\n`);
    expect(r.failures.map((f) => f.seen)).toEqual(['remote syslog server 2 has no address', 'server 1 is set to IETF']);
  });

  it('a server slot beyond 4 is a loader error at its place', () => {
    expect(errors(`  - expect: { peer: expc01, syslog: { server: 5, contains: x } }\n`)[0]).toMatch(/^8:47 .*server must be <= 4; got 5/);
  });
});

describe('xtwin run', () => {
  it('runs the scenario of http steps and syslog expectations without opening a port', () => {
    const r = xtwin(['run', 'scenarios/procedures/monitoring-and-automation.yaml']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('expc01: HTTPS POST /api/provisioning/common/dns/dnsserver');
    expect(r.stdout).toContain('PASSED');
    expect(r.status).toBe(0);
  });
});
