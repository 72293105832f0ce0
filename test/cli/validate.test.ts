// `xtwin validate` refuses, with exit 2 and file:line:col, every runbook that `xtwin run` could not
// execute as written: misspelled keys, malformed tshell lines, bad values, out-of-bound waits and
// faults. Spawned once, as a user runs it, over one file per problem.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch, xtwin, type Ran } from './helpers.js';

const tmp = scratch();
afterAll(tmp.remove);

const TOPOLOGY = 'name: bad\ntopology:\n  peers:\n    - { name: expc01, lan1: { ipv4: 10.0.0.11 } }\n    - { name: expc02, lan1: { ipv4: 10.0.0.12 } }\n';
/** file name → [runbook text after the topology, the line:col the error must name, words it must say] */
const CASES: Record<string, [string, string, string]> = {
  'unknown-key.yaml': ['steps:\n  - { peer: expc01, tshell: "xConfiguration Alternates Peer 3 Adress: 10.0.0.13" }\n', '7:29', 'XTW_ERR_PEER_UNKNOWN_KEY'],
  'bad-tshell.yaml': ['steps:\n  - { peer: expc01, tshell: "xConfiguration Alternates Cluster Name \\"c" }\n', '7:29', 'XTW_ERR_OP_TSHELL_SYNTAX'],
  'bad-value.yaml': ['steps:\n  - peer: expc01\n    page: clustering\n    set: { Alternates Cluster TLSVerificationMode: Strict }\n', '9:12', 'XTW_ERR_PEER_BAD_ENUM'],
  'huge-wait.yaml': ['steps:\n  - wait: 1e300\n', '7:11', 'is longer than the 7d allowed'],
  'long-wait.yaml': ['steps:\n  - wait: 99999999d\n', '7:11', 'a wait of 99999999d'],
  'long-limit.yaml': ['steps:\n  - wait: { until: { peer: expc01, state: running }, limit: 99999999d }\n', '7:61', 'a wait limit of 99999999d'],
  'strong-fault.yaml': ['faults: [{ at: 1s, fault: { kind: latency, latencyMsMean: 70000 } }]\nsteps:\n  - wait: 1m\n', '6:59', 'must be <= 60000'],
};

describe('xtwin validate: what run cannot execute is invalid (exit 2, file:line:col)', () => {
  let r: Ran;
  const files = Object.keys(CASES).map((name) => join(tmp.dir, name));
  beforeAll(() => {
    for (const [name, [body]] of Object.entries(CASES)) writeFileSync(join(tmp.dir, name), TOPOLOGY + body);
    r = xtwin(['validate', ...files]);
  });

  it('exits 2 and says ok for none of them', () => {
    expect(r.status).toBe(2);
    expect(r.stdout).not.toContain(': ok');
  });

  it.each(Object.entries(CASES))('%s: its error names the place and the problem', (name, [, place, words]) => {
    const line = r.stderr.split('\n').find((l) => l.startsWith(`${join(tmp.dir, name)}:`));
    expect(line).toBeDefined();
    expect(line).toMatch(new RegExp(`^${join(tmp.dir, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${place}: `));
    expect(line).toContain(words);
  });
});

describe('no validated runbook hangs: run and check refuse an out-of-bound wait before running', () => {
  it.each([['run'], ['check', '--runs', '20', '--workers', '1']])('xtwin %s … exits 2 with the place, at once', (...args) => {
    const file = join(tmp.dir, 'long-wait.yaml');
    writeFileSync(file, TOPOLOGY + CASES['long-wait.yaml']![0]);
    const r = xtwin([args[0]!, file, ...args.slice(1)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:7:11: a wait of 99999999d is longer than the 7d allowed`);
  });
});
