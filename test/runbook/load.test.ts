// Runbook loading (src/runbook/load.ts): valid runbooks become typed values; every kind of problem
// comes back with its code, the exact file:line:col of the offending text and its JSON pointer —
// all of them at once, not just the first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RUNBOOK_ERRORS, RunbookError, RunbookLoadError, type RunbookErrorCode } from '../../src/runbook/errors.js';
import { formatRunbookErrors, loadRunbookFile, parseRunbook, runbookOrThrow } from '../../src/runbook/load.js';
import type { Runbook } from '../../src/runbook/schema.js';

const FILE = 'scenarios/test.yaml';

/** 1-based line and column of the `nth` occurrence of `needle` in `text`: where an error must point. */
function at(text: string, needle: string, nth = 1): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i < nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`fixture has no ${needle}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function errorsOf(text: string): RunbookError[] {
  const r = parseRunbook(text, FILE);
  if (r.ok) throw new Error('expected the runbook to be rejected');
  return r.errors;
}

/** The only error of `text`, checked against the code and the text it must point at. */
function onlyError(text: string, code: RunbookErrorCode, needle: string, nth = 1): RunbookError {
  const errors = errorsOf(text);
  expect(errors.map((e) => e.message)).toHaveLength(1);
  const e = errors[0]!;
  expect({ code: e.code, line: e.line, column: e.column }).toEqual({ code, ...at(text, needle, nth) });
  expect(e.message).toBe(`${FILE}:${e.line}:${e.column}: ${e.detail}`);
  return e;
}

const TOPOLOGY = `topology:
  peers:
    - name: expc01
      lan1: { ipv4: 10.0.0.11 }
    - name: expc02
      lan1: { ipv4: 10.0.0.12 }
`;
const withSteps = (steps: string, extra = '') => `name: test\n${TOPOLOGY}${extra}steps:\n${steps}`;

const MINIMAL = `name: smallest
topology:
  peers:
    - name: expc01
      lan1: { ipv4: 10.0.0.11 }
steps: []
`;

const FORM_CLUSTER = `# yaml-language-server: $schema=./runbook.schema.json
name: form a two-peer cluster
procedure: DOMAIN §6.3
kind: procedure
seed: 42
topology:
  peers:
    - name: expc01
      version: X14.3.1
      platform: large-vm
      lan1: { ipv4: 10.0.0.11, prefixLength: 24 }
    - name: expc02
      lan1: { ipv4: 10.0.0.12 }
      certificate: { cn: expc02.example.com, sans: [cluster.example.com], notAfter: 2027-01-01 }
  cluster: { peers: [expc01, expc02], primary: expc01, tls: Enforcing, addressing: fqdn }
faults:
  - at: 2m
    fault: { kind: partition, groups: [[expc01], [expc02]], oneWay: true }
    heal: 1h30m
steps:
  - peer: expc01
    tshell: xCommand ForceConfigUpdate
    note: push the primary's configuration
  - wait: 90s
  - wait: { until: { peer: expc01, alarm: "20004" }, limit: 10m }
  - expect:
      - { peer: expc02, database: Active }
      - { peer: expc02, status: { entry: 1, is: Active } }
      - { replicated: true }
  - note: the cluster is formed
invariants: [config-converges]
`;

const WRONG_WAY = `name: restore onto a clustered peer (wrong way)
kind: wrong-way
topology:
  domain: example.com
  peers:
    - name: expe01
      product: expressway-e
      h323: Off
      lan1: { ipv4: 192.0.2.10, staticNat: 198.51.100.10 }
      lan2: { ipv4: 10.1.0.10, ipv6: "2001:db8::10" }
      certificate: null
      optionKeys:
        - { key: 116341E00-1-A4B5, kind: licence, description: Rich media sessions, licence: { type: rms, count: 100 } }
      powered: false
      config: { "SIP Mode": "On" }
  network: { latencyMsMean: 2, links: [{ between: [expe01, expe01], rttMs: 80 }] }
  dns: { registerPeers: false, records: [{ name: expe01.example.com, type: A, value: 192.0.2.10 }] }
steps:
  - { peer: expe01, power: on }
  - { peer: expe01, page: clustering, set: { "Alternates Cluster Name": cluster.example.com } }
  - { peer: expe01, restart: reboot, independent: true }
  - { peer: expe01, backup: true }
  - { peer: expe01, restore: backup-1, expectError: XTW_ERR_PEER_CLUSTERED }
  - { dns: { name: expe01.example.com, type: A } }
  - fault: { kind: dns-failure, name: expe01.example.com, failure: servfail, forPeer: expe01 }
  - fault: { kind: latency, latencyMsMean: 300 }
  - heal: all
  - wait: 500
  - expect: { peer: expe01, log: "Restore failed", present: true }
`;

describe('parseRunbook: valid runbooks load', () => {
  it('a minimal runbook becomes exactly the value the YAML says', () => {
    const r = parseRunbook(MINIMAL, FILE);
    const expected: Runbook = { name: 'smallest', topology: { peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }] }, steps: [] };
    expect(r).toEqual({ ok: true, runbook: expected });
  });

  it.each([['a cluster procedure with faults, waits and expectations', FORM_CLUSTER], ['a wrong-way runbook using every other step kind', WRONG_WAY]])(
    '%s loads with no errors',
    (_, text) => {
      const r = parseRunbook(text, FILE);
      expect(r.ok ? [] : formatRunbookErrors(r.errors).split('\n')).toEqual([]);
    },
  );

  it('YAML 1.2 scalars keep their meaning: power: on stays the string "on", h323: Off the string "Off"', () => {
    const r = runbookOrThrow(parseRunbook(WRONG_WAY, FILE));
    expect(r.steps[0]).toEqual({ peer: 'expe01', power: 'on' });
    expect(r.topology.peers[0]!.h323).toBe('Off');
  });
});

describe('parseRunbook: each problem has its code and points at the offending text', () => {
  it('unknown key in a step: XTW_ERR_RUNBOOK_UNKNOWN_KEY at the key, listing the keys a tshell step allows', () => {
    const text = withSteps('  - peer: expc01\n    tshell: xCommand ForceConfigUpdate\n    colour: blue\n');
    const e = onlyError(text, 'XTW_ERR_RUNBOOK_UNKNOWN_KEY', 'colour');
    expect(e.path).toBe('/steps/0/colour');
    expect(e.detail).toMatch(/unknown key "colour" in tshell step; expected one of: .*peer, tshell/);
  });

  it('unknown step kind: XTW_ERR_RUNBOOK_UNKNOWN_STEP at the key, with the list of step kinds and the closest one', () => {
    const text = withSteps('  - peer: expc01\n    restrat: reboot\n');
    const e = onlyError(text, 'XTW_ERR_RUNBOOK_UNKNOWN_STEP', 'restrat');
    expect(e.detail).toContain('expected one of: tshell, page, root, power, restart');
    expect(e.detail).toContain('did you mean restart?');
  });

  it('a step with two actions: the second is an unknown key, and the message says to split the step', () => {
    const text = withSteps('  - peer: expc01\n    tshell: xCommand ForceConfigUpdate\n    root: factory-reset\n');
    expect(onlyError(text, 'XTW_ERR_RUNBOOK_UNKNOWN_KEY', 'root').detail).toContain('split it');
  });

  it('oneOf noise is gone: a bad tshell step reports only tshell-step errors, not the other 13 step forms', () => {
    const text = withSteps('  - peer: expc01\n    tshell: 42\n');
    const e = onlyError(text, 'XTW_ERR_RUNBOOK_SCHEMA', '42');
    expect(e).toMatchObject({ path: '/steps/0/tshell', detail: 'expected text for tshell; got 42' });
  });

  it.each([
    ['a wait', '  - wait: 90 seconds\n', '', '90 seconds', '/steps/0/wait'],
    ['a negative wait', '  - wait: -5\n', '', '-5', '/steps/0/wait'],
    ['a wait limit', '  - wait: { until: { replicated: true }, limit: 2 min }\n', '', '2 min', '/steps/0/wait/limit'],
    ['a timed fault', '  - note: x\n', 'faults:\n  - at: 2x\n    fault: { kind: power-loss, peer: expc01 }\n', '2x', '/faults/0/at'],
    ['a heal before its fault', '  - note: x\n', 'faults:\n  - at: 5m\n    fault: { kind: power-loss, peer: expc01 }\n    heal: 1m\n', '1m', '/faults/0/heal'],
  ])('bad duration in %s: XTW_ERR_RUNBOOK_BAD_DURATION at the value', (_, steps, extra, needle, path) => {
    expect(onlyError(withSteps(steps, extra), 'XTW_ERR_RUNBOOK_BAD_DURATION', needle).path).toBe(path);
  });

  it('wrong type: XTW_ERR_RUNBOOK_SCHEMA naming the expected and the actual type', () => {
    const text = withSteps('  - note: x\n').replace('name: test', 'name: [a, b]');
    const e = onlyError(text, 'XTW_ERR_RUNBOOK_SCHEMA', '[a, b]');
    expect(e.detail).toBe('expected text for name; got a list');
  });

  it.each([
    ['a step', '  - peer: expc2\n    tshell: xCommand ForceConfigUpdate\n', '', 'expc2', '/steps/0/peer'],
    ['a condition', '  - expect: [{ peer: expc01, banner: false }, { peer: expc2, banner: true }]\n', '', 'expc2', '/steps/0/expect/1/peer'],
    ['a wait-until condition', '  - wait: { until: { peer: expc2, state: running }, limit: 5m }\n', '', 'expc2', '/steps/0/wait/until/peer'],
    ['a partition', '  - fault: { kind: partition, groups: [[expc01], [expc2]] }\n', '', 'expc2', '/steps/0/fault/groups/1/0'],
    ['a timed fault', '  - note: x\n', 'faults:\n  - at: 1m\n    fault: { kind: database-failure, peer: expc2 }\n', 'expc2', '/faults/0/fault/peer'],
    ['the cluster', '  - note: x\n', '', 'expc2', '/topology/cluster/peers/1'],
  ])('unknown peer in %s: XTW_ERR_RUNBOOK_UNKNOWN_PEER at the name, suggesting the closest peer', (what, steps, extra, needle, path) => {
    let text = withSteps(steps, extra);
    if (what === 'the cluster') text = text.replace('steps:', '  cluster: { peers: [expc01, expc2] }\nsteps:');
    const e = onlyError(text, 'XTW_ERR_RUNBOOK_UNKNOWN_PEER', needle);
    expect(e.path).toBe(path);
    expect(e.detail).toBe('unknown peer "expc2" (did you mean expc02?); the topology has: expc01, expc02');
  });

  it.each([['10.0.0.256'], ['10.0.0'], ['010.0.0.1']])('bad IPv4 %s: XTW_ERR_RUNBOOK_BAD_ADDRESS at the value', (bad) => {
    const text = withSteps('  - note: x\n').replace('10.0.0.12', bad);
    expect(onlyError(text, 'XTW_ERR_RUNBOOK_BAD_ADDRESS', `${bad} }`).path).toBe('/topology/peers/1/lan1/ipv4');
  });

  it('bad IPv6 that has the right shape is caught by the twin\'s parser: XTW_ERR_RUNBOOK_BAD_ADDRESS', () => {
    const text = withSteps('  - note: x\n').replace('{ ipv4: 10.0.0.12 }', '{ ipv4: 10.0.0.12, ipv6: "2001:db8:::1" }');
    onlyError(text, 'XTW_ERR_RUNBOOK_BAD_ADDRESS', '"2001:db8:::1"');
  });

  it.each([
    ['a duplicate key', 'name: a\nname: b\n', 'name: b'],
    ['a stray bracket', 'name: test\nsteps: ]\n', ']'],
    ['a reserved character', 'name: @x\nsteps: []\n', '@x'],
    ['a tab used as indentation', 'name: test\n\tsteps: []\n', '\tsteps'],
    ['two documents in one file', 'name: a\n---\nname: b\n', '---'],
  ])('YAML syntax error (%s): XTW_ERR_RUNBOOK_YAML with the position the YAML parser gives', (_, text, needle) => {
    onlyError(text, 'XTW_ERR_RUNBOOK_YAML', needle);
  });

  it('an alias bomb is a YAML error, not a hang', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const l of 'bcdefg') levels.push(`${l}: &${l} [${Array(9).fill(`*${String.fromCharCode(l.charCodeAt(0) - 1)}`).join(',')}]`);
    expect(errorsOf(levels.join('\n')).map((e) => e.code)).toEqual(['XTW_ERR_RUNBOOK_YAML']);
  });

  it('an empty file: one schema error at 1:1 saying a mapping was expected', () => {
    const [e, ...more] = errorsOf('');
    expect(more).toEqual([]);
    expect(e).toMatchObject({ code: 'XTW_ERR_RUNBOOK_SCHEMA', line: 1, column: 1, path: '' });
    expect(e!.detail).toContain('expected a mapping');
  });

  it('a missing required key points at the mapping that lacks it', () => {
    const text = withSteps('  - wait: { until: { replicated: true } }\n');
    expect(onlyError(text, 'XTW_ERR_RUNBOOK_SCHEMA', '{ until').detail).toBe('missing key "limit" in wait until');
  });

  it('unknown fault kind: XTW_ERR_RUNBOOK_UNKNOWN_FAULT at the kind, suggesting the closest', () => {
    const text = withSteps('  - fault: { kind: partion, groups: [[expc01], [expc02]] }\n');
    expect(onlyError(text, 'XTW_ERR_RUNBOOK_UNKNOWN_FAULT', 'partion').detail).toContain('(did you mean partition?)');
  });

  it('unknown condition: XTW_ERR_RUNBOOK_UNKNOWN_CONDITION at the key', () => {
    onlyError(withSteps('  - expect: { peer: expc01, alarms: "20004" }\n'), 'XTW_ERR_RUNBOOK_UNKNOWN_CONDITION', 'alarms');
  });

  it('duplicate peer names and addresses: reported at the second occurrence', () => {
    const dupName = withSteps('  - note: x\n').replace('name: expc02', 'name: expc01');
    expect(onlyError(dupName, 'XTW_ERR_RUNBOOK_DUPLICATE_PEER', 'expc01', 2).path).toBe('/topology/peers/1/name');
    const dupAddress = withSteps('  - note: x\n').replace('10.0.0.12', '10.0.0.11');
    expect(onlyError(dupAddress, 'XTW_ERR_RUNBOOK_DUPLICATE_ADDRESS', '10.0.0.11', 2).detail).toContain('already assigned to expc01 lan1.ipv4');
  });

  it('a seven-peer cluster: XTW_ERR_RUNBOOK_TOO_MANY_PEERS at the list', () => {
    const peers = Array.from({ length: 7 }, (_, i) => `    - { name: p${i + 1}, lan1: { ipv4: 10.0.0.${i + 1} } }\n`).join('');
    const text = `name: big\ntopology:\n  peers:\n${peers}  cluster: { peers: [p1, p2, p3, p4, p5, p6, p7] }\nsteps: []\n`;
    expect(onlyError(text, 'XTW_ERR_RUNBOOK_TOO_MANY_PEERS', '[p1,').detail).toBe('a cluster has at most 6 peers; this one lists 7');
  });

  it('a primary outside the cluster: XTW_ERR_RUNBOOK_BAD_CLUSTER at the primary', () => {
    const text = withSteps('  - note: x\n').replace('steps:', '  cluster: { peers: [expc01], primary: expc02 }\nsteps:');
    onlyError(text, 'XTW_ERR_RUNBOOK_BAD_CLUSTER', 'expc02', 2);
  });
});

describe('parseRunbook: a load reports every problem at once, in file order', () => {
  const text = `name: several problems
topology:
  peers:
    - name: expc01
      lan1: { ipv4: 10.0.0.300 }
    - name: expc02
      lan1: { ipv4: 10.0.0.12 }
      colour: blue
steps:
  - peer: expc03
    tshell: xCommand ForceConfigUpdate
  - wait: soon
  - peer: expc01
    reboot: now
  - expect: { peer: expc01, database: Up }
`;

  it('six problems in six places: six errors with their codes and positions', () => {
    const got = errorsOf(text).map((e) => `${e.line}:${e.column} ${e.code}`);
    expect(got).toEqual([
      `${at(text, '10.0.0.300').line}:${at(text, '10.0.0.300').column} XTW_ERR_RUNBOOK_BAD_ADDRESS`,
      `${at(text, 'colour').line}:${at(text, 'colour').column} XTW_ERR_RUNBOOK_UNKNOWN_KEY`,
      `${at(text, 'expc03').line}:${at(text, 'expc03').column} XTW_ERR_RUNBOOK_UNKNOWN_PEER`,
      `${at(text, 'soon').line}:${at(text, 'soon').column} XTW_ERR_RUNBOOK_BAD_DURATION`,
      `${at(text, 'reboot').line}:${at(text, 'reboot').column} XTW_ERR_RUNBOOK_UNKNOWN_STEP`,
      `${at(text, 'Up }').line}:${at(text, 'Up }').column} XTW_ERR_RUNBOOK_SCHEMA`,
    ]);
  });

  it('formatRunbookErrors prints one `file:line:col: message` line per error', () => {
    const lines = formatRunbookErrors(errorsOf(text)).split('\n');
    expect(lines).toHaveLength(6);
    for (const l of lines) expect(l).toMatch(/^scenarios\/test\.yaml:\d+:\d+: \S.*$/);
    expect(lines[3]).toBe(`${FILE}:12:11: "soon" is not a valid duration; expected e.g. "90s", "2m", "1h30m"`);
  });

  it('runbookOrThrow throws a RunbookLoadError that carries all of them', () => {
    const thrown = (() => {
      try {
        runbookOrThrow(parseRunbook(text, FILE));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(RunbookLoadError);
    expect((thrown as RunbookLoadError).errors).toHaveLength(6);
  });
});

describe('loadRunbookFile: file I/O around the pure parser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xtw-runbook-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads and parses a file, naming it in errors', async () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, MINIMAL);
    expect((await loadRunbookFile(good)).ok).toBe(true);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, withSteps('  - wait: soon\n'));
    const r = await loadRunbookFile(bad);
    expect(r.ok ? '' : r.errors[0]!.message).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
  });

  it('a missing file: XTW_ERR_RUNBOOK_IO at 1:1', async () => {
    const r = await loadRunbookFile(join(dir, 'absent.yaml'));
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.line, e.column])).toEqual([['XTW_ERR_RUNBOOK_IO', 1, 1]]);
  });
});

describe('RUNBOOK_ERRORS catalog', () => {
  /** One input per code: each catalog entry can actually be produced (the catalog has no dead codes). */
  const PRODUCERS: Record<Exclude<RunbookErrorCode, 'XTW_ERR_RUNBOOK_IO'>, string> = {
    XTW_ERR_RUNBOOK_YAML: 'name: [',
    XTW_ERR_RUNBOOK_SCHEMA: withSteps('  - note: 1\n'),
    XTW_ERR_RUNBOOK_UNKNOWN_KEY: withSteps('  - { note: x, colour: red }\n'),
    XTW_ERR_RUNBOOK_UNKNOWN_STEP: withSteps('  - { peer: expc01, reboot: now }\n'),
    XTW_ERR_RUNBOOK_UNKNOWN_CONDITION: withSteps('  - expect: { peer: expc01, mood: calm }\n'),
    XTW_ERR_RUNBOOK_UNKNOWN_FAULT: withSteps('  - fault: { kind: flood }\n'),
    XTW_ERR_RUNBOOK_BAD_DURATION: withSteps('  - wait: soon\n'),
    XTW_ERR_RUNBOOK_BAD_ADDRESS: withSteps('  - note: x\n').replace('10.0.0.12', '10.0.0.999'),
    XTW_ERR_RUNBOOK_UNKNOWN_PEER: withSteps('  - { peer: nobody, backup: true }\n'),
    XTW_ERR_RUNBOOK_DUPLICATE_PEER: withSteps('  - note: x\n').replace('expc02', 'expc01'),
    XTW_ERR_RUNBOOK_DUPLICATE_ADDRESS: withSteps('  - note: x\n').replace('10.0.0.12', '10.0.0.11'),
    XTW_ERR_RUNBOOK_TOO_MANY_PEERS: withSteps('  - note: x\n').replace('steps:', '  cluster: { peers: [expc01, expc02, expc01, expc02, expc01, expc02, expc01] }\nsteps:'),
    XTW_ERR_RUNBOOK_BAD_CLUSTER: withSteps('  - note: x\n').replace('steps:', '  cluster: { peers: [expc01], primary: expc02 }\nsteps:'),
    XTW_ERR_RUNBOOK_BAD_TOPOLOGY: withSteps('  - note: x\n').replace('topology:', 'topology:\n  epochUtc: "2026-13-45T10:00Z"'),
    XTW_ERR_RUNBOOK_REFUSED_STEP: withSteps('  - { peer: expc01, root: "rm -rf /" }\n'),
    XTW_ERR_RUNBOOK_OUT_OF_BOUNDS: withSteps('  - wait: 8d\n'),
    XTW_ERR_RUNBOOK_TOO_DEEP: withSteps(`  - note: ${'['.repeat(100)}${']'.repeat(100)}\n`),
  };

  it.each(Object.entries(PRODUCERS))('%s is produced by a runbook that has that problem', (code, text) => {
    expect(errorsOf(text).map((e) => e.code)).toContain(code);
  });

  it('codes follow XTW_ERR_RUNBOOK_<WHAT> and every one has a description', () => {
    for (const [code, description] of Object.entries(RUNBOOK_ERRORS)) {
      expect(code).toMatch(/^XTW_ERR_RUNBOOK_[A-Z_]+$/);
      expect(description.length).toBeGreaterThan(10);
    }
  });
});
