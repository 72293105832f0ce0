// Reads Stryker's JSON report (.stryker/mutation.json, written by `npm run mutation`) and prints,
// per folder, how many mutants were killed, survived, had no coverage or timed out, with the score
// (killed + timeout over killed + timeout + survived + no coverage, as Stryker counts it), then every
// survivor and uncovered mutant as file:line:col, the mutator and the replacement — the list to read
// when writing the next test. `node test/mutationSurvivors.mjs [report.json] [path-prefix]`.
// Given a directory instead (`.stryker/events`, the event recorder's), it reads the mutants tested so
// far: a campaign still running, or one cut short before Stryker wrote its report.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';

const [reportFile = '.stryker/mutation.json', prefix = ''] = process.argv.slice(2);
const report = statSync(reportFile).isDirectory() ? fromEvents(reportFile) : JSON.parse(readFileSync(reportFile, 'utf8'));

/** The event recorder's onMutantTested files as a report: `{ files: { path: { mutants } } }`. */
function fromEvents(dir) {
  const files = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('-onMutantTested.json')).sort()) {
    const m = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
    (files[relative(process.cwd(), m.fileName)] ??= { mutants: [] }).mutants.push(m);
  }
  return { files };
}
const FOLDERS = ['src/expressway', 'src/cluster', 'src/runbook', 'src/check/invariants'];
const folderOf = (file) => FOLDERS.find((f) => file.startsWith(`${f}/`)) ?? file.split('/').slice(0, 2).join('/');

/** @type {Map<string, Record<string, number>>} */
const counts = new Map();
const open = [];
for (const [file, { mutants }] of Object.entries(report.files)) {
  if (!file.startsWith(prefix)) continue;
  const c = counts.get(folderOf(file)) ?? counts.set(folderOf(file), {}).get(folderOf(file));
  for (const m of mutants) {
    c[m.status] = (c[m.status] ?? 0) + 1;
    if (m.status === 'Survived' || m.status === 'NoCoverage') {
      const at = `${file}:${m.location.start.line}:${m.location.start.column}`;
      const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100);
      open.push(`${m.status === 'Survived' ? 'survived' : 'no cover'}  ${at}  ${m.mutatorName}  → ${replacement}`);
    }
  }
}

const n = (c, k) => c[k] ?? 0;
let all = {};
for (const [folder, c] of [...counts].sort()) {
  for (const [k, v] of Object.entries(c)) all[k] = (all[k] ?? 0) + v;
  line(folder, c);
}
line('total', all);
console.log('');
for (const l of open) console.log(l);

function line(label, c) {
  const detected = n(c, 'Killed') + n(c, 'Timeout');
  const valid = detected + n(c, 'Survived') + n(c, 'NoCoverage');
  const score = valid === 0 ? '—' : `${((100 * detected) / valid).toFixed(1)} %`;
  console.log(`${label.padEnd(22)} ${score.padStart(7)}  killed ${n(c, 'Killed')}  survived ${n(c, 'Survived')}  `
    + `no coverage ${n(c, 'NoCoverage')}  timeout ${n(c, 'Timeout')}  ignored ${n(c, 'Ignored')}  `
    + `compile errors ${n(c, 'CompileError')}  runtime errors ${n(c, 'RuntimeError')}`);
}
