// `validate` accepts exactly what `run` can execute: each step is checked the way the runner will
// execute it (tshell lines parsed, configuration keys and values checked against the peer's schema,
// page fields, root commands, DNS changes, fault parameters), and every wait and timeline time is
// within the twin's one set of bounds (src/operator/bounds.ts). Each problem comes back with the
// file:line:col of the text at fault; deep nesting and huge values get short messages.
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, MAX_RUN_WAIT_MS, MAX_SHOWN_CHARS, MAX_WAIT_MS } from '../../src/operator/bounds.js';
import { parseRunbook } from '../../src/runbook/load.js';
import { runRunbook } from '../../src/runbook/run.js';
import type { RunbookErrorCode } from '../../src/runbook/errors.js';

const FILE = 'plan.yaml';
const TOPOLOGY = `name: t
topology:
  peers:
    - { name: expc01, lan1: { ipv4: 10.0.0.11 } }
    - { name: expc02, lan1: { ipv4: 10.0.0.12 } }
  cluster: { peers: [expc01, expc02] }
`;
const withSteps = (steps: string, extra = '') => `${TOPOLOGY}${extra}steps:\n${steps}`;

function at(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`fixture has no ${needle}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** The only error of `text`: its code, where it points, and its message. */
function onlyError(text: string, code: RunbookErrorCode, needle: string): string {
  const r = parseRunbook(text, FILE);
  expect(r.ok, 'expected the runbook to be rejected').toBe(false);
  const errors = r.ok ? [] : r.errors;
  expect(errors.map((e) => e.message)).toHaveLength(1);
  expect({ code: errors[0]!.code, line: errors[0]!.line, column: errors[0]!.column }).toEqual({ code, ...at(text, needle) });
  return errors[0]!.message;
}

function loads(text: string): void {
  const r = parseRunbook(text, FILE);
  expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([]);
}

describe('validate: each step as the runner will execute it', () => {
  it('a misspelled configuration key in a tshell line, with a suggestion', () => {
    const text = withSteps('  - { peer: expc01, tshell: "xConfiguration Alternates Peer 3 Adress: 10.0.0.13" }\n');
    const message = onlyError(text, 'XTW_ERR_RUNBOOK_REFUSED_STEP', '"xConfiguration');
    expect(message).toContain("XTW_ERR_PEER_UNKNOWN_KEY: Unknown configuration item: 'Alternates Peer 3 Adress' (did you mean Alternates Peer 3 Address?)");
  });

  it('a malformed tshell line (unterminated quote) and an unknown command', () => {
    expect(onlyError(withSteps('  - { peer: expc01, tshell: "xConfiguration Alternates Cluster Name: \\"c" }\n'), 'XTW_ERR_RUNBOOK_REFUSED_STEP', '"xConfiguration'))
      .toContain('XTW_ERR_OP_TSHELL_SYNTAX');
    expect(onlyError(withSteps('  - { peer: expc01, tshell: "xCommand ForceConfigUpdat" }\n'), 'XTW_ERR_RUNBOOK_REFUSED_STEP', '"xCommand'))
      .toContain('XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND');
    expect(onlyError(withSteps('  - { peer: expc01, tshell: "xStatus Nothing" }\n'), 'XTW_ERR_RUNBOOK_REFUSED_STEP', '"xStatus'))
      .toContain('XTW_ERR_OP_TSHELL_UNKNOWN_PATH');
    expect(onlyError(withSteps('  - { peer: expc01, tshell: "xCommand DefaultValuesSet Level: 9" }\n'), 'XTW_ERR_RUNBOOK_REFUSED_STEP', '"xCommand'))
      .toContain('Level must be 1..3');
  });

  it('a value the key refuses, in a tshell line and on a page (pointing at the field)', () => {
    expect(onlyError(withSteps('  - { peer: expc01, tshell: "xConfiguration Alternates Cluster TLSVerificationMode: Strict" }\n'), 'XTW_ERR_RUNBOOK_REFUSED_STEP', '"xConfiguration'))
      .toContain('XTW_ERR_PEER_BAD_ENUM');
    const page = withSteps('  - peer: expc01\n    page: clustering\n    set:\n      Alternates Peer 1 Address: 10.0.0.11\n      Alternates Peer 2 Adress: 10.0.0.12\n');
    expect(onlyError(page, 'XTW_ERR_RUNBOOK_REFUSED_STEP', 'Alternates Peer 2 Adress')).toContain('did you mean Alternates Peer 2 Address?');
    const wrongPage = withSteps('  - { peer: expc01, page: dns, set: { Alternates Cluster Name: c.example.com } }\n');
    expect(onlyError(wrongPage, 'XTW_ERR_RUNBOOK_REFUSED_STEP', 'dns, set')).toContain('XTW_ERR_OP_KEY_NOT_ON_PAGE');
  });

  it('a root command the shell does not have, and a DNS change with a bad name', () => {
    expect(onlyError(withSteps('  - { peer: expc01, root: "rm -rf /" }\n'), 'XTW_ERR_RUNBOOK_REFUSED_STEP', '"rm')).toContain('bash: rm: command not found');
    expect(onlyError(withSteps('  - dns: { name: "bad name", type: A, value: 10.0.0.50 }\n'), 'XTW_ERR_RUNBOOK_REFUSED_STEP', '{ name: "bad')).toContain('XTW_ERR_OP_BAD_FIELD');
  });

  it('a step that expects the refusal it will get is fine; one that expects another is not', () => {
    loads(withSteps('  - { peer: expc01, root: "rm -rf /", expectError: XTW_ERR_OP_COMMAND_NOT_FOUND }\n'));
    expect(onlyError(withSteps('  - { peer: expc01, root: "rm -rf /", expectError: XTW_ERR_OP_ROOT_USAGE }\n'), 'XTW_ERR_RUNBOOK_REFUSED_STEP', '"rm'))
      .toContain('the step expects "XTW_ERR_OP_ROOT_USAGE" instead');
  });

  it('what depends on the moment is left to the run: powering on a running peer validates', () => {
    loads(withSteps('  - { peer: expc01, power: on, expectError: XTW_ERR_OP_POWER_STATE }\n  - { peer: expc01, restore: no-such-backup, expectError: backup }\n'));
  });

  it('conditions name what the twin can show: a known alarm, a lifecycle state, existing configuration keys', () => {
    // `present: false` of an alarm that does not exist would always pass: a typo must not.
    expect(onlyError(withSteps('  - expect: { peer: expc01, alarm: "2004", present: false }\n'), 'XTW_ERR_RUNBOOK_UNKNOWN_CONDITION', '"2004"'))
      .toContain('unknown alarm "2004"');
    expect(onlyError(withSteps('  - wait: { until: { peer: expc01, state: runing }, limit: 1m }\n'), 'XTW_ERR_RUNBOOK_SCHEMA', 'runing'))
      .toContain('(did you mean running?)');
    expect(onlyError(withSteps('  - expect: { peer: expc01, config: { Alternates Cluster Nme: c } }\n'), 'XTW_ERR_RUNBOOK_UNKNOWN_CONDITION', 'Alternates Cluster Nme'))
      .toContain('did you mean Alternates Cluster Name?');
  });

  it('a topology the twin cannot build', () => {
    const text = withSteps('  - wait: 1s\n').replace('topology:\n', 'topology:\n  epochUtc: "2026-13-45T10:00Z"\n');
    expect(onlyError(text, 'XTW_ERR_RUNBOOK_BAD_TOPOLOGY', 'epochUtc')).toContain('the twin cannot build this topology');
  });
});

describe('validate: waits and faults within the one set of bounds', () => {
  it.each([['1e300'], ['99999999d'], [String(MAX_WAIT_MS + 1)], ['8d']])('wait: %s', (wait) => {
    const text = withSteps(`  - wait: ${wait}\n`);
    expect(onlyError(text, 'XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', wait)).toContain(`allowed (the twin's bound, src/operator/bounds.ts)`);
  });

  it('a wait until with a limit beyond the bound, pointing at the limit', () => {
    const text = withSteps('  - wait: { until: { peer: expc01, state: running }, limit: 99999999d }\n');
    expect(onlyError(text, 'XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', '99999999d')).toContain('a wait limit of 99999999d');
  });

  it('waits that add up beyond one run are refused at the step that crosses the bound', () => {
    const days = MAX_RUN_WAIT_MS / 86_400_000;
    const text = withSteps(`  - wait: ${days - 1}d\n  - wait: 1d\n  - wait: 1s\n  - note: more\n`);
    expect(onlyError(text, 'XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', '1s')).toContain(`more than the ${days}d one run may wait`);
  });

  it('a timeline fault above the operator\'s bound, and one that starts after any run ends', () => {
    const latency = withSteps('  - wait: 1m\n', 'faults: [{ at: 1s, fault: { kind: latency, latencyMsMean: 70000 } }]\n');
    expect(onlyError(latency, 'XTW_ERR_RUNBOOK_SCHEMA', '70000')).toContain('must be <= 60000');
    const late = withSteps('  - wait: 1m\n', 'faults: [{ at: 30d, fault: { kind: loss, lossRatio: 0.5 } }]\n');
    expect(onlyError(late, 'XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', '30d')).toContain("a timeline fault's at of 30d");
  });

  it('a partition between a peer and itself is refused before it fires', () => {
    const text = withSteps('  - wait: 1m\n', 'faults: [{ at: 1s, fault: { kind: partition, groups: [[expc01], [expc01]] } }]\n');
    expect(onlyError(text, 'XTW_ERR_RUNBOOK_REFUSED_STEP', '{ kind: partition')).toContain('two disjoint groups');
  });
});

describe('validate: short, clear messages for absurd input', () => {
  it('1,000-level nesting says so, without a stack overflow', () => {
    const text = withSteps(`  - note: ${'['.repeat(1000)}${']'.repeat(1000)}\n`);
    const r = parseRunbook(text, FILE);
    const messages = r.ok ? [] : r.errors.map((e) => e.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^plan\.yaml:\d+:\d+: the YAML nests more than 64 levels deep/);
    expect(messages[0]).not.toMatch(/call stack/i);
  });

  it('nesting just past the bound (parsable YAML) is refused at the deep value', () => {
    const text = withSteps(`  - note: ${'['.repeat(MAX_NESTING_DEPTH + 2)}${']'.repeat(MAX_NESTING_DEPTH + 2)}\n`);
    // It points at the first list deeper than the bound: the note's list is at depth 3 (steps, 0, note).
    const r = parseRunbook(text, FILE);
    const e = r.ok ? undefined : r.errors[0];
    const first = at(text, '[[');
    expect(r.ok ? [] : r.errors).toHaveLength(1);
    expect({ code: e?.code, line: e?.line, column: e?.column }).toEqual({ code: 'XTW_ERR_RUNBOOK_TOO_DEEP', line: first.line, column: first.column + MAX_NESTING_DEPTH - 3 });
    expect(e?.detail).toContain(`more than ${MAX_NESTING_DEPTH} levels`);
  });

  it('a 100 KB bad key or value is echoed cut to a few dozen characters', () => {
    for (const step of [`  - { peer: expc01, ${'x'.repeat(100_000)}: 1 }\n`, `  - { peer: expc01, restart: ${'y'.repeat(100_000)} }\n`, `  - { note: x, ${'z'.repeat(100_000)}: 1 }\n`]) {
      const r = parseRunbook(withSteps(step), FILE);
      const messages = r.ok ? [] : r.errors.map((e) => e.message);
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) expect(m.length).toBeLessThan(MAX_SHOWN_CHARS + 300);
      expect(messages.join('\n')).toContain('…');
    }
  });
});

describe('validate ok means run executes every step', () => {
  it('a validated runbook with a timeline fault runs it (the trace has the fault)', () => {
    const text = withSteps('  - wait: 1m\n', 'faults: [{ at: 1s, fault: { kind: latency, latencyMsMean: 500 } }]\n');
    const r = parseRunbook(text, FILE);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const run = runRunbook(r.runbook);
    expect(run.events.some((e) => e.kind === 'fault.inject')).toBe(true);
    expect(run.passed).toBe(true);
  });
});
