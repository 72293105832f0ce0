/**
 * A campaign: N cases generated from one seed (fast-check's own generator, so a case's index is
 * its replay path), run in this thread or spread over worker threads, then the lowest-indexed
 * failure shrunk here with fast-check. The verdict depends on the seed and the runbook only —
 * never on the number of workers, because cases are generated before they are handed out and
 * the failure that is shrunk is always the lowest index.
 */
import fc from 'fast-check';
import type { Runbook } from '../runbook/schema.js';
import type { CheckCase } from './case.js';
import type { Invariant } from './invariants/catalog.js';
import type { CampaignPlan } from './plan.js';
import { runCase, type CaseFailure } from './runCase.js';
import { runInWorkers } from './pool.js';

export interface CampaignOptions {
  runs: number;
  seed: number;
  workers: number;
  /** called after every finished case */
  onProgress?: (p: { done: number; total: number; failures: number }) => void;
}

export interface CaseOutcome {
  readonly index: number;
  readonly failures: readonly CaseFailure[];
}

export interface CampaignResult {
  readonly runs: number;
  readonly seed: number;
  readonly failed: number;
  readonly first?: { readonly index: number; readonly case: CheckCase; readonly failures: readonly CaseFailure[] };
  readonly shrunk?: { readonly case: CheckCase; readonly failures: readonly CaseFailure[]; readonly shrinks: number };
}

export function generateCases(plan: CampaignPlan, runs: number, seed: number): CheckCase[] {
  return fc.sample(plan.caseArbitrary, { seed, numRuns: runs });
}

export async function runCampaign(plan: CampaignPlan, options: CampaignOptions): Promise<CampaignResult> {
  const cases = generateCases(plan, options.runs, options.seed);
  let failures = 0;
  const outcomes: CaseOutcome[] = [];
  const record = (o: CaseOutcome) => {
    outcomes.push(o);
    if (o.failures.length) failures++;
    options.onProgress?.({ done: outcomes.length, total: cases.length, failures });
  };
  if (options.workers <= 1) {
    cases.forEach((c, index) => record(runOne(plan.runbook, plan.invariants, c, index)));
  } else {
    await runInWorkers(plan, cases, options.workers, record);
  }
  const sameTrace = checkSameTrace(plan, cases[0]);
  const firstBad = outcomes.filter((o) => o.failures.length > 0).sort((a, b) => a.index - b.index)[0];
  if (!firstBad && !sameTrace) return { runs: cases.length, seed: options.seed, failed: failures };
  if (!firstBad) {
    const f = [sameTrace!];
    return { runs: cases.length, seed: options.seed, failed: failures + 1, first: { index: 0, case: cases[0]!, failures: f }, shrunk: { case: cases[0]!, failures: f, shrinks: 0 } };
  }
  const first = { index: firstBad.index, case: cases[firstBad.index]!, failures: firstBad.failures };
  return { runs: cases.length, seed: options.seed, failed: failures, first, shrunk: shrink(plan, options, first) };
}

/** One case. The twin's seed is the runbook's: the case's chance lies in its generated schedule. */
export function runOne(runbook: Runbook, invariants: readonly Invariant[], c: CheckCase, index: number): CaseOutcome {
  const r = runCase(runbook, c, { seed: runbook.seed ?? 1, invariants });
  return { index, failures: r.failures };
}

/** The same case twice gives the same trace hash (the determinism the whole twin rests on). */
function checkSameTrace(plan: CampaignPlan, c: CheckCase | undefined): CaseFailure | undefined {
  if (!c) return undefined;
  const a = runCase(plan.runbook, c, { seed: plan.runbook.seed ?? 1, invariants: [], withHash: true });
  const b = runCase(plan.runbook, c, { seed: plan.runbook.seed ?? 1, invariants: [], withHash: true });
  return a.traceHash === b.traceHash ? undefined : { class: 'invariant', invariant: 'same-seed-same-trace', message: `case 0 gave trace ${a.traceHash} then ${b.traceHash}` };
}

/** Replay the failing index through fast-check (path = index) so it shrinks the case, keeping the same broken invariant. */
function shrink(plan: CampaignPlan, options: CampaignOptions, first: NonNullable<CampaignResult['first']>): CampaignResult['shrunk'] {
  const target = first.failures[0]!.invariant;
  let last: readonly CaseFailure[] = first.failures;
  const details = fc.check(
    fc.property(plan.caseArbitrary, (c) => {
      const r = runCase(plan.runbook, c, { seed: plan.runbook.seed ?? 1, invariants: plan.invariants });
      const hit = r.failures.filter((f) => f.invariant === target);
      if (hit.length) last = r.failures;
      return hit.length === 0;
    }),
    { seed: options.seed, numRuns: options.runs, path: String(first.index) },
  );
  const counterexample = details.counterexample?.[0] as CheckCase | undefined;
  return counterexample ? { case: counterexample, failures: last, shrinks: details.numShrinks } : { case: first.case, failures: first.failures, shrinks: 0 };
}
