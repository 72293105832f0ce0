/**
 * When a lab is done: every objective met at once, the first time (a lab graded complete stays
 * complete in the class list, even if a later change breaks an objective again). Recorded with the
 * wall-clock time, for the trainer's "time to complete", and the lab's virtual time.
 */
import type { Lab } from './lab.js';
import type { LabCompletion } from './store.js';

/** The completion to record now, or undefined while an objective is open (or there are none). */
export function completionNow(lab: Lab, wallNowMs: number): LabCompletion | undefined {
  const grade = lab.grade();
  if (grade.length === 0 || !grade.every((o) => o.met)) return undefined;
  return { at: new Date(wallNowMs).toISOString(), virtualMs: lab.twin.nowMs };
}

/** Wall milliseconds from the lab's creation to its completion. */
export function timeToCompleteMs(createdAt: string, completion: LabCompletion): number {
  return Math.max(0, Date.parse(completion.at) - Date.parse(createdAt));
}
