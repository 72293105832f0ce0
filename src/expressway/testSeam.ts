/**
 * TEST ONLY (issue #11 §1): lets a test make a peer's lifecycle actor throw, the way a real model
 * bug does (an exception inside a lifecycle transition), so the tests can prove that every front
 * end — run, check, a lab — reports a model fault even once today's real ones are fixed. No user
 * can reach it: not a runbook, not the lab API, not the shell — only code that imports this module.
 * Arm it, build the world, and disarm it in `finally`.
 */
import type { LifecycleState } from './machine.js';

export interface ArmedLifecycleCrash {
  readonly peer: string;
  /** the peer's actor throws as it enters this state */
  readonly entering: LifecycleState;
  readonly message: string;
  /** only at or after this virtual time (a state the peer also enters as the world is built) */
  readonly fromMs?: number;
}

export const TEST_ONLY_LIFECYCLE_CRASH: { armed?: ArmedLifecycleCrash } = {};

/** Throws inside the actor when the seam is armed for this peer and state (a no-op otherwise). */
export function testOnlyCrashPoint(peer: string, state: LifecycleState, nowMs: number): void {
  const armed = TEST_ONLY_LIFECYCLE_CRASH.armed;
  if (armed && armed.peer === peer && armed.entering === state && nowMs >= (armed.fromMs ?? 0)) throw new Error(armed.message);
}
