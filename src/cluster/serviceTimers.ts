/**
 * The work a cluster node schedules for one run of its services (RAS queries, reconnects,
 * synchroniser runs, alarm delays): all of it is cancelled when the services stop. Each kind of work
 * is a named queue handler (`<peer>/cluster.<part>.<what>`, registered once when the node is built)
 * and its payload is plain JSON, so a world's pending work is data a checkpoint saves (issue #15).
 * Only work still pending is remembered — a token in each payload says which event fired — so a
 * lab that runs for months keeps no list of long-fired timers. An exception from such work goes to
 * `onFault`, so the twin knows whose model failed (src/twin/modelFaults.ts).
 */
import type { EventHandler, EventId, EventQueue } from '../../sim/index.js';

/** Schedules one kind of this node's work; what it schedules belongs to the current run of the services. */
export interface ServiceTimer<P> {
  after(delayMs: number, payload: P): void;
  every(periodMs: number, payload: P, firstAtMs?: number): void;
}

export interface ServiceTimersState {
  /** token → queue event (or series) id of the work still pending, in scheduling order */
  readonly pending: readonly (readonly [number, EventId])[];
  readonly nextToken: number;
}

interface Tagged<P> {
  readonly token: number;
  readonly payload: P;
}

export class ServiceTimers {
  private readonly pending = new Map<number, EventId>();
  private nextToken = 1;

  constructor(
    private readonly queue: EventQueue,
    /** handler names start with this (the peer's name) */
    private readonly owner: string,
    private readonly onFault?: (error: unknown) => void,
  ) {}

  /** Register the handler `<owner>/<name>` (once, when the node is built). */
  handler<P = undefined>(name: string, fn: (payload: P) => void): ServiceTimer<P> {
    const fired = (t: Tagged<P>, periodic: boolean): void => {
      if (!periodic) this.pending.delete(t.token);
      this.guarded(fn, t.payload);
    };
    const once: EventHandler<Tagged<P>> = this.queue.handler(`${this.owner}/${name}`, (t: Tagged<P>) => fired(t, false));
    const series: EventHandler<Tagged<P>> = this.queue.handler(`${this.owner}/${name}.every`, (t: Tagged<P>) => fired(t, true));
    return {
      after: (delayMs, payload) => {
        const token = this.nextToken++;
        this.pending.set(token, once.after(delayMs, { token, payload }));
      },
      every: (periodMs, payload, firstAtMs) => {
        const token = this.nextToken++;
        this.pending.set(token, series.every(periodMs, { token, payload }, firstAtMs === undefined ? {} : { firstAtMs }));
      },
    };
  }

  cancelAll(): void {
    for (const id of this.pending.values()) this.queue.cancel(id);
    this.pending.clear();
  }

  saveState(): ServiceTimersState {
    return { pending: [...this.pending], nextToken: this.nextToken };
  }

  loadState(state: ServiceTimersState): void {
    this.pending.clear();
    for (const [token, id] of state.pending) this.pending.set(token, id);
    this.nextToken = state.nextToken;
  }

  /** `fn(payload)`, with an exception it throws handed to `onFault`. */
  private guarded<P>(fn: (payload: P) => void, payload: P): void {
    if (!this.onFault) return fn(payload);
    try {
      fn(payload);
    } catch (e) {
      this.onFault(e);
    }
  }
}
