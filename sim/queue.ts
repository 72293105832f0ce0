/**
 * The event queue: the only clock below src/server (DESIGN "Determinism"). A binary heap over
 * parallel arrays ordered by (atMs, seq), where seq is the insertion sequence, so ties fire in the
 * order they were scheduled, every run. Cancellation is lazy (a cancelled seq is skipped when it
 * surfaces), so scheduling and firing do no bookkeeping beyond the heap. `every` schedules from the
 * intended time, never from when the callback ran, so periodic work drifts by zero.
 *
 * Pending events are data (issue #15): an owner registers a named handler once, when it is built
 * (`queue.handler('expe01/ras.poll', fn)`), and schedules through it with a payload. A queue whose
 * pending events all name handlers saves as plain JSON (`save()`), and a freshly built world that
 * registered the same names loads it (`load()`) with every seq kept, so ties fire in the same order
 * after a restore. Closures (`after(ms, () => …)`) still work but make `save()` fail, naming them.
 */
import { SimError } from './errors.js';
import { assert } from './assert.js';
import {
  badQueueCheckpoint, checkSaved, decode, encode, unsavableClosure,
  type NamedHandler, type PayloadCodec, type QueueSave, type SavedEntry, type SavedSeries,
} from './queueSave.js';

export type { PayloadCodec, QueueSave } from './queueSave.js';

/** Identifies a scheduled event or a periodic series; pass it to `cancel`. */
export type EventId = number;
export type Callback<A = unknown> = (arg: A) => void;

/**
 * A registered handler: schedules events that call it with a payload. The payload is saved as it is
 * (it must be plain JSON) or through the handler's codec (for hot paths that hand objects along).
 */
export interface EventHandler<P> {
  readonly name: string;
  /** Call the handler with `payload` at absolute virtual time `atMs` (≥ now). */
  at(atMs: number, payload: P): EventId;
  /** Call the handler with `payload` after `delayMs` (≥ 0). */
  after(delayMs: number, payload: P): EventId;
  /** Call the handler every `periodMs`, first at `firstAtMs` (default now + period); the id cancels the series. */
  every(periodMs: number, payload: P, options?: { firstAtMs?: number }): EventId;
  /** The payloads of this handler's pending one-off events (not cancelled), in no particular order. */
  pendingPayloads(): P[];
}

/** @internal What a heap slot fires: a registered handler, a series occurrence, or (legacy) a closure. */
type Named = NamedHandler;
interface Series {
  readonly kind: 'series';
  readonly id: EventId;
  readonly periodMs: number;
  /** the handler it calls: registered, or a closure (unsavable) */
  readonly target: Named | Callback<any>;
  readonly payload: unknown;
}
type Slot = Named | Series | Callback<any>;

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
  private fns: Slot[] = [];
  private args: unknown[] = [];
  /** seqs cancelled but still in the heap; dropped when they surface */
  private readonly cancelled = new Set<number>();
  /** series id → seq of its currently pending occurrence */
  private readonly series = new Map<EventId, number>();
  private readonly handlers = new Map<string, Named>();
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

  /**
   * Register the handler `name` (unique on this queue, stable across processes: owner-scoped, e.g.
   * `net.deliver.tcp`, `expe01/cluster.replication.run`). `codec` converts payloads that are not
   * plain JSON to and from JSON at save and load only, so scheduling and firing never pay for it.
   */
  handler<P = undefined>(name: string, fn: (payload: P) => void, codec?: PayloadCodec<P>): EventHandler<P> {
    if (typeof name !== 'string' || name === '') throw new SimError('XTW_ERR_SIM_BAD_NAME', { what: 'event handler', value: name });
    if (this.handlers.has(name)) throw new SimError('XTW_ERR_SIM_DUPLICATE_HANDLER', { value: name });
    const named: Named = { kind: 'named', name, fn, codec };
    this.handlers.set(name, named);
    return {
      name,
      at: (atMs, payload) => this.at(atMs, named, payload),
      after: (delayMs, payload) => this.after(delayMs, named, payload),
      every: (periodMs, payload, options = {}) => this.startSeries(periodMs, named, payload, options.firstAtMs),
      pendingPayloads: () => this.payloadsOf(named) as P[],
    };
  }

  /**
   * Call the registered handler `name` now, synchronously (a named callback: a part that answers
   * later keeps the name in its saved state instead of a closure). Unknown names throw.
   */
  invoke(name: string, payload: unknown): void {
    this.named(name).fn(payload);
  }

  /** Whether a handler of that name is registered. */
  hasHandler(name: string): boolean {
    return this.handlers.has(name);
  }

  /** Schedule `fn(arg)` at absolute virtual time `atMs` (≥ now). A closure: prefer a named handler. */
  at<A>(atMs: number, fn: Callback<A>, arg?: A): EventId;
  /** @internal */
  at(atMs: number, fn: Slot, arg?: unknown): EventId;
  at(atMs: number, fn: Slot, arg?: unknown): EventId {
    if (!Number.isFinite(atMs) || atMs < this.nowMsValue) {
      throw new SimError('XTW_ERR_SIM_BAD_TIME', { value: atMs, now: this.nowMsValue });
    }
    return this.push(Math.round(atMs), fn, arg);
  }

  /** Schedule `fn(arg)` after `delayMs` (≥ 0). A closure: prefer a named handler. */
  after<A>(delayMs: number, fn: Callback<A>, arg?: A): EventId;
  /** @internal */
  after(delayMs: number, fn: Slot, arg?: unknown): EventId;
  after(delayMs: number, fn: Slot, arg?: unknown): EventId {
    if (!Number.isFinite(delayMs) || delayMs < 0) throw new SimError('XTW_ERR_SIM_BAD_DELAY', { value: delayMs });
    return this.push(this.nowMsValue + Math.round(delayMs), fn, arg);
  }

  /**
   * Schedule `fn(arg)` every `periodMs`, first at `firstAtMs` (default now + period). The returned id
   * cancels the whole series. A closure: prefer a named handler's `every`.
   */
  every<A>(periodMs: number, fn: Callback<A>, options: { firstAtMs?: number; arg?: A } = {}): EventId {
    return this.startSeries(periodMs, fn, options.arg, options.firstAtMs);
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
    const slot = this.fns[0]!;
    const arg = this.args[0];
    this.popHead();
    assert(atMs >= this.nowMsValue, `event at ${atMs} ms fires before now ${this.nowMsValue} ms`);
    this.nowMsValue = atMs;
    this.firedCount++;
    if (typeof slot === 'function') slot(arg);
    else if (slot.kind === 'named') slot.fn(arg);
    else this.fireSeries(slot, atMs);
    return true;
  }

  /**
   * The clock and every pending event as plain JSON. Throws XTW_ERR_SIM_NOT_SAVABLE naming the
   * first pending closure (or payload that is not JSON) it meets: such a world cannot be restored.
   */
  save(): QueueSave {
    const entries: SavedEntry[] = [];
    for (let i = 0; i < this.times.length; i++) {
      const seq = this.seqs[i]!;
      if (this.cancelled.has(seq)) continue;
      const slot = this.fns[i]!;
      const atMs = this.times[i]!;
      if (typeof slot === 'function') throw unsavableClosure(slot, atMs, seq);
      if (slot.kind === 'series') entries.push({ atMs, seq, series: slot.id });
      else entries.push({ atMs, seq, handler: slot.name, payload: encode(slot, this.args[i]) });
    }
    entries.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
    const series: SavedSeries[] = [];
    for (let i = 0; i < this.fns.length; i++) {
      const slot = this.fns[i]!;
      if (typeof slot === 'function' || slot.kind !== 'series' || this.series.get(slot.id) !== this.seqs[i]) continue;
      if (typeof slot.target === 'function') throw unsavableClosure(slot.target, this.times[i]!, this.seqs[i]!);
      series.push({ id: slot.id, handler: slot.target.name, periodMs: slot.periodMs, payload: encode(slot.target, slot.payload) });
    }
    series.sort((a, b) => a.id - b.id);
    return { nowMs: this.nowMsValue, nextSeq: this.nextSeq, fired: this.firedCount, entries, series };
  }

  /**
   * Replace the clock and every pending event with a saved queue. Handlers are looked up by name in
   * this queue's registrations (a missing one throws XTW_ERR_SIM_UNKNOWN_HANDLER); seqs are kept.
   */
  load(saved: QueueSave): void {
    const data = checkSaved(saved);
    const seriesById = new Map<EventId, Series>();
    for (const s of data.series) {
      const target = this.named(s.handler);
      seriesById.set(s.id, { kind: 'series', id: s.id, periodMs: s.periodMs, target, payload: decode(target, s.payload) });
    }
    const slots = data.entries.map((e): [number, number, Slot, unknown] => {
      if (e.series !== undefined) {
        const series = seriesById.get(e.series);
        if (!series) throw badQueueCheckpoint(`entry ${e.seq} belongs to series ${e.series}, which is not saved`);
        return [e.atMs, e.seq, series, e.atMs];
      }
      const target = this.named(e.handler!);
      return [e.atMs, e.seq, target, decode(target, e.payload ?? null)];
    });
    this.times = [];
    this.seqs = [];
    this.fns = [];
    this.args = [];
    this.cancelled.clear();
    this.series.clear();
    this.nowMsValue = data.nowMs;
    this.nextSeq = data.nextSeq;
    this.firedCount = data.fired;
    for (const [atMs, seq, slot, arg] of slots) {
      this.insert(atMs, seq, slot, arg);
      if (typeof slot !== 'function' && slot.kind === 'series') this.series.set(slot.id, seq);
    }
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

  private startSeries(periodMs: number, target: Named | Callback<any>, payload: unknown, firstAtMs: number | undefined): EventId {
    if (!Number.isFinite(periodMs) || periodMs <= 0) throw new SimError('XTW_ERR_SIM_BAD_PERIOD', { value: periodMs });
    const period = Math.round(periodMs);
    const first = firstAtMs ?? this.nowMsValue + period;
    if (!Number.isFinite(first) || first < this.nowMsValue) {
      throw new SimError('XTW_ERR_SIM_BAD_TIME', { value: first, now: this.nowMsValue });
    }
    const series: Series = { kind: 'series', id: this.nextSeq, periodMs: period, target, payload }; // the first occurrence's seq names the series
    const firstSeq = this.push(Math.round(first), series, Math.round(first));
    this.series.set(series.id, firstSeq);
    return series.id;
  }

  private fireSeries(series: Series, intendedMs: number): void {
    // Schedule the next occurrence before running, from the intended time: zero drift.
    const next = this.push(intendedMs + series.periodMs, series, intendedMs + series.periodMs);
    this.series.set(series.id, next);
    const target = series.target;
    if (typeof target === 'function') target(series.payload);
    else target.fn(series.payload);
  }

  private payloadsOf(named: Named): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < this.fns.length; i++) {
      if (this.fns[i] === named && !this.cancelled.has(this.seqs[i]!)) out.push(this.args[i]);
    }
    return out;
  }

  private named(name: string): Named {
    const named = this.handlers.get(name);
    if (!named) throw new SimError('XTW_ERR_SIM_UNKNOWN_HANDLER', { value: name });
    return named;
  }

  private push(atMs: number, fn: Slot, arg: unknown): EventId {
    const seq = this.nextSeq++;
    this.insert(atMs, seq, fn, arg);
    return seq;
  }

  private insert(atMs: number, seq: number, fn: Slot, arg: unknown): void {
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

