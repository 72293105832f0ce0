/**
 * The simulation kernel's front door (STYLE R2). Domain-free: virtual clock and event queue,
 * seeded random streams, trace, network and DNS. Nothing here knows about Expressway.
 *
 * @example
 * const queue = new EventQueue();
 * queue.after(1_000, () => console.log('one virtual second later'));
 * queue.runUntilIdle();
 */
export { EventQueue, DEFAULT_MAX_EVENTS } from './queue.js';
export type { EventId, Callback, RunLimits } from './queue.js';
export { queueTimers } from './timers.js';
export type { VirtualTimers } from './timers.js';
export { Rng, RandomStream, firstDivergence } from './random.js';
export type { Seed, Draw } from './random.js';
export { Trace, canonicalJson } from './trace.js';
export type { TraceEvent, TraceOptions, TraceListener } from './trace.js';
export { SimError, SIM_ERRORS, RETIRED_SIM_ERROR_CODES } from './errors.js';
export type { SimErrorCode } from './errors.js';
export { InvariantError, assert } from './assert.js';
export {
  SECOND_MS, MINUTE_MS, HOUR_MS, DAY_MS, seconds, minutes, hours,
  parseDurationMs, formatVirtualTime, formatDuration,
} from './time.js';
