// `xtwin run`, `xtwin validate`, `xtwin replay` and `xtwin --help`, spawned as a user runs them:
// exit 0 for a passing runbook, 1 for a failing one, 2 for a malformed one with file:line:col; the
// reports land where asked; a JSON report replays to the identical trace.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../arch/sources.js';
import { scratch, xtwin } from './helpers.js';

const ADD_PEER = 'scenarios/procedures/add-peer.yaml';
const tmp = scratch();
afterAll(tmp.remove);

const addPeerText = readFileSync(join(ROOT, ADD_PEER), 'utf8');
/** add-peer with its last expectation turned false: expc01 sees Peer 3 Active, not Failed. */
const FAILING = join(tmp.dir, 'failing.yaml');
writeFileSync(FAILING, addPeerText.replace('{ peer: expc01, status: { entry: 3, is: Active } }', '{ peer: expc01, status: { entry: 3, is: Failed } }'));
/** A restart mode that does not exist, on line 7 column 14. */
const MALFORMED = join(tmp.dir, 'malformed.yaml');
writeFileSync(MALFORMED, 'name: bad\ntopology:\n  peers:\n    - { name: expc01, lan1: { ipv4: 10.0.0.11 } }\nsteps:\n  - peer: expc01\n    restart: sometimes\n');

describe('xtwin --help', () => {
  it('exits 0 and lists every command', () => {
    const r = xtwin(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['run', 'check', 'validate', 'replay', 'shell', 'serve', 'demo']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('an unknown command exits 2 and says so', () => {
    const r = xtwin(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("xtwin: unknown command 'frobnicate'");
  });
});

describe('xtwin run', () => {
  it('scenarios/wrong-way/retype-peer-list.yaml passes but names the armed factory reset and the step that armed it; --strict fails it (exit 1)', () => {
    const r = xtwin(['run', 'scenarios/wrong-way/retype-peer-list.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('was armed: Factory reset armed for the next restart on expc03 [factory-reset]');
    expect(r.stdout).toContain('during step #2 (expc03: clustering page');
    const strict = xtwin(['run', '--strict', 'scenarios/wrong-way/retype-peer-list.yaml']);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('STRICT: 1 armed trap(s) fail the run (--strict)');
    expect(xtwin(['run', '--strict', ADD_PEER]).status).toBe(0);
  });

  it(`${ADD_PEER}: exits 0, prints SEED= first and PASSED`, () => {
    const r = xtwin(['run', ADD_PEER]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('SEED=7');
    expect(r.stdout).toMatch(/PASSED: every expectation held \(trace [0-9a-f]{16}\)/);
    expect(r.stdout, 'not a TTY: no colour').not.toMatch(/\u001b/);
  });

  it('a runbook with a wrong expectation exits 1 and names the failed step', () => {
    const r = xtwin(['run', FAILING]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAILED: 1 expectation(s) did not hold');
    expect(r.stdout).toContain('expc01: Peer 3 shows "Failed" — saw "Active"');
  });

  it('a malformed runbook exits 2 and prints file:line:col', () => {
    const r = xtwin(['run', MALFORMED]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${MALFORMED}:7:14: "sometimes" is not a valid restart`);
    expect(r.stdout).not.toContain('SEED=');
  });

  it('--html F --junit G writes both files', () => {
    const html = join(tmp.dir, 'report.html');
    const junit = join(tmp.dir, 'report.xml');
    const r = xtwin(['run', ADD_PEER, '--html', html, '--junit', junit]);
    expect(r.status).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<svg[\s\S]*<\/svg>[\s\S]*<\/html>\n$/);
    expect(readFileSync(junit, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites>\n  <testsuite name="Add a peer to a cluster" file="scenarios\/procedures\/add-peer.yaml"[\s\S]*<\/testsuites>\n$/);
  });

  it('--junit for a failing runbook writes a <failure> and still exits 1', () => {
    const junit = join(tmp.dir, 'failing.xml');
    expect(xtwin(['run', FAILING, '--junit', junit]).status).toBe(1);
    expect(readFileSync(junit, 'utf8').match(/<failure /g)).toHaveLength(1);
  });
});

describe('xtwin validate', () => {
  it('a good runbook: exit 0 and its step count', () => {
    const r = xtwin(['validate', ADD_PEER]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${ADD_PEER}: ok \\(\\d+ steps\\)$`, 'm'));
  });

  it('a bad one among good ones: exit 2, the good one still ok, the bad one as file:line:col', () => {
    const r = xtwin(['validate', ADD_PEER, MALFORMED]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${ADD_PEER}: ok`);
    expect(r.stderr).toContain(`${MALFORMED}:7:14:`);
  });
});

describe('xtwin run --json, then xtwin replay', () => {
  const report = join(tmp.dir, 'run.json');

  it('the JSON report replays to the identical trace (exit 0)', () => {
    const r = xtwin(['run', ADD_PEER, '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { file: string; seed: number; traceHash: string; passed: boolean };
    expect(json).toMatchObject({ file: ADD_PEER, seed: 7, passed: true, traceHash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    writeFileSync(report, r.stdout);
    const replay = xtwin(['replay', report]);
    expect(replay.status).toBe(0);
    expect(replay.stdout).toContain(`replayed ${ADD_PEER}: trace ${json.traceHash} identical`);
  });

  it('--json=FILE writes the same report to FILE; a runbook that does not load leaves no file (exit 2)', () => {
    const file = join(tmp.dir, 'written.json');
    const r = xtwin(['run', ADD_PEER, `--json=${file}`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('PASSED');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ file: ADD_PEER, seed: 7, passed: true });
    const missing = join(tmp.dir, 'never.json');
    const bad = xtwin(['run', MALFORMED, `--json=${missing}`]);
    expect(bad.status).toBe(2);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(`${missing}.partial`)).toBe(false);
  });

  it('a report whose hash was changed replays as different (exit 1)', () => {
    expect(existsSync(report), 'written by the test above').toBe(true);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { traceHash: string };
    const tampered = join(tmp.dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ ...json, traceHash: '0123456789abcdef' }));
    const replay = xtwin(['replay', tampered]);
    expect(replay.status).toBe(1);
    expect(replay.stdout).toContain('differs from recorded 0123456789abcdef');
  });
});
