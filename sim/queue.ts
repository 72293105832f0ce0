/**
 * The event queue: the only clock below src/server (DESIGN "Determinism"). A binary heap over
 * parallel arrays ordered by (atMs, seq), where seq is the insertion sequence, so ties fire in the
 * order they were scheduled, every run. Cancellation is lazy (a cancelled seq is skipped when it
 * surfaces), so scheduling and firing do no bookkeeping beyond the heap. `every` schedules from the
 * intended time, never from when the callback ran, so periodic work drifts by zero.
 */
import { SimError } from './errors.js';
import { assert } from './assert.js';

/** Identifies a scheduled event or a periodic series; pass it to `cancel`. */
export type EventId = number;
export type Callback<A = unknown> = (arg: A) => void;

export interface RunLimits {
  /** Stop with XTW_ERR_SIM_EVENT_LIMIT after this many events (STYLE R8: every loop has a bound). */
  maxEvents?: number;
}

/** Default bound on events fired by one `run*` call. */
export const DEFAULT_MAX_EVENTS = 50_000_000;

export class EventQueue {
  private nowMsValue = 0;
  private nextSeq = 1;
  private times: number[] = [];
  private seqs: number[] = [];
  private fns: Callback<any>[] = [];
  private args: unknown[] = [];
  /** seqs cancelled but still in the heap; dropped when they surface */
  private readonly cancelled = new Set<number>();
  /** series id → seq of its currently pending occurrence */
  private readonly series = new Map<EventId, number>();
  private firedCount = 0;

  /** Current virtual time in milliseconds. */
  get nowMs(): number {
    return this.nowMsValue;
  }

  /** Events fired since the queue was created. */
  get fired(): number {
    return this.firedCount;
  }

  /** Events waiting to fire (cancelled ones that have not surfaced yet are not counted). */
  get pending(): number {
    return this.times.length - this.cancelled.size;
  }

  /** Time of the next live event, or undefined when idle. */
  peekTimeMs(): number | undefined {
    this.dropCancelledHead();
    return this.times.length > 0 ? this.times[0] : undefined;
  }

  /** Schedule `fn(arg)` at absolute virtual time `atMs` (≥ now). */
  at<A>(atMs: number, fn: Callback<A>, arg?: A): EventId {
    if (!Number.isFinite(atMs) || atMs < this.nowMsValue) {
      throw new SimError('XTW_ERR_SIM_BAD_TIME', { value: atMs, now: this.nowMsValue });
    }
    return this.push(Math.round(atMs), fn, arg);
  }

  /** Schedule `fn(arg)` after `delayMs` (≥ 0). */
  after<A>(delayMs: number, fn: Callback<A>, arg?: A): EventId {
    if (!Number.isFinite(delayMs) || delayMs < 0) throw new SimError('XTW_ERR_SIM_BAD_DELAY', { value: delayMs });
    return this.push(this.nowMsValue + Math.round(delayMs), fn, arg);
  }

  /**
   * Schedule `fn(arg)` every `periodMs`, first at `firstAtMs` (default now + period). The returned id
   * cancels the whole series.
   */
  every<A>(periodMs: number, fn: Callback<A>, options: { firstAtMs?: number; arg?: A } = {}): EventId {
    if (!Number.isFinite(periodMs) || periodMs <= 0) throw new SimError('XTW_ERR_SIM_BAD_PERIOD', { value: periodMs });
    const period = Math.round(periodMs);
    const first = options.firstAtMs ?? this.nowMsValue + period;
    if (!Number.isFinite(first) || first < this.nowMsValue) {
      throw new SimError('XTW_ERR_SIM_BAD_TIME', { value: first, now: this.nowMsValue });
    }
    const seriesId = this.nextSeq; // the id of the first occurrence names the series
    const tick = (intendedMs: number): void => {
      // Schedule the next occurrence before running, from the intended time: zero drift.
      const next = this.push(intendedMs + period, tick, intendedMs + period);
      this.series.set(seriesId, next);
      fn(options.arg as A);
    };
    const firstSeq = this.push(Math.round(first), tick, Math.round(first));
    this.series.set(seriesId, firstSeq);
    return seriesId;
  }

  /** Cancel an event or a series. Returns false if it already fired or was cancelled. */
  cancel(id: EventId): boolean {
    const pendingSeq = this.series.get(id);
    if (pendingSeq !== undefined) {
      this.series.delete(id);
      this.cancelled.add(pendingSeq);
      return true;
    }
    // A linear search, but only on cancel (rare next to schedule and fire, and the twin keeps few
    // events pending): it keeps the hot path free of per-event bookkeeping.
    if (this.cancelled.has(id) || !this.seqs.includes(id)) return false;
    this.cancelled.add(id);
    return true;
  }

  /** Fire the next live event. Returns false when idle. */
  step(): boolean {
    this.dropCancelledHead();
    if (this.times.length === 0) return false;
    const atMs = this.times[0]!;
    const fn = this.fns[0]!;
    const arg = this.args[0];
    this.popHead();
    assert(atMs >= this.nowMsValue, `event at ${atMs} ms fires before now ${this.nowMsValue} ms`);
    this.nowMsValue = atMs;
    this.firedCount++;
    fn(arg);
    return true;
  }

  /** Fire every event up to and including `untilMs`, then set the clock to `untilMs`. */
  runUntil(untilMs: number, limits: RunLimits = {}): number {
    if (!Number.isFinite(untilMs) || untilMs < this.nowMsValue) {
      throw new SimError('XTW_ERR_SIM_BAD_TIME', { value: untilMs, now: this.nowMsValue });
    }
    const max = limits.maxEvents ?? DEFAULT_MAX_EVENTS;
    let n = 0;
    for (;;) {
      const next = this.peekTimeMs();
      if (next === undefined || next > untilMs) break;
      if (n >= max) throw new SimError('XTW_ERR_SIM_EVENT_LIMIT', { value: max });
      this.step();
      n++;
    }
    this.nowMsValue = Math.round(untilMs);
    return n;
  }

  /** Advance by `durationMs` (fires everything due). */
  advance(durationMs: number, limits: RunLimits = {}): number {
    if (!Number.isFinite(durationMs) || durationMs < 0) throw new SimError('XTW_ERR_SIM_BAD_DELAY', { value: durationMs });
    return this.runUntil(this.nowMsValue + durationMs, limits);
  }

  /** Fire events until none remain. Periodic series never go idle, so a limit always applies. */
  runUntilIdle(limits: RunLimits = {}): number {
    const max = limits.maxEvents ?? DEFAULT_MAX_EVENTS;
    let n = 0;
    while (this.peekTimeMs() !== undefined) {
      if (n >= max) throw new SimError('XTW_ERR_SIM_EVENT_LIMIT', { value: max });
      this.step();
      n++;
    }
    return n;
  }

  /**
   * Fire events until `predicate()` holds (checked before each event) or virtual time would pass
   * `deadlineMs`. Returns true if the predicate held. The clock ends at the time it held, or at the
   * deadline.
   */
  runUntilTrue(predicate: () => boolean, deadlineMs: number, limits: RunLimits = {}): boolean {
    const max = limits.maxEvents ?? DEFAULT_MAX_EVENTS;
    let n = 0;
    for (;;) {
      if (predicate()) return true;
      const next = this.peekTimeMs();
      if (next === undefined || next > deadlineMs) {
        this.nowMsValue = Math.max(this.nowMsValue, Math.round(deadlineMs));
        return predicate();
      }
      if (n >= max) throw new SimError('XTW_ERR_SIM_EVENT_LIMIT', { value: max });
      this.step();
      n++;
    }
  }

  private push(atMs: number, fn: Callback<any>, arg: unknown): EventId {
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    const fns = this.fns;
    const args = this.args;
    let i = times.length;
    times.push(atMs);
    seqs.push(seq);
    fns.push(fn);
    args.push(arg);
    // sift up
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < atMs || (pt === atMs && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      fns[i] = fns[parent]!;
      args[i] = args[parent];
      i = parent;
    }
    times[i] = atMs;
    seqs[i] = seq;
    fns[i] = fn;
    args[i] = arg;
    return seq;
  }

  private dropCancelledHead(): void {
    while (this.times.length > 0 && this.cancelled.size > 0 && this.cancelled.has(this.seqs[0]!)) {
      this.cancelled.delete(this.seqs[0]!);
      this.popHead();
    }
  }

  private popHead(): void {
    const times = this.times;
    const seqs = this.seqs;
    const fns = this.fns;
    const args = this.args;
    const lastT = times.pop()!;
    const lastS = seqs.pop()!;
    const lastF = fns.pop()!;
    const lastA = args.pop();
    const n = times.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n) {
        const lt = times[l]!;
        const rt = times[r]!;
        if (rt < lt || (rt === lt && seqs[r]! < seqs[l]!)) c = r;
      }
      const ct = times[c]!;
      if (ct > lastT || (ct === lastT && seqs[c]! > lastS)) break;
      times[i] = ct;
      seqs[i] = seqs[c]!;
      fns[i] = fns[c]!;
      args[i] = args[c];
      i = c;
    }
    times[i] = lastT;
    seqs[i] = lastS;
    fns[i] = lastF;
    args[i] = lastA;
  }
}
