/**
 * Each peer's event log: the lines it wrote, in time order, bounded so a long run cannot grow
 * without limit. Lines stamped a few ms ahead (the seed's spacing inside a sequence) are filed when
 * their time comes, so the log always reads in time order.
 */
import type { EventHandler, EventQueue, TraceSink } from '../../sim/index.js';
import type { TwinOwnTraceKinds } from './traceKinds.js';
import { logLines, type LogClock, type LogRecord } from '../expressway/index.js';

/** assumption: a peer keeps its last 20,000 log lines in the twin (the product rotates its logs). */
export const LOG_LINES_KEPT = 20_000;

export type LogStoreState = readonly (readonly [string, readonly LogRecord[]])[];

export class LogStore {
  private readonly lines = new Map<string, LogRecord[]>();
  /** who hears each line as it is filed (the lab server's syslog forwarding); not part of the trace */
  private readonly listeners = new Set<(peerId: string, line: string) => void>();

  /** a line stamped ahead, filed when its time comes (a named queue handler: issue #15) */
  private readonly fileLater: EventHandler<{ peer: string; record: LogRecord }>;

  constructor(private readonly queue: EventQueue, private readonly trace: TraceSink<Pick<TwinOwnTraceKinds, 'log'>>, readonly clock: LogClock, private readonly kept: number = LOG_LINES_KEPT) {
    this.fileLater = queue.handler('logs/file', ({ peer, record }) => this.file(peer, record));
  }

  sink(peerId: string): (record: LogRecord) => void {
    return (record) => {
      if (record.atMs > this.queue.nowMs) this.fileLater.at(record.atMs, { peer: peerId, record });
      else this.file(peerId, record);
    };
  }

  /** Every peer's kept lines, as JSON (issue #15); lines stamped ahead wait in the queue. */
  saveState(): LogStoreState {
    // Records are never changed once written: copying the lists is enough (the bulk of a checkpoint).
    return [...this.lines].map(([peer, records]) => [peer, records.slice()] as const);
  }

  loadState(state: LogStoreState): void {
    this.lines.clear();
    for (const [peer, records] of state) this.lines.set(peer, records.slice());
  }

  /** One peer's lines, formatted as the product writes them. */
  formatted(peerId: string): string[] {
    return (this.lines.get(peerId) ?? []).map((r) => logLines.formatLogLine(r, this.clock));
  }

  /** Calls `listener` with each line filed from now on, formatted; returns the unsubscribe. */
  listen(listener: (peerId: string, line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  records(peerId: string): readonly LogRecord[] {
    return this.lines.get(peerId) ?? [];
  }

  private file(peerId: string, record: LogRecord): void {
    let list = this.lines.get(peerId);
    if (!list) this.lines.set(peerId, (list = []));
    list.push(record);
    // Dropped in batches of a tenth, so a full log does not shift its whole array on every line.
    if (list.length > this.kept + Math.ceil(this.kept / 10)) list.splice(0, list.length - this.kept);
    if (this.trace.wants('log')) this.trace.emit(peerId, 'log', { line: logLines.formatLogLine(record, this.clock) });
    if (this.listeners.size > 0) {
      const line = logLines.formatLogLine(record, this.clock);
      for (const l of this.listeners) l(peerId, line);
    }
  }
}
