/**
 * One property run in two phases (STYLE R11, TigerBeetle's VOPR): the runbook runs with the case's
 * faults injected (safety invariants must hold throughout); once the case's last fault has healed
 * (a healed power loss powers the peer back on), virtual time runs on for `LIVENESS_MS`, and the
 * liveness invariants and the runbook's own final expectations must hold. An exception is a `crash`.
 */
import { checkCondition, conditionList } from '../runbook/conditions.js';
import { runRunbook, type RunResult } from '../runbook/run.js';
import type { Condition, Runbook } from '../runbook/schema.js';
import type { Seed } from '../twin.js';
import { applySwaps } from './arbitraries/order.js';
import { timedFaults, type CheckCase } from './case.js';
import type { Invariant } from './invariants/catalog.js';
import { caseRunbook } from './world.js';

/** Boot (5 min) plus three replication periods and some slack: time to converge after healing. */
export const LIVENESS_MS = 15 * 60_000;

export type FailureClass = 'invariant' | 'liveness' | 'crash';

export interface CaseFailure {
  readonly class: FailureClass;
  readonly invariant: string;
  readonly message: string;
}

export interface CaseResult {
  readonly failures: readonly CaseFailure[];
  /** only when asked for (`withHash`): hashing a whole trace costs as much as the run */
  readonly traceHash?: string;
  readonly endMs: number;
}

/** When the case's last fault heals. */
export function caseEndMs(c: CheckCase): number {
  return c.faults.reduce((m, f) => Math.max(m, f.atMs + f.durationMs), 0);
}

/** The runbook's final expectations: the expect steps after its last action or wait. */
export function finalExpectations(runbook: Runbook): Condition[] {
  const out: Condition[] = [];
  for (let i = runbook.steps.length - 1; i >= 0; i--) {
    const s = runbook.steps[i]!;
    // The last block of expectations only: an expectation before a wait describes a moment, not the end.
    if ('expect' in s) out.unshift(...(conditionList(s.expect)));
    else if ('note' in s && Object.keys(s).length === 1) continue;
    else break;
  }
  return out;
}

export function runCase(runbook: Runbook, c: CheckCase, options: { seed: Seed; invariants: readonly Invariant[]; withHash?: boolean }): CaseResult & { run?: RunResult } {
  let run: RunResult;
  try {
    run = runRunbook({ ...caseRunbook(runbook, c), steps: applySwaps(runbook.steps, c.swaps) }, { seed: options.seed, extraFaults: timedFaults(c), waitScale: c.waitScale, expectations: 'skip' });
    const twin = run.twin;
    // Liveness phase: the case's faults run to their own heal time (healing a power loss powers the
    // peer back on), then the cluster settles. The runbook's own faults stay: they are the scenario.
    const lastHealMs = caseEndMs(c);
    if (twin.nowMs < lastHealMs) twin.advance(lastHealMs - twin.nowMs);
    run.endExtraFaults();
    const healedAtMs = twin.nowMs;
    twin.advance(LIVENESS_MS);
    // Not `{ ...run }`: spreading calls run's lazy traceHash getter, hashing the whole trace every case.
    const { name, seed, passed, steps, failures: runFailures, endExtraFaults } = run;
    const checkedRun: RunResult = {
      name, seed, passed, steps, failures: runFailures, twin, endExtraFaults, events: twin.events(), endMs: twin.nowMs,
      get traceHash() {
        return twin.hash();
      },
      get armedTraps() {
        return run.armedTraps;
      },
    };
    const checked = { runbook: caseRunbook(runbook, c), run: checkedRun, twin, healedAtMs };
    const failures: CaseFailure[] = [];
    for (const inv of options.invariants) {
      const v = inv.check(checked);
      if (!v.ok) failures.push({ class: inv.class === 'safety' ? 'invariant' : 'liveness', invariant: inv.name, message: v.message ?? 'broken' });
    }
    for (const cond of finalExpectations(runbook)) {
      const v = checkCondition(twin, cond, { lastOutput: new Map() });
      if (!v.ok) failures.push({ class: 'liveness', invariant: 'runbook-final-expectations', message: `${v.claim} — saw ${v.seen ?? '?'}` });
    }
    return { failures, ...(options.withHash ? { traceHash: twin.hash() } : {}), endMs: twin.nowMs, run };
  } catch (e) {
    return { failures: [{ class: 'crash', invariant: 'no-crash', message: (e as Error).stack ?? String(e) }], endMs: 0 };
  }
}
