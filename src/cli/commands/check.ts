// `xtwin check <runbook...>`: property-based checking of runbooks under random fault schedules.
// The only wall-clock reads here are for the progress line (runs/s, ETA) — outside any run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCampaign, type CampaignResult } from '../../check/campaign.js';
import { CheckError } from '../../check/errors.js';
import { planCampaign, type CampaignPlan } from '../../check/plan.js';
import { decodeCase, exitCode, failureReport, runbookYaml, shrunkRunbook, worstExitCode } from '../../check/report.js';
import { runCase } from '../../check/runCase.js';
import { describeCase } from '../../check/case.js';
import { FAULT_KINDS } from '../../check/arbitraries/faults.js';
import { INVARIANTS } from '../../check/invariants/catalog.js';
import { xml } from '../../runbook/report/junit.js';
import { loadRunbook } from '../runbookFiles.js';

export const CHECK_HELP = `usage: xtwin check <runbook.yaml...> [options]

Runs each runbook many times under random fault schedules (partitions, one-way partitions,
latency above and below 80 ms, loss, NAT, DNS failures, power loss), waits scaled and independent
steps reordered. Safety invariants must hold while faults run; after healing, liveness invariants
and the runbook's final expectations must hold. A failure is shrunk to a minimal fault timeline
with a one-line replay command and a runbook file that reproduces it.

options:
  --runs N          cases per runbook (default 100)
  --seed S          seed of the case generator (default 1); printed first
  --faults LIST     fault kinds, comma separated: ${FAULT_KINDS.join(',')} (default all)
  --workers K       worker threads (default: cores)
  --json            print a JSON result
  --junit FILE      write JUnit XML
  --out DIR         where shrunk runbooks go (default .xtwin/shrunk)
  --replay CASE     run one case exactly (the code a failure report prints)
  --invariants      list the invariant catalog and exit

exit status: 0 passed, 1 a safety invariant broke, 2 bad input, 3 a liveness property failed, 4 a run crashed

${invariantCatalog()}`;

/** The catalog alone, for `--invariants` (and the end of --help). */
export function invariantCatalog(): string {
  return `invariants:\n${INVARIANTS.map((i) => `  ${i.name.padEnd(38)} ${i.class.padEnd(9)} ${i.description}`).join('\n')}`;
}

export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      runs: { type: 'string' }, seed: { type: 'string' }, faults: { type: 'string' }, workers: { type: 'string' },
      json: { type: 'boolean' }, junit: { type: 'string' }, out: { type: 'string' }, replay: { type: 'string' },
      invariants: { type: 'boolean' }, help: { type: 'boolean' },
    },
  });
  if (values.help || values.invariants) {
    console.log(values.help ? CHECK_HELP : invariantCatalog());
    return 0;
  }
  try {
    const runs = wholeNumber(values.runs ?? '100', 1, 1_000_000, 'XTW_ERR_CHECK_BAD_RUNS');
    const seed = wholeNumber(values.seed ?? '1', 0, Number.MAX_SAFE_INTEGER, 'XTW_ERR_CHECK_BAD_SEED');
    const workers = wholeNumber(values.workers ?? String(availableParallelism()), 1, 64, 'XTW_ERR_CHECK_BAD_WORKERS');
    const faults = values.faults?.split(',').map((s) => s.trim()).filter(Boolean);
    if (positionals.length === 0) throw new Error('name at least one runbook file');
    // Validate everything before the first run (bad input is exit 2).
    const plans: CampaignPlan[] = [];
    for (const file of positionals) {
      const loaded = loadRunbook(file);
      if (!loaded.ok) {
        console.error(loaded.message);
        return 2;
      }
      plans.push(planCampaign(loaded.runbook, file, faults ? { faults } : {}));
    }
    if (!values.json) console.log(`SEED=${seed} runs=${runs} workers=${workers} faults=${(faults ?? FAULT_KINDS).join(',')}`);
    if (values.replay !== undefined) return replay(plans[0]!, values.replay);
    const codes: number[] = [];
    const results: { plan: CampaignPlan; result: CampaignResult }[] = [];
    for (const plan of plans) {
      const progress = progressLine(plan.file, Boolean(process.stdout.isTTY) && !values.json);
      const result = await runCampaign(plan, { runs, seed, workers, onProgress: progress.update });
      progress.done();
      results.push({ plan, result });
      const code = exitCode(result);
      codes.push(code);
      if (values.json) continue;
      if (!result.shrunk) console.log(`passed: ${plan.file} — ${result.runs} runs, every invariant held`);
      else {
        const file = writeShrunk(values.out ?? join('.xtwin', 'shrunk'), plan, result);
        for (const l of failureReport(plan.file, result, file)) console.log(l);
      }
    }
    if (values.json) console.log(JSON.stringify(results.map(({ plan, result }) => ({ file: plan.file, ...result, exitCode: exitCode(result) })), null, 2));
    if (values.junit) writeFileSync(values.junit, junit(results));
    return worstExitCode(codes);
  } catch (e) {
    if (e instanceof CheckError || (e as Error).message.startsWith('name at least')) {
      console.error(`xtwin check: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}

function replay(plan: CampaignPlan, code: string): number {
  const c = decodeCase(code);
  if (!c) throw new CheckError('XTW_ERR_CHECK_BAD_REPLAY', { value: code.slice(0, 40) });
  console.log(`replaying on ${plan.file}:`);
  for (const l of describeCase(c)) console.log(`  ${l}`);
  const r = runCase(plan.runbook, c, { seed: plan.runbook.seed ?? 1, invariants: plan.invariants, withHash: true });
  console.log(`trace ${r.traceHash ?? ''}`);
  if (r.failures.length === 0) {
    console.log('every invariant held');
    return 0;
  }
  for (const f of r.failures) console.log(`  ${f.class}: ${f.invariant}: ${f.message.split('\n')[0]}`);
  return exitCode({ runs: 1, seed: 0, failed: 1, shrunk: { case: c, failures: r.failures, shrinks: 0 } });
}

function writeShrunk(dir: string, plan: CampaignPlan, result: CampaignResult): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, basename(plan.file).replace(/\.ya?ml$/, '') + `.seed${result.seed}.shrunk.yaml`);
  const c = result.shrunk!.case;
  const stepsEndMs = runCase(plan.runbook, c, { seed: plan.runbook.seed ?? 1, invariants: [] }).run?.steps.at(-1)?.endMs ?? 0;
  writeFileSync(file, runbookYaml(shrunkRunbook(plan.runbook, c, result.shrunk!.failures, stepsEndMs)));
  return file;
}

function progressLine(file: string, tty: boolean) {
  const start = performance.now();
  let last = 0;
  return {
    update: (p: { done: number; total: number; failures: number }) => {
      const now = performance.now();
      const perS = p.done / Math.max(0.001, (now - start) / 1000);
      const eta = (p.total - p.done) / Math.max(perS, 0.001);
      if (tty) {
        if (now - last < 100 && p.done < p.total) return;
        last = now;
        const width = 24;
        const filled = Math.round((width * p.done) / p.total);
        process.stdout.write(`\r${basename(file)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} failures ${p.failures} ${perS.toFixed(1)} runs/s ETA ${eta.toFixed(0)}s `);
      } else if (p.done === p.total || p.done % Math.max(1, Math.floor(p.total / 4)) === 0) {
        console.log(`${file}: ${p.done}/${p.total} runs done, ${p.failures} failed so far, ${perS.toFixed(1)} runs/s`);
      }
    },
    done: () => {
      if (tty) process.stdout.write('\n');
    },
  };
}

function junit(results: { plan: CampaignPlan; result: CampaignResult }[]): string {
  const suites = results.map(({ plan, result }) => {
    const failure = result.shrunk ? `<failure message="${xml(result.shrunk.failures[0]!.invariant)}">${xml(failureReport(plan.file, result).join('\n'))}</failure>` : '';
    return `  <testsuite name="${xml(plan.file)}" tests="1" failures="${result.shrunk ? 1 : 0}" errors="0">\n    <testcase classname="xtwin check" name="${xml(`${plan.runbook.name}: ${result.runs} runs, seed ${result.seed}`)}">${failure}</testcase>\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
}

function wholeNumber(text: string, min: number, max: number, code: 'XTW_ERR_CHECK_BAD_RUNS' | 'XTW_ERR_CHECK_BAD_SEED' | 'XTW_ERR_CHECK_BAD_WORKERS'): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) throw new CheckError(code, { value: text });
  return n;
}
