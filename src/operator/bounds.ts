/**
 * The twin's one set of bounds (STYLE R8 "a limit on everything"), shared by every front end that
 * feeds the world: the runbook loader (`xtwin validate` refuses what is out of bounds, with
 * file:line:col), the runner (`xtwin run`, `xtwin check`), the operator's own actions, the CLI shell
 * and the lab server (src/server/limits.ts tightens a few of them for a server that answers many
 * users, never loosens them). One module, so `validate` accepts exactly what the others execute.
 *
 * Why these numbers: a 6-peer cluster runs a virtual day in about 2 s of wall time (measured,
 * `npm run bench`), so a week of virtual time — the most one runbook may ask for — stays within
 * seconds per run, and `xtwin check` stays bounded per case.
 *
 * @example
 * checkDurationMs(parseDurationMs('8d')!, 'a wait') // 'a wait of 8d is longer than the 7d a runbook may wait at once'
 */
import { formatDuration } from '../twin.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** assumption: one wait (a runbook `wait`, a `wait … until` limit, a `wait` action, the shell's `wait`) never needs more than a week. */
export const MAX_WAIT_MS = 7 * DAY_MS;
/**
 * All of one runbook's waits and limits together — its declared virtual time — and the latest a
 * timeline fault may start or heal. assumption: a rehearsal of a change spans at most a week.
 */
export const MAX_RUN_WAIT_MS = 7 * DAY_MS;
/** Upper bound on injected latency. assumption: a minute is far beyond the 80 ms cluster limit (DOMAIN §3 R5). */
export const MAX_FAULT_LATENCY_MS = 60_000;
/** How deep a runbook's YAML may nest: the format itself needs fewer than ten levels. */
export const MAX_NESTING_DEPTH = 64;
/** How much of a bad value an error message echoes before it is cut. */
export const MAX_SHOWN_CHARS = 80;

/**
 * Why `ms` is not an acceptable duration for `what` (e.g. "a wait"), or undefined when it is:
 * a finite, non-negative number of milliseconds of at most `max` (default MAX_WAIT_MS).
 */
export function checkDurationMs(ms: number, what: string, max: number = MAX_WAIT_MS): string | undefined {
  if (!Number.isFinite(ms) || ms < 0) return `${what} must be a finite, non-negative duration; got ${cutText(String(ms))}`;
  if (ms > max) return `${what} of ${showMs(ms)} is longer than the ${showMs(max)} allowed (the twin's bound, src/operator/bounds.ts)`;
  return undefined;
}

/** A duration for a message: days when it is whole days, else the usual "2m 3s". */
export function showMs(ms: number): string {
  if (ms >= DAY_MS && ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  if (ms >= 100 * DAY_MS) return `${Number((ms / DAY_MS).toPrecision(3))}d`;
  return formatDuration(ms);
}

/** `text` cut to `max` characters with "…" when longer: error messages never echo a huge value. */
export function cutText(text: string, max: number = MAX_SHOWN_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
