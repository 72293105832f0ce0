/**
 * A lab's peers' log lines in the store (issue #15), each written once, soon after it is filed, as
 * a row of its own: a checkpoint then holds only where each peer's kept lines are (a range of
 * rows), not the lines, which are nearly all of a lab's world (a two-day-old add-peer lab: 1.2 of
 * its 1.3 MB, 2,000 lines a peer). Writing them a few at a time, with each change the store keeps,
 * instead of 1.3 MB at every checkpoint, is what keeps a hundred running labs' requests fast.
 *
 * Rows are numbered per peer, counting up and never reused. A twin files a record once and never
 * changes it, and keeps it (the same object) until it drops it from the front of the peer's list:
 * so the lines not stored yet are those after the last one stored — found by identity — or the
 * whole list when that one was dropped meanwhile (or the lab was rebuilt: new objects). Rows stay
 * exact whatever happens; identity only saves writing a line twice.
 */
import type { LogRecord, Twin } from '../twin.js';
import type { LogLineRange, StoredLogLine } from './store.js';

interface Stored {
  /** the last record stored (undefined: none of this twin's) */
  readonly record: LogRecord | undefined;
  /** its row number; the next line gets seq + 1 */
  readonly seq: number;
}

/** What to write for a lab's log lines now, and the ranges its twin's kept lines will have once written. */
export interface LogRowsToWrite {
  readonly lines: StoredLogLine[];
  readonly ranges: LogLineRange[];
  /** Call once the store has kept `lines`. */
  commit(): void;
}

export class LogRows {
  private readonly stored = new Map<string, Stored>();

  /**
   * `ranges`: where the store's latest checkpoint has each peer's kept lines (new rows number on
   * after them); `loaded`: the records that checkpoint's rows were loaded as, when this lab was
   * rebuilt from it (the last of each peer's is the row before its `to`).
   */
  constructor(ranges: readonly LogLineRange[] | null = null, loaded?: ReadonlyMap<string, readonly LogRecord[]>) {
    for (const r of ranges ?? []) this.stored.set(r.peer, { record: loaded?.get(r.peer)?.at(-1), seq: r.to - 1 });
  }

  /** How many of `twin`'s kept log lines are not stored yet. */
  waiting(twin: Twin): number {
    return twin.peerNames().reduce((n, peer) => {
      const records = twin.logRecords(peer);
      return n + records.length - 1 - this.lastStored(peer, records);
    }, 0);
  }

  /** The lines of `twin` not stored yet, and each peer's range once they are. */
  toWrite(twin: Twin): LogRowsToWrite {
    const lines: StoredLogLine[] = [];
    const ranges: LogLineRange[] = [];
    const next = new Map<string, Stored>();
    for (const peer of twin.peerNames()) {
      const records = twin.logRecords(peer);
      const stored = this.stored.get(peer) ?? { record: undefined, seq: -1 };
      const after = this.lastStored(peer, records);
      for (let i = after + 1; i < records.length; i++) lines.push({ peer, seq: stored.seq + i - after, record: JSON.stringify(records[i]) });
      const last = stored.seq + records.length - 1 - after;
      ranges.push({ peer, from: last + 1 - records.length, to: last + 1 });
      next.set(peer, { record: records.at(-1) ?? stored.record, seq: last });
    }
    return { lines, ranges, commit: () => next.forEach((s, peer) => this.stored.set(peer, s)) };
  }

  /** The index in `records` of the last one stored, or -1 (none, or dropped since). */
  private lastStored(peer: string, records: readonly LogRecord[]): number {
    const record = this.stored.get(peer)?.record;
    return record === undefined ? -1 : records.lastIndexOf(record);
  }
}
