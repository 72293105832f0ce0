/**
 * The "twin fault" line every report carries when the model itself failed during a run (issue #11
 * §1): when, where, during which step, and the error — so a halted run never reads as a verdict
 * about the plan.
 */
import { faultPlace, faultText, formatVirtualTime } from '../../twin.js';
import type { RunResult, TwinFault } from '../run.js';

/** "the twin itself failed at T+00:04:01.000 on expc02 (its lifecycle), during step 4 (wait 10m): XTW_ERR_…: …" */
export function describeTwinFault(f: TwinFault, run?: Pick<RunResult, 'steps'>, when = ', while the world was built'): string {
  const text = f.step === undefined ? undefined : run?.steps.find((s) => s.index === f.step)?.text;
  // `when`: what was going on, for a fault met outside a runbook step (a lab's action, a check's liveness phase).
  const step = f.step === undefined ? when : `, during step ${f.step + 1}${text ? ` (${text})` : ''}`;
  return `the twin itself failed at ${formatVirtualTime(f.atMs)}${faultPlace(f)}${step}: ${faultText(f)}`;
}

/** One line per fault, starting "twin fault: ". */
export function twinFaultLines(run: RunResult): string[] {
  return run.twinFaults.map((f) => `twin fault: ${describeTwinFault(f, run)}`);
}

/** What a report says after the fault lines. */
export const TWIN_FAULT_NOTE = 'a bug of the twin, not a verdict on the plan: the world halted there and later steps did not run';
