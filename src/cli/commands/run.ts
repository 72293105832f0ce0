// `xtwin run <runbook...>`: execute runbooks and report. Exit 0 all passed, 1 an expectation failed, 2 bad runbook.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runRunbook, type RunResult } from '../../runbook/run.js';
import { textReport } from '../../runbook/report/text.js';
import { jsonReport } from '../../runbook/report/json.js';
import { htmlReport } from '../../runbook/report/html.js';
import { junitReport } from '../../runbook/report/junit.js';
import { loadRunbook } from '../runbookFiles.js';

export const RUN_HELP = `usage: xtwin run <runbook.yaml...> [options]

Executes each runbook against a fresh twin and reports its timeline: steps, alarms raised and
cleared, outages, degraded time and failed expectations.

options:
  --seed N        override the runbook's seed
  --json          print a JSON report (one object, or an array for several runbooks)
  --html FILE     write an HTML report with a timeline chart (first runbook)
  --junit FILE    write JUnit XML for CI systems
  --help          this text

exit status: 0 every expectation held, 1 an expectation failed, 2 a runbook is invalid`;

export function runCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { seed: { type: 'string' }, json: { type: 'boolean' }, html: { type: 'string' }, junit: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return print(RUN_HELP, 0);
  if (positionals.length === 0) return print(`xtwin run: name at least one runbook file\n\n${RUN_HELP}`, 2, true);
  const runs: { run: RunResult; file: string }[] = [];
  for (const file of positionals) {
    const loaded = loadRunbook(file);
    if (!loaded.ok) return print(loaded.message, 2, true);
    const seed = values.seed === undefined ? undefined : /^-?\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
    runs.push({ run: runRunbook(loaded.runbook, seed === undefined ? {} : { seed }), file });
  }
  if (values.json) {
    const reports = runs.map((r) => jsonReport(r.run, r.file));
    console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  } else {
    for (const r of runs) process.stdout.write(textReport(r.run, { colour: Boolean(process.stdout.isTTY), file: r.file }));
  }
  if (values.html && runs[0]) writeFileSync(values.html, htmlReport(runs[0].run, runs[0].file));
  if (values.junit) writeFileSync(values.junit, junitReport(runs));
  return runs.every((r) => r.run.passed) ? 0 : 1;
}

function print(text: string, code: number, error = false): number {
  (error ? console.error : console.log)(text);
  return code;
}
