/** Durations a caller of the runner gives (the library API may skip the loader that checks them). */
import { cutText } from '../operator/bounds.js';
import { parseDurationMs } from '../twin.js';

/** The loader refuses what is not a duration; a caller that skipped it (the library API) hears the same words, not "NaN". */
export function notADuration(d: unknown, what: string): string | undefined {
  const ms = typeof d === 'string' || typeof d === 'number' ? parseDurationMs(d) : undefined;
  return ms === undefined ? `${what}: ${cutText(JSON.stringify(d) ?? String(d))} is not a valid duration; expected e.g. "90s", "2m", "1h30m"` : undefined;
}
