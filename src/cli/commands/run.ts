// `xtwin run <runbook...>`: execute runbooks and report. Exit 0 all passed, 1 an expectation failed (or a trap armed, with --strict), 2 bad runbook.
import { renameSync, writeFileSync } from 'node:fs';
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
  --json=FILE     write that JSON report to FILE instead, only once the run has finished
                  (a runbook that does not load leaves no file behind)
  --html FILE     write an HTML report with a timeline chart (first runbook)
  --junit FILE    write JUnit XML for CI systems
  --strict        fail (exit 1) when a trap is left armed, or was armed and undone
                  (every report lists the armed traps either way)
  --help          this text

exit status: 0 every expectation held, 1 an expectation failed (or, with --strict, a trap was
armed), 2 a runbook is invalid`;

export function runCommand(argv: string[]): number {
  // `--json=FILE` is taken out first: parseArgs has no option that is a flag or takes a value.
  const jsonFile = argv.find((a) => a.startsWith('--json='))?.slice('--json='.length);
  if (jsonFile === '') return print('xtwin run: --json= needs a file name (or --json alone to print the report)', 2, true);
  const { values, positionals } = parseArgs({
    args: argv.filter((a) => !a.startsWith('--json=')), allowPositionals: true,
    options: { seed: { type: 'string' }, json: { type: 'boolean' }, html: { type: 'string' }, junit: { type: 'string' }, strict: { type: 'boolean' }, help: { type: 'boolean' } },
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
  if (values.json || jsonFile !== undefined) {
    const reports = runs.map((r) => jsonReport(r.run, r.file));
    const json = JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2);
    if (jsonFile === undefined) console.log(json);
    else writeWhole(jsonFile, `${json}\n`);
  }
  if (!values.json) {
    for (const r of runs) process.stdout.write(textReport(r.run, { colour: Boolean(process.stdout.isTTY), file: r.file, strict: Boolean(values.strict) }));
  }
  if (values.html && runs[0]) writeFileSync(values.html, htmlReport(runs[0].run, runs[0].file));
  if (values.junit) writeFileSync(values.junit, junitReport(runs, { strict: Boolean(values.strict) }));
  const strictOk = (r: { run: RunResult }) => !values.strict || r.run.armedTraps.length === 0;
  return runs.every((r) => r.run.passed && strictOk(r)) ? 0 : 1;
}

/** Written beside and renamed into place, so an interrupted write never leaves a half report. */
function writeWhole(file: string, text: string): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, file);
}

function print(text: string, code: number, error = false): number {
  (error ? console.error : console.log)(text);
  return code;
}
