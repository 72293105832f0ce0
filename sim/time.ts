/**
 * Virtual time: integer milliseconds since the start of a run. Helpers to build durations with
 * their unit in the name, to parse operator durations ("90s", "2m", "1h30m") and to format times.
 */

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export const seconds = (n: number): number => Math.round(n * SECOND_MS);
export const minutes = (n: number): number => Math.round(n * MINUTE_MS);
export const hours = (n: number): number => Math.round(n * HOUR_MS);

const UNIT_MS: Record<string, number> = { ms: 1, s: SECOND_MS, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };
const DURATION = /^(?:(\d+(?:\.\d+)?)(ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/** Parses "250ms", "90s", "2m", "1h30m" or a bare number of milliseconds; `undefined` when malformed. */
export function parseDurationMs(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? Math.round(text) : undefined;
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (!DURATION.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(PART)) total += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
  return Math.round(total);
}

/** "T+00:02:03.250" — a virtual time as an operator reads it in a timeline. */
export function formatVirtualTime(atMs: number): string {
  const ms = Math.floor(atMs % 1000);
  const totalS = Math.floor(atMs / 1000);
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  return `T+${pad(h)}:${pad(m)}:${pad(s)}.${String(ms).padStart(3, '0')}`;
}

/** "2m 3s" — a duration for people. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return parts.join(' ') || '0s';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
