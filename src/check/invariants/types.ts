/**
 * What an invariant sees and says (STYLE R11): the finished run — trace, steps, the twin after the
 * liveness phase — and a verdict with the events that prove a violation. Invariants observe; they
 * never steer the run.
 */
import type { TraceEvent, Twin } from '../../twin.js';
import type { RunResult } from '../../runbook/run.js';
import type { Runbook } from '../../runbook/schema.js';

export interface CheckedRun {
  readonly runbook: Runbook;
  readonly run: RunResult;
  readonly twin: Twin;
  /** virtual time at which every fault was healed and the liveness phase began */
  readonly healedAtMs: number;
}

/** `crash`: the twin itself failed (no-model-fault); a case that breaks it cannot be judged further. */
export type InvariantClass = 'safety' | 'liveness' | 'crash';

export interface InvariantVerdict {
  readonly ok: boolean;
  /** what broke, in a sentence */
  readonly message?: string;
  /** the trace events that show it */
  readonly evidence?: readonly TraceEvent[];
}

export interface Invariant {
  readonly name: string;
  readonly class: InvariantClass;
  readonly description: string;
  check(r: CheckedRun): InvariantVerdict;
}

export const HOLDS: InvariantVerdict = { ok: true };

export function broken(message: string, evidence: readonly TraceEvent[] = []): InvariantVerdict {
  return { ok: false, message, evidence: evidence.slice(0, 8) };
}
