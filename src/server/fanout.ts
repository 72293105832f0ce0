/**
 * A lab's event fan-out: the trace events its watchers (event streams, terminals) have not yet
 * heard of, and the batches they receive on each flush. Events are held only while someone
 * watches, and at most MAX_EVENTS_PER_FLUSH of them between two flushes (the rest are counted).
 */
import type { TraceEvent } from '../twin.js';
import type { Lab } from './lab.js';
import { MAX_EVENTS_PER_FLUSH, MAX_WATCHERS_PER_LAB } from './limits.js';

/** What watchers of a lab receive: the trace events since the last flush, and the virtual time. */
export interface StreamBatch {
  readonly nowMs: number;
  readonly events: readonly TraceEvent[];
  /** events left out of this batch because there were more than MAX_EVENTS_PER_FLUSH */
  readonly dropped: number;
  /** the trainer changed what students see: read the lab again */
  readonly settingsChanged?: boolean;
}

export type Watcher = (batch: StreamBatch) => void;

export class EventFanout {
  private pending: TraceEvent[] = [];
  private dropped = 0;
  /** virtual time of the last batch sent */
  private flushedAtMs = -1;
  private readonly watchers = new Set<Watcher>();

  /** Hears the events of `lab` from now on (called again when the lab is rebuilt). */
  follow(lab: Lab): void {
    lab.twin.subscribe((e) => {
      if (this.watchers.size === 0) return;
      if (this.pending.length < MAX_EVENTS_PER_FLUSH) this.pending.push(e);
      else this.dropped++;
    });
  }

  /** Adds a watcher; returns its unsubscribe, or undefined when the lab has MAX_WATCHERS_PER_LAB. */
  add(watcher: Watcher): (() => void) | undefined {
    if (this.watchers.size >= MAX_WATCHERS_PER_LAB) return undefined;
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Sends what is new — events, or time that passed (the browser's clock follows batches). */
  flush(nowMs: number): void {
    if (this.watchers.size === 0) return;
    if (this.pending.length === 0 && this.dropped === 0 && nowMs === this.flushedAtMs) return;
    this.flushedAtMs = nowMs;
    const batch: StreamBatch = { nowMs, events: this.pending, dropped: this.dropped };
    this.pending = [];
    this.dropped = 0;
    for (const w of this.watchers) w(batch);
  }

  /** Tells every watcher the lab's settings changed (they read the lab again). */
  announceSettings(nowMs: number): void {
    const batch: StreamBatch = { nowMs, events: [], dropped: 0, settingsChanged: true };
    for (const w of this.watchers) w(batch);
  }

  clear(): void {
    this.watchers.clear();
    this.pending = [];
  }
}
