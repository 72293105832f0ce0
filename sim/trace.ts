/**
 * The trace: the run's journal that every checker, report and replay reads (STYLE R10, R11).
 * Each event is { atMs, seq, source, kind, data }; the recorder keeps them in order, folds each
 * into a stable hash when one is asked for (canonical JSON, sorted keys, so object key order
 * cannot change it) and exports JSON lines. Per-packet kinds can be left out of storage with `keep` to bound memory
 * in long runs; everything recorded is hashed.
 */

export interface TraceEvent {
  readonly atMs: number;
  readonly seq: number;
  /** who emitted it: a host, a peer id, 'net', 'operator' … */
  readonly source: string;
  /** what happened: 'net.deliver', 'alarm.raise', 'log' … */
  readonly kind: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface TraceOptions {
  /** Decide which kinds are recorded at all (default: every kind). */
  record?: (kind: string) => boolean;
  /** Keep at most this many events in memory; older ones are dropped (still hashed). */
  maxKept?: number;
}

export type TraceListener = (e: TraceEvent) => void;

export class Trace {
  private readonly events: TraceEvent[] = [];
  private seq = 0;
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;
  private droppedCount = 0;
  /** events[0 .. hashedUpTo) are folded into h1/h2 */
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

  emit(source: string, kind: string, data: Record<string, unknown> = {}): void {
    if (!this.recordKind(kind)) return;
    const event: TraceEvent = { atMs: this.clock.nowMs, seq: ++this.seq, source, kind, data };
    this.events.push(event);
    if (this.events.length > this.maxKept) {
      // Hash what is about to be dropped first: the hash covers every event ever recorded.
      this.foldPending();
      this.events.shift();
      this.hashedUpTo--;
      this.droppedCount++;
    }
    for (const l of this.listeners) l(event);
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
    return this.events;
  }

  /** Events recorded so far (kept or not). */
  get count(): number {
    return this.seq;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  /** A stable 64-bit hash of every event recorded so far, as 16 hex digits. */
  hash(): string {
    this.foldPending();
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
  }

  toJsonLines(): string {
    return this.events.map((e) => canonicalJson(e)).join('\n') + (this.events.length ? '\n' : '');
  }

  /** Events are hashed lazily, on demand: a run that never asks for its hash never pays for it. */
  private foldPending(): void {
    for (; this.hashedUpTo < this.events.length; this.hashedUpTo++) this.fold(canonicalJson(this.events[this.hashedUpTo]));
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
