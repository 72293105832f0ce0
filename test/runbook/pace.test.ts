// The operator's pace (src/runbook/pace.ts): every action is followed by STEP_GAP_MS of virtual
// time unless the step sets its own `gap`; the loader holds a gap to a wait's bounds and refuses it
// on steps that are not actions.
import { describe, expect, it } from 'vitest';
import { parseTwoPeer, runTwoPeer } from '../helpers/twoPeerRunbook.js';
import { STEP_GAP_MS } from '../../src/runbook/run.js';

const parse = (body: string) => parseTwoPeer(body, 'pace.yaml');
const run = runTwoPeer;

const SAVE = `{ peer: expc01, tshell: 'xConfiguration Zones Zone 1 Name: "Lab"'`;

describe('the operator pace between steps', () => {
  it(`is ${STEP_GAP_MS} ms after an action by default (assumption: a second between two actions)`, () => {
    expect(STEP_GAP_MS).toBe(1_000);
    const r = run(`steps:\n  - ${SAVE} }\n  - note: next\n`);
    expect(r.steps[0]!.endMs - r.steps[0]!.startMs).toBe(STEP_GAP_MS);
    expect(r.steps[1]!.startMs).toBe(r.steps[0]!.startMs + STEP_GAP_MS);
  });

  it.each([
    ['0', 0],
    ['250ms', 250],
    ['"90s"', 90_000],
    ['1500', 1_500],
  ])('a step with gap: %s is followed by %i ms', (gap, ms) => {
    const r = run(`steps:\n  - ${SAVE}, gap: ${gap} }\n  - note: next\n`);
    expect(r.passed).toBe(true);
    expect(r.steps[1]!.startMs - r.steps[0]!.startMs).toBe(ms);
  });

  it('gap: 0 lets the next step see the moment of the action: the saved value and nothing the 20007 timer has done yet', () => {
    const r = run(`steps:\n  - ${SAVE}, gap: 0 }\n  - expect: { peer: expc01, config: { Zones Zone 1 Name: Lab } }\n`);
    expect(r.passed).toBe(true);
    expect(r.steps[1]!.startMs).toBe(r.steps[0]!.startMs);
  });

  it('a gap on a step that is not an action (wait, expect, note) is refused by the loader', () => {
    for (const step of ['- wait: 1s', '- expect: { replicated: true }', '- note: hi']) {
      const r = parse(`steps:\n  ${step}\n    gap: 0\n`);
      expect(r.ok, step).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.message).join('\n'), step).toMatch(/gap/);
    }
  });

  it('a gap beyond the wait bound, or one that is not a duration, is refused with its place', () => {
    const long = parse(`steps:\n  - ${SAVE}, gap: 8d }\n`);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.errors[0]!.message).toMatch(/steps\[0\]\.gap|steps\.0\.gap|gap/);
    const bad = parse(`steps:\n  - ${SAVE}, gap: soon }\n`);
    expect(bad.ok).toBe(false);
  });
});
