/** JUnit XML for CI systems: one test suite per runbook, one test case per step. */
import type { RunResult } from '../run.js';

export function junitReport(runs: readonly { run: RunResult; file?: string }[]): string {
  const suites = runs.map(({ run, file }) => {
    const cases = run.steps.map((s) => {
      const failed = [...(s.ok ? [] : [`refused: ${s.error ?? ''}`]), ...s.verdicts.filter((v) => !v.ok).map((v) => `${v.claim} — saw ${v.seen ?? '?'}`)];
      const body = failed.length ? `<failure message="${xml(failed[0]!)}">${xml(failed.join('\n'))}</failure>` : '';
      return `    <testcase classname="${xml(run.name)}" name="${xml(`#${s.index + 1} ${s.text}`)}" time="${((s.endMs - s.startMs) / 1000).toFixed(3)}">${body}</testcase>`;
    });
    const failures = run.steps.filter((s) => !s.ok || s.verdicts.some((v) => !v.ok)).length;
    return `  <testsuite name="${xml(run.name)}"${file ? ` file="${xml(file)}"` : ''} tests="${run.steps.length}" failures="${failures}" errors="0">\n    <properties><property name="seed" value="${xml(String(run.seed))}"/><property name="traceHash" value="${run.traceHash}"/></properties>\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
}

export function xml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);
}
