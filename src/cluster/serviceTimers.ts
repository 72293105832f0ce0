/**
 * The work a cluster node schedules for one run of its services (RAS queries, reconnects,
 * synchroniser runs, alarm delays): all of it is cancelled when the services stop. An exception from
 * such work goes to `onFault`, so the twin knows whose model failed (src/twin/modelFaults.ts).
 */
import type { EventId, EventQueue } from '../../sim/index.js';

export class ServiceTimers {
  private ids: EventId[] = [];

  constructor(private readonly queue: EventQueue, private readonly onFault?: (error: unknown) => void) {}

  after(delayMs: number, fn: () => void): void {
    this.ids.push(this.queue.after(delayMs, this.guarded(fn)));
  }

  every(periodMs: number, fn: () => void, firstAtMs?: number): void {
    this.ids.push(this.queue.every(periodMs, this.guarded(fn), firstAtMs === undefined ? {} : { firstAtMs }));
  }

  cancelAll(): void {
    for (const id of this.ids) this.queue.cancel(id);
    this.ids = [];
  }

  /** `fn`, with an exception it throws handed to `onFault`. */
  private guarded(fn: () => void): () => void {
    const onFault = this.onFault;
    if (!onFault) return fn;
    return () => {
      try {
        fn();
      } catch (e) {
        onFault(e);
      }
    };
  }
}
