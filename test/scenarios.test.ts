// Every runbook in scenarios/ runs against a fresh twin and passes: procedures show the documented
// statuses and alarms; wrong-way runbooks pass because their expectations assert the trap.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../src/runbook/load.js';
import { runRunbook } from '../src/runbook/run.js';
import { jsonReport } from '../src/runbook/report/json.js';
import { ROOT } from './arch/sources.js';

const DIRS = ['scenarios/procedures', 'scenarios/wrong-way'];
const files = DIRS.flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.yaml')).sort().map((f) => `${d}/${f}`));

function load(file: string) {
  const r = parseRunbook(readFileSync(join(ROOT, file), 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.runbook;
}

describe('scenarios: every runbook passes', () => {
  it('there is a runbook for each procedure and trap', () => {
    expect(files.filter((f) => f.includes('/procedures/')).length).toBeGreaterThanOrEqual(15);
    expect(files.filter((f) => f.includes('/wrong-way/')).length).toBeGreaterThanOrEqual(6);
  });

  for (const file of files) {
    it(`${file}: every expectation holds`, () => {
      const runbook = load(file);
      const run = runRunbook(runbook);
      expect(run.failures).toEqual([]);
      // A runbook that checks nothing proves nothing: each one states at least one expectation. Only
      // what the runner judged counts (an expectation, or a `wait … until` that held within its limit).
      const checks = run.steps.reduce((n, s) => n + s.verdicts.length, 0);
      expect(checks).toBeGreaterThan(0);
      if (file.includes('/wrong-way/')) expect(runbook.kind).toBe('wrong-way');
    });
  }

  it('the same runbook and seed give an identical JSON report (add-peer, twice)', () => {
    const runbook = load('scenarios/procedures/add-peer.yaml');
    const a = JSON.stringify(jsonReport(runRunbook(runbook)));
    const b = JSON.stringify(jsonReport(runRunbook(runbook)));
    expect(a).toBe(b);
    const other = JSON.stringify(jsonReport(runRunbook(runbook, { seed: 8 })));
    expect(other).not.toBe(a);
  });
});
