// `xtwin run` never passes a run in which the model failed (issue #11 §1): the run fails, stops at
// the step that was executing, and each report — text, JSON, HTML, JUnit — has a "twin fault" line
// naming the error, the peer and that step. On the original main the LAN1 runbook below PASSED.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { htmlReport } from '../../src/runbook/report/html.js';
import { jsonReport } from '../../src/runbook/report/json.js';
import { junitReport } from '../../src/runbook/report/junit.js';
import { textReport } from '../../src/runbook/report/text.js';
import { runRunbook } from '../../src/runbook/run.js';
import { scratch, xtwin } from '../cli/helpers.js';
import { FORCED, LAN1_CHANGE_YAML, RESTART_YAML, runbookOf, withLifecycleCrash } from '../helpers/modelFault.js';

describe('a run in which the model fails', () => {
  it('the LAN1 change (DOMAIN §6.9, still unmodelled) fails at step 4 naming expc02 and the error, and runs no later step', () => {
    const run = runRunbook(runbookOf(LAN1_CHANGE_YAML));
    expect(run.passed).toBe(false);
    expect(run.twinFaults).toEqual([expect.objectContaining({ peer: 'expc02', code: 'XTW_ERR_SIM_UNKNOWN_ADDRESS', source: 'peer', step: 3 })]);
    expect(run.steps.map((s) => s.ok)).toEqual([true, true, true, false]);
    expect(run.steps[3]!.error).toMatch(/^twin fault: XTW_ERR_SIM_UNKNOWN_ADDRESS/);
  });

  const run = withLifecycleCrash(FORCED, () => runRunbook(runbookOf(RESTART_YAML)));
  const line = /twin fault: the twin itself failed at T\+00:01:00\.000 on expc02 \(its lifecycle\), during step 2 \(expc02: Maintenance > Restart options > Restart\): forced by the test seam/;

  it('the seam: the restart step fails with the fault, and the run is not passed though its expectation would hold', () => {
    expect(run.passed).toBe(false);
    expect(run.twinFaults).toEqual([{ atMs: 60_000, peer: 'expc02', message: 'forced by the test seam', source: 'peer', step: 1 }]);
    expect(run.steps).toHaveLength(2);
  });

  it('text: a twin fault line and FAILED: the twin faulted', () => {
    const text = textReport(run);
    expect(text).toMatch(line);
    expect(text).toContain('FAILED: the twin faulted');
    expect(text).not.toContain('PASSED');
  });

  it('JSON: passed false and twinFaults with the step counted from 1', () => {
    const json = JSON.parse(JSON.stringify(jsonReport(run))) as { passed: boolean; twinFaults: { step: number; peer: string; message: string; text: string }[] };
    expect(json.passed).toBe(false);
    expect(json.twinFaults).toEqual([expect.objectContaining({ step: 2, peer: 'expc02', message: 'forced by the test seam' })]);
    expect(json.twinFaults[0]!.text).toMatch(line);
  });

  it('HTML: a Twin fault section with the line', () => {
    const html = htmlReport(run);
    expect(html).toContain('<section class="twin-fault"><h2>Twin fault</h2>');
    expect(html.replace(/&gt;/g, '>')).toMatch(line);
    expect(html).toContain('FAILED — the twin faulted');
  });

  it('HTML: the timeline marks the moment the twin faulted, and the legend says what the mark is', () => {
    const html = htmlReport(run);
    expect(html).toMatch(/<line [^>]*class="twin-fault-mark"><title>the twin faulted at T\+00:01:00\.000<\/title><\/line>/);
    expect(html).toContain('the twin faulted (run halted)');
  });

  it('JUnit: a "twin fault" test case with an <error>, and errors="1" on the suite', () => {
    const xml = junitReport([{ run }]);
    expect(xml).toMatch(/<testsuite [^>]*errors="1"/);
    expect(xml).toMatch(/<testcase [^>]*name="twin fault"[^>]*><error type="XTW_ERR_TWIN_MODEL_FAULT" message="twin fault: the twin itself failed/);
    expect(xml.replace(/&gt;/g, '>')).toMatch(line);
  });
});

describe('xtwin run of the LAN1 change', () => {
  const tmp = scratch();
  afterAll(tmp.remove);
  it('exits 1 and prints the twin fault line naming expc02, step 4 and the error', () => {
    const file = join(tmp.dir, 'lan1.yaml');
    writeFileSync(file, LAN1_CHANGE_YAML);
    const r = xtwin(['run', file, '--junit', join(tmp.dir, 'j.xml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/twin fault: the twin itself failed at T\+00:04:01\.000 on expc02 \(its lifecycle\), during step 4 \(wait 10m\): XTW_ERR_SIM_UNKNOWN_ADDRESS/);
  });
});
