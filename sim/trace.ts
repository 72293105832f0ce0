/**
 * The trace: the run's journal that every checker, report and replay reads (STYLE R10, R11).
 * Each event is { atMs, seq, source, kind, data }; the recorder keeps them in order, folds each
 * into a stable hash when one is asked for (canonical JSON, sorted keys, so object key order
 * cannot change it) and exports JSON lines. Kinds can be left out with `record`, and `maxKept` bounds
 * memory in long runs; everything recorded is hashed.
 * Key decision: events are stored as numbers in typed-array chunks and built as objects only when
 * read. A long run records millions of events, and a heap of small objects slows every garbage
 * collection; most events recur (a peer's state changes, its alarms), and frozen data marks them:
 * their (source, kind, data) is stored once, and each event costs its time and an entry number.
 */
import { SimError } from './errors.js';

export interface TraceEvent {
  readonly atMs: number;
  readonly seq: number;
  /** who emitted it: a host, a peer id, 'net', 'operator' … */
  readonly source: string;
  /** what happened: 'net.deliver', 'alarm.raise', 'log' … */
  readonly kind: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * A trace's schema: for each event kind, the type of its data. The kernel is domain-free: it
 * declares its own kinds (sim/traceKinds.ts) and each layer above declares its own; the twin's
 * journal is typed by their union (src/twin/traceKinds.ts).
 */
export type TraceSchema = object;

/** The schema of a trace nobody typed: any kind, any data (tests of the kernel use it). */
export type AnyTraceSchema = { readonly [kind: string]: Readonly<Record<string, unknown>> };

/** An event of schema `M` whose kind is `K`: narrowing on `kind` types `data`. */
export type TypedEvent<M extends TraceSchema, K extends keyof M & string = keyof M & string> = {
  [P in K]: Omit<TraceEvent, 'kind' | 'data'> & { readonly kind: P; readonly data: Readonly<M[P]> };
}[K];

/**
 * What a writer needs of a trace, typed by the kinds it writes: a layer asks for a sink of its own
 * kinds, and the twin hands it its journal, typed by the union of every layer's kinds.
 */
export interface TraceSink<M extends TraceSchema> {
  wants(kind: string): boolean;
  emit<K extends keyof M & string>(source: string, kind: K, data: M[K]): void;
}

/** Whether `e` is of kind `kind` in schema `M` (a type guard for readers of an untyped event list). */
export function isEventOf<M extends TraceSchema, K extends keyof M & string>(e: TraceEvent, kind: K): e is TraceEvent & TypedEvent<M, K> {
  return e.kind === kind;
}

export interface TraceOptions {
  /** Decide which kinds are recorded at all (default: every kind). */
  record?: (kind: string) => boolean;
  /** Keep at most this many events in memory; older ones are dropped (still hashed). */
  maxKept?: number;
}

export type TraceListener = (e: TraceEvent) => void;

/**
 * A saved trace (issue #15): the count, the running hash over every event, and the kept events as
 * `[atMs, source, kind, data]` (data as canonical JSON, which is what the hash reads anyway).
 */
export interface TraceSave {
  count: number;
  h1: number;
  h2: number;
  kept: [number, string, string, Record<string, unknown>][];
}

type TraceData = TraceEvent['data'];

interface Entry {
  readonly source: string;
  readonly kind: string;
  readonly data: TraceData;
}

const CHUNK_EVENTS = 1024;
const NO_DATA: TraceData = Object.freeze({});

/** `CHUNK_EVENTS` consecutive events: their times and where their entries are. */
class Chunk {
  readonly atMs = new Float64Array(CHUNK_EVENTS);
  /** `>= 0`: an index into the trace's shared entries; `< 0`: `own[-1 - ref]`. */
  readonly entryRef = new Int32Array(CHUNK_EVENTS);
  /** Entries of this chunk's events whose data is not shared. */
  readonly own: Entry[] = [];
}

export class Trace<M extends TraceSchema = AnyTraceSchema> {
  private readonly chunks: Chunk[] = [];
  /** Index of the first event in chunks[0] (a multiple of CHUNK_EVENTS). */
  private chunkBase = 0;
  private readonly shared: Entry[] = [];
  /** data → source → kind → index in `shared` */
  private readonly sharedIds = new Map<TraceData, Map<string, Map<string, number>>>();
  /** Events recorded so far; event i has seq i + 1. */
  private seq = 0;
  /** Index of the oldest kept event (= events dropped). */
  private firstKept = 0;
  /** The kept events as objects, oldest first, as far as `all()` has built them. */
  private readonly built: TraceEvent[] = [];
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;
  /** events [0 .. hashedUpTo) are folded into h1/h2 */
  private hashedUpTo = 0;
  private readonly listeners: TraceListener[] = [];
  private readonly recordKind: (kind: string) => boolean;
  private readonly maxKept: number;

  constructor(private readonly clock: { readonly nowMs: number }, options: TraceOptions = {}) {
    this.recordKind = options.record ?? (() => true);
    this.maxKept = options.maxKept ?? Number.POSITIVE_INFINITY;
  }

  /** Whether `kind` is recorded; callers skip building data for kinds nobody wants. */
  wants(kind: string): boolean {
    return this.recordKind(kind);
  }

  /**
   * Record an event now. Frozen `data` is taken to be shared and is stored once per (source, kind):
   * freeze data that recurs, not data built afresh for each event.
   */
  emit<K extends keyof M & string>(source: string, kind: K, data: M[K] & TraceData = NO_DATA as M[K] & TraceData): void {
    if (!this.recordKind(kind)) return;
    const index = this.append(this.clock.nowMs, source, kind, data);
    const event = this.listeners.length > 0 ? this.eventAt(index) : undefined;
    if (this.seq - this.firstKept > this.maxKept) this.dropOldest();
    if (event) for (const l of this.listeners) l(event);
  }

  /** The count, the hash state and the kept events as plain JSON. */
  save(): TraceSave {
    this.foldPending();
    const kept: TraceSave['kept'] = [];
    for (let i = this.firstKept; i < this.seq; i++) {
      const e = this.eventAt(i);
      kept.push([e.atMs, e.source, e.kind, JSON.parse(canonicalJson(e.data)) as Record<string, unknown>]);
    }
    return { count: this.seq, h1: this.h1 | 0, h2: this.h2 | 0, kept };
  }

  /**
   * Continue from a saved trace: the same count and hash, the kept events readable again (no
   * listener hears them). Events this trace recorded before are forgotten.
   */
  load(saved: TraceSave): void {
    const ok = saved !== null && typeof saved === 'object' && Number.isSafeInteger(saved.count) && Array.isArray(saved.kept)
      && saved.kept.length <= saved.count && Number.isInteger(saved.h1) && Number.isInteger(saved.h2);
    if (!ok) throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'the trace', why: 'not a saved trace' });
    const first = saved.count - Math.min(saved.kept.length, this.maxKept);
    this.chunks.length = 0;
    this.shared.length = 0;
    this.sharedIds.clear();
    this.built.length = 0;
    this.chunkBase = first - (first % CHUNK_EVENTS);
    this.seq = first;
    this.firstKept = first;
    if (first % CHUNK_EVENTS !== 0) this.chunks.push(new Chunk());
    for (const [atMs, source, kind, data] of saved.kept.slice(saved.kept.length - (saved.count - first))) {
      this.append(atMs, source, kind, data);
    }
    this.hashedUpTo = this.seq;
    this.h1 = saved.h1;
    this.h2 = saved.h2;
  }

  /** Store one event; returns its index. */
  private append(atMs: number, source: string, kind: string, data: TraceData): number {
    const index = this.seq++;
    const offset = index % CHUNK_EVENTS;
    if (offset === 0) this.chunks.push(new Chunk());
    const chunk = this.chunks[this.chunks.length - 1]!;
    chunk.atMs[offset] = atMs;
    if (Object.isFrozen(data)) chunk.entryRef[offset] = this.sharedId(source, kind, data);
    else chunk.entryRef[offset] = -chunk.own.push({ source, kind, data });
    return index;
  }

  /** Called for every future event; returns an unsubscribe function. */
  subscribe(listener: TraceListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** The kept events, oldest first. */
  all(): readonly TraceEvent[] {
    for (let i = this.firstKept + this.built.length; i < this.seq; i++) this.built.push(this.eventAt(i));
    return this.built;
  }

  /** Events recorded so far (kept or not). */
  get count(): number {
    return this.seq;
  }

  get dropped(): number {
    return this.firstKept;
  }

  /** A stable 64-bit hash of every event recorded so far, as 16 hex digits. */
  hash(): string {
    this.foldPending();
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
  }

  toJsonLines(): string {
    let out = '';
    for (let i = this.firstKept; i < this.seq; i++) out += `${canonicalJson(this.eventAt(i))}\n`;
    return out;
  }

  /** The event with index `index` (seq `index + 1`), which must be kept. */
  private eventAt(index: number): TraceEvent {
    const chunk = this.chunks[Math.floor((index - this.chunkBase) / CHUNK_EVENTS)]!;
    const offset = index % CHUNK_EVENTS;
    const ref = chunk.entryRef[offset]!;
    const entry = ref >= 0 ? this.shared[ref]! : chunk.own[-1 - ref]!;
    return { atMs: chunk.atMs[offset]!, seq: index + 1, source: entry.source, kind: entry.kind, data: entry.data };
  }

  /** The index of the shared entry (source, kind, data), added on first use. */
  private sharedId(source: string, kind: string, data: TraceData): number {
    let bySource = this.sharedIds.get(data);
    if (bySource === undefined) this.sharedIds.set(data, (bySource = new Map()));
    let byKind = bySource.get(source);
    if (byKind === undefined) bySource.set(source, (byKind = new Map()));
    let id = byKind.get(kind);
    if (id === undefined) {
      id = this.shared.push({ source, kind, data }) - 1;
      byKind.set(kind, id);
    }
    return id;
  }

  private dropOldest(): void {
    // Hash what is about to be dropped first: the hash covers every event ever recorded.
    this.foldPending();
    this.firstKept++;
    if (this.built.length > 0) this.built.shift();
    if (this.firstKept - this.chunkBase === CHUNK_EVENTS) {
      this.chunks.shift();
      this.chunkBase += CHUNK_EVENTS;
    }
  }

  /** Events are hashed lazily, on demand: a run that never asks for its hash never pays for it. */
  private foldPending(): void {
    for (; this.hashedUpTo < this.seq; this.hashedUpTo++) this.fold(canonicalJson(this.eventAt(this.hashedUpTo)));
  }

  private fold(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    // separate events so ["ab","c"] and ["a","bc"] differ
    this.h1 = Math.imul(h1 ^ 0x0a, 0x01000193);
    this.h2 = Math.imul(h2 ^ 0x0a, 0x5bd1e995);
  }
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

// A direct writer (no intermediate sorted copies): tracing every event must stay cheap.
function write(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      return JSON.stringify(String(v));
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map((x) => write(x) ?? 'null').join(',')}]`;
  const o = v as Record<string, unknown>;
  if (typeof (o as { toJSON?: unknown }).toJSON === 'function') return write((o as { toJSON: () => unknown }).toJSON());
  const keys = Object.keys(o).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const x = write(o[k]);
    if (x === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${x}`;
    first = false;
  }
  return `${out}}`;
}
