/**
 * The saved form of the event queue (issue #15), and the error a closure causes. A pending event is
 * `{ atMs, seq, handler, payload }`, or `{ atMs, seq, series }` for the next occurrence of a periodic
 * series, whose handler, period and payload are saved once in `series`. Seqs are saved exactly:
 * ties after a restore fire in the order they would have.
 */
import { SimError } from './errors.js';
import type { Json } from './json.js';

/** Converts a handler's payloads to JSON at save and back at load (hot paths hand objects along). */
export interface PayloadCodec<P> {
  save(payload: P): Json;
  load(json: Json): P;
}

export interface SavedEntry {
  atMs: number;
  seq: number;
  /** the handler's registered name (one-off events) */
  handler?: string;
  payload?: Json;
  /** the series this is the next occurrence of */
  series?: number;
}

export interface SavedSeries {
  id: number;
  handler: string;
  periodMs: number;
  payload: Json;
}

export interface QueueSave {
  nowMs: number;
  nextSeq: number;
  fired: number;
  /** pending events, in firing order */
  entries: SavedEntry[];
  series: SavedSeries[];
}

/** XTW_ERR_SIM_NOT_SAVABLE for a pending closure: names the function (its name and first line). */
export function unsavableClosure(fn: (...args: never[]) => unknown, atMs: number, seq: number): SimError {
  const source = String(fn).split('\n', 1)[0]!.slice(0, 120);
  const site = fn.name ? `${fn.name}: ${source}` : source;
  return new SimError('XTW_ERR_SIM_NOT_SAVABLE', {
    value: 'the event queue',
    why: `the event at ${atMs} ms (seq ${seq}) is a closure, not a named handler (${site}); schedule it through queue.handler(name, fn)`,
  });
}
