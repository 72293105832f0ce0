// `xtwin run` never passes a run in which the model failed (issue #11 §1): the run fails, stops at
// the step that was executing, and each report — text, JSON, HTML, JUnit — has a "twin fault" line
// naming the error, the peer and that step. On the original main the LAN1 runbook below PASSED; then
// it was the one real model fault; now DOMAIN §6.9 is modelled and the test seam makes the faults.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { htmlReport } from '../../src/runbook/report/html.js';
import { jsonReport } from '../../src/runbook/report/json.js';
import { junitReport } from '../../src/runbook/report/junit.js';
import { textReport } from '../../src/runbook/report/text.js';
import { describeTwinFault } from '../../src/runbook/report/twinFault.js';
import { runRunbook } from '../../src/runbook/run.js';
import { scratch, xtwin } from '../cli/helpers.js';
import { runCommand } from '../../src/cli/commands/run.js';
import { AT_BOOT, FORCED, LAN1_CHANGE_YAML, RESTART_YAML, runbookOf, withLifecycleCrash } from '../helpers/modelFault.js';

describe('a run in which the model fails', () => {
  it('the LAN1 change of DOMAIN §6.9, done in place, is modelled now: the run meets no twin fault (it was the last real one)', () => {
    const run = runRunbook(runbookOf(LAN1_CHANGE_YAML));
    expect(run.twinFaults).toEqual([]);
    expect(run.passed).toBe(true);
  });

  it('a fault met during a wait (the seam, at expc02\'s boot) fails that step naming expc02 and the error, and runs no later step', () => {
    const run = withLifecycleCrash(AT_BOOT, () => runRunbook(runbookOf(RESTART_YAML)));
    expect(run.passed).toBe(false);
    expect(run.twinFaults).toEqual([expect.objectContaining({ peer: 'expc02', message: AT_BOOT.message, source: 'peer', step: 2 })]);
    expect(run.steps.map((s) => s.ok)).toEqual([true, true, false]);
    expect(run.steps[2]!.error).toBe(`twin fault: ${AT_BOOT.message}`);
  });

  it('a fault met as the world is built names no step: the report says so (or what the caller was doing)', () => {
    const atWorld = { peer: 'expc02', entering: 'running', message: 'forced as the world is built' } as const;
    const run = withLifecycleCrash(atWorld, () => runRunbook(runbookOf(RESTART_YAML)));
    expect(run.passed).toBe(false);
    expect(run.steps).toEqual([]);
    expect(run.twinFaults).toEqual([expect.not.objectContaining({ step: expect.anything() })]);
    expect(textReport(run)).toContain('twin fault: the twin itself failed at T+00:00:00.000 on expc02 (its lifecycle), while the world was built: forced as the world is built');
    expect(describeTwinFault(run.twinFaults[0]!, run, ', while the lab was restored')).toBe('the twin itself failed at T+00:00:00.000 on expc02 (its lifecycle), while the lab was restored: forced as the world is built');
    // A step the run does not list (a run cut down to its first steps) is named by its number alone.
    expect(describeTwinFault({ ...run.twinFaults[0]!, step: 3 }, run)).toBe('the twin itself failed at T+00:00:00.000 on expc02 (its lifecycle), during step 4: forced as the world is built');
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
    const json = JSON.parse(JSON.stringify(jsonReport(run))) as { passed: boolean; steps: object[]; twinFaults: { step: number; peer: string; message: string; text: string }[] };
    expect(json.passed).toBe(false);
    // The step the fault stopped carries the error; the one before it, which went well, none.
    expect(json.steps[1]).toMatchObject({ index: 2, ok: false, error: 'twin fault: forced by the test seam' });
    expect(json.steps[0]).not.toHaveProperty('error');
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

describe('xtwin run of a runbook whose model fails (in process, so the seam can be armed)', () => {
  const tmp = scratch();
  afterAll(tmp.remove);
  it('exits 1 and prints the twin fault line naming expc02, step 3 and the error', () => {
    const file = join(tmp.dir, 'boot.yaml');
    writeFileSync(file, RESTART_YAML);
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
    let status: number;
    try {
      status = withLifecycleCrash(AT_BOOT, () => runCommand([file, '--junit', join(tmp.dir, 'j.xml')]));
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
    expect(status).toBe(1);
    expect(out.join('\n')).toMatch(/twin fault: the twin itself failed at T\+00:04:00\.000 on expc02 \(its lifecycle\), during step 3 \(wait 5m\): forced by the test seam at boot/);
  });

  it('xtwin run, spawned as a user runs it, of the LAN1 change in place exits 0: no twin fault', () => {
    const file = join(tmp.dir, 'lan1.yaml');
    writeFileSync(file, LAN1_CHANGE_YAML);
    const r = xtwin(['run', file]);
    expect(r.stdout).not.toContain('twin fault');
    expect(r.status).toBe(0);
  });
});
