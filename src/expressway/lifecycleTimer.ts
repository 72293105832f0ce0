/**
 * The end of the lifecycle's timed states (booting, restarting, rebooting, factory resetting,
 * LIFECYCLE_DURATIONS_MS) as one pending queue entry the peer owns, instead of a delay hidden in
 * xstate: the entry is data a checkpoint saves (issue #15). It is started once the machine has
 * settled after an event — where xstate ran its deferred delayed-event scheduling — so the queue's
 * order of ties is what it was when xstate held the timer. Leaving the state cancels it.
 */
import type { EventId } from '../../sim/index.js';
import { LIFECYCLE_DURATIONS_MS, type LifecycleState } from './machine.js';

export interface LifecycleTimerState {
  /** states entered so far (a timer belongs to one entry: re-entering the same state starts it again) */
  readonly entries: number;
  readonly pending: { readonly id: EventId; readonly entry: number } | null;
}

export class LifecycleTimer {
  private entries = 0;
  private pending: { id: EventId; entry: number } | undefined;

  constructor(
    private readonly start: (delayMs: number) => EventId,
    private readonly cancel: (id: EventId) => void,
  ) {}

  /** The machine entered a state (called from its entry hook). */
  entered(): void {
    this.entries++;
  }

  /** The machine settled in `state`: keep the timer of this entry, or cancel a stale one and start the state's own. */
  follow(state: LifecycleState): void {
    const duration = LIFECYCLE_DURATIONS_MS[state];
    if (this.pending && (duration === undefined || this.pending.entry !== this.entries)) {
      this.cancel(this.pending.id);
      this.pending = undefined;
    }
    if (duration !== undefined && !this.pending) this.pending = { id: this.start(duration), entry: this.entries };
  }

  /** The timer fired (the peer sends TIMER next). */
  fired(): void {
    this.pending = undefined;
  }

  save(): LifecycleTimerState {
    return { entries: this.entries, pending: this.pending ? { ...this.pending } : null };
  }

  load(state: LifecycleTimerState): void {
    this.entries = state.entries;
    this.pending = state.pending ? { ...state.pending } : undefined;
  }
}
