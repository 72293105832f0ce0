/** JUnit XML for CI systems: one test suite per runbook, one test case per step. */
import type { RunResult } from '../run.js';
import { TWIN_FAULT_NOTE, twinFaultLines } from './twinFault.js';

export function junitReport(runs: readonly { run: RunResult; file?: string }[]): string {
  const suites = runs.map(({ run, file }) => {
    const cases = run.steps.map((s) => {
      const failed = [...(s.ok ? [] : [s.error?.startsWith('twin fault') ? s.error : `refused: ${s.error ?? ''}`]), ...s.verdicts.filter((v) => !v.ok).map((v) => `${v.claim} — saw ${v.seen ?? '?'}`)];
      const body = failed.length ? `<failure message="${xml(failed[0]!)}">${xml(failed.join('\n'))}</failure>` : '';
      return `    <testcase classname="${xml(run.name)}" name="${xml(`#${s.index + 1} ${s.text}`)}" time="${((s.endMs - s.startMs) / 1000).toFixed(3)}">${body}</testcase>`;
    });
    // A model fault is an error of the tool, not a failed check: its own test case, as an <error>.
    const faults = twinFaultLines(run);
    if (faults.length) cases.push(`    <testcase classname="${xml(run.name)}" name="twin fault" time="0"><error type="XTW_ERR_TWIN_MODEL_FAULT" message="${xml(faults[0]!)}">${xml([...faults, TWIN_FAULT_NOTE].join('\n'))}</error></testcase>`);
    const failures = run.steps.filter((s) => !s.ok || s.verdicts.some((v) => !v.ok)).length;
    return `  <testsuite name="${xml(run.name)}"${file ? ` file="${xml(file)}"` : ''} tests="${cases.length}" failures="${failures}" errors="${faults.length ? 1 : 0}">\n    <properties><property name="seed" value="${xml(String(run.seed))}"/><property name="traceHash" value="${run.traceHash}"/></properties>\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
}

export function xml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);
}
