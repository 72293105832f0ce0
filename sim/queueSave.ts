/**
 * The saved form of the event queue (issue #15), and the error a closure causes. A pending event is
 * `{ atMs, seq, handler, payload }`, or `{ atMs, seq, series }` for the next occurrence of a periodic
 * series, whose handler, period and payload are saved once in `series`. Seqs are saved exactly:
 * ties after a restore fire in the order they would have.
 */
import { SimError } from './errors.js';
import { checkJson, type Json } from './json.js';

/** @internal A registered handler as the queue keeps it. */
export interface NamedHandler {
  readonly kind: 'named';
  readonly name: string;
  readonly fn: (payload: any) => void;
  readonly codec: PayloadCodec<any> | undefined;
}

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

export function encode(named: NamedHandler, payload: unknown): Json {
  const where = `the payload of an event for handler ${named.name}`;
  return checkJson(named.codec ? named.codec.save(payload) : payload ?? null, where);
}

export function decode(named: NamedHandler, json: Json): unknown {
  return named.codec ? named.codec.load(json) : json;
}

export function badQueueCheckpoint(why: string): SimError {
  return new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'the event queue', why });
}

/** The saved queue, checked for shape: seqs below nextSeq and unique, times not before now. */
export function checkSaved(saved: QueueSave): QueueSave {
  if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.entries) || !Array.isArray(saved.series)) {
    throw badQueueCheckpoint('not a saved queue');
  }
  const int = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!int(saved.nowMs) || !int(saved.nextSeq) || !int(saved.fired)) throw badQueueCheckpoint('nowMs, nextSeq and fired must be integers ≥ 0');
  const seen = new Set<number>();
  for (const e of saved.entries) {
    if (!int(e.atMs) || !int(e.seq) || e.atMs < saved.nowMs || e.seq >= saved.nextSeq || seen.has(e.seq)) {
      throw badQueueCheckpoint(`entry ${JSON.stringify(e)} has a bad time or seq`);
    }
    if ((e.series === undefined) === (e.handler === undefined)) throw badQueueCheckpoint(`entry ${e.seq} needs a handler or a series`);
    seen.add(e.seq);
  }
  for (const s of saved.series) {
    if (!int(s.id) || !(Number.isSafeInteger(s.periodMs) && s.periodMs > 0) || typeof s.handler !== 'string') {
      throw badQueueCheckpoint(`series ${JSON.stringify(s)} is malformed`);
    }
  }
  return saved;
}
