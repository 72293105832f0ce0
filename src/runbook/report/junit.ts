/**
 * JUnit XML for CI systems: one test suite per runbook, one test case per step. Armed traps are
 * warnings (JUnit has no such element: the suite's system-err and an `armedTraps` property); with
 * `strict` they are a failing test case.
 */
import type { RunResult } from '../run.js';
import { TWIN_FAULT_NOTE, twinFaultLines } from './twinFault.js';
import { armedTrapLines } from './armed.js';

export function junitReport(runs: readonly { run: RunResult; file?: string }[], options: { strict?: boolean } = {}): string {
  const suites = runs.map(({ run, file }) => {
    const cases = run.steps.map((s) => {
      const failed = [...(s.ok ? [] : [s.error?.startsWith('twin fault') ? s.error : `refused: ${s.error ?? ''}`]), ...s.verdicts.filter((v) => !v.ok).map((v) => `${v.claim} — saw ${v.seen ?? '?'}`)];
      const body = failed.length ? `<failure message="${xml(failed[0]!)}">${xml(failed.join('\n'))}</failure>` : '';
      return `    <testcase classname="${xml(run.name)}" name="${xml(`#${s.index + 1} ${s.text}`)}" time="${((s.endMs - s.startMs) / 1000).toFixed(3)}">${body}</testcase>`;
    });
    // A model fault is an error of the tool, not a failed check: its own test case, as an <error>.
    const faults = twinFaultLines(run);
    if (faults.length) cases.push(`    <testcase classname="${xml(run.name)}" name="twin fault" time="0"><error type="XTW_ERR_TWIN_MODEL_FAULT" message="${xml(faults[0]!)}">${xml([...faults, TWIN_FAULT_NOTE].join('\n'))}</error></testcase>`);
    const armed = run.armedTraps.length;
    const warnings = armedTrapLines(run, '').map((l) => `warning: ${l}`).join('\n');
    if (options.strict) {
      const body = armed ? `<failure message="${armed} armed trap(s) (--strict)">${xml(warnings)}</failure>` : '';
      cases.push(`    <testcase classname="${xml(run.name)}" name="no trap left armed (--strict)" time="0.000">${body}</testcase>`);
    }
    const failures = run.steps.filter((s) => !s.ok || s.verdicts.some((v) => !v.ok)).length + (options.strict && armed ? 1 : 0);
    const props = `<property name="seed" value="${xml(String(run.seed))}"/><property name="traceHash" value="${run.traceHash}"/><property name="armedTraps" value="${armed}"/>`;
    const err = armed ? `\n    <system-err>${xml(warnings)}</system-err>` : '';
    return `  <testsuite name="${xml(run.name)}"${file ? ` file="${xml(file)}"` : ''} tests="${cases.length}" failures="${failures}" errors="${faults.length ? 1 : 0}">\n    <properties>${props}</properties>\n${cases.join('\n')}${err}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
}

export function xml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);
}
