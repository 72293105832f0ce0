/**
 * One property run in two phases (STYLE R11, TigerBeetle's VOPR): the runbook runs with the case's
 * faults injected (safety invariants must hold throughout); once the case's last fault has healed
 * (a healed power loss powers the peer back on), virtual time runs on for `LIVENESS_MS`, and the
 * liveness invariants and the runbook's own final expectations must hold. An exception is a `crash`.
 */
import { checkCondition, conditionList } from '../runbook/conditions.js';
import { runRunbookWith, scheduleFault, type FaultHandles, type RunResult, type TwinFault } from '../runbook/run.js';
import { ModelFaultError, type Twin } from '../twin.js';
import { describeTwinFault } from '../runbook/report/twinFault.js';
import { NO_MODEL_FAULT } from './invariants/noModelFault.js';
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
    // The case's own faults join the runbook's timeline; they are ended before the liveness phase.
    const extra: FaultHandles = { events: [], faults: [] };
    const beforeSteps = (twin: Twin) => timedFaults(c).forEach((f) => scheduleFault(twin, f, extra));
    run = runRunbookWith({ ...caseRunbook(runbook, c), steps: applySwaps(runbook.steps, c.swaps) }, { seed: options.seed, expectations: 'skip' }, { waitScale: c.waitScale, beforeSteps });
    const twin = run.twin;
    // A fault inside the model halts the world: nothing after it can be judged, and it is a crash.
    const faulted = modelFaultFailure(run.twinFaults, run);
    if (faulted) return { failures: [faulted], endMs: twin.nowMs, run };
    // Liveness phase: the case's faults run to their own heal time (healing a power loss powers the
    // peer back on), then the cluster settles. The runbook's own faults stay: they are the scenario.
    const lastHealMs = caseEndMs(c);
    if (twin.nowMs < lastHealMs) twin.advance(lastHealMs - twin.nowMs);
    endFaults(twin, extra);
    const healedAtMs = twin.nowMs;
    twin.advance(LIVENESS_MS);
    // Not `{ ...run }`: spreading calls run's lazy traceHash getter, hashing the whole trace every case.
    const { name, seed, passed, steps, failures: runFailures } = run;
    const later = modelFaultFailure(twin.modelFaults());
    if (later) return { failures: [later], endMs: twin.nowMs, run };
    const checkedRun: RunResult = {
      name, seed, passed, steps, failures: runFailures, twinFaults: twin.modelFaults(), twin, events: twin.events(), endMs: twin.nowMs,
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
      if (!v.ok) failures.push({ class: inv.class === 'safety' ? 'invariant' : inv.class, invariant: inv.name, message: v.message ?? 'broken' });
    }
    for (const cond of finalExpectations(runbook)) {
      const v = checkCondition(twin, cond, { lastOutput: new Map() });
      if (!v.ok) failures.push({ class: 'liveness', invariant: 'runbook-final-expectations', message: `${v.claim} — saw ${v.seen ?? '?'}` });
    }
    return { failures, ...(options.withHash ? { traceHash: twin.hash() } : {}), endMs: twin.nowMs, run };
  } catch (e) {
    // The twin halts at a model fault and refuses to go on: the fault is the failure, not the refusal.
    if (e instanceof ModelFaultError) return { failures: [modelFaultFailure([e.fault])!], endMs: e.fault.atMs };
    return { failures: [{ class: 'crash', invariant: 'no-crash', message: (e as Error).stack ?? String(e) }], endMs: 0 };
  }
}

/**
 * Ends the case's faults: cancels those not fired yet and heals those still active (the liveness
 * phase). The runbook's own timeline faults stay: they are part of the scenario.
 */
function endFaults(twin: Twin, extra: FaultHandles): void {
  extra.events.forEach((id) => twin.cancel(id));
  for (const id of extra.faults) if (twin.activeFaults().some((x) => x.id === id)) twin.heal(id);
}

/** The first model fault as a `crash` of `no-model-fault` (invariants/noModelFault.ts), naming peer, step and error. */
function modelFaultFailure(faults: readonly TwinFault[], run?: RunResult): CaseFailure | undefined {
  const f = faults[0];
  return f && { class: 'crash', invariant: NO_MODEL_FAULT.name, message: describeTwinFault(f, run) };
}
