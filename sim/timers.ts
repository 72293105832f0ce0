/**
 * `{ setTimeout, clearTimeout }` over an EventQueue: the shape xstate's `Clock` expects, given
 * structurally so the kernel does not import xstate (STYLE R3). Peer actors are created with
 * `createActor(machine, { clock: queueTimers(queue) })`, so their delayed transitions run on
 * virtual time.
 */
import type { EventQueue } from './queue.js';

export interface VirtualTimers {
  setTimeout(fn: (...args: any[]) => void, timeoutMs: number): number;
  clearTimeout(id: any): void;
}

export function queueTimers(queue: EventQueue): VirtualTimers {
  return {
    setTimeout: (fn, timeoutMs) => queue.after(Math.max(0, timeoutMs || 0), () => fn()),
    clearTimeout: (id) => {
      if (typeof id === 'number') queue.cancel(id);
    },
  };
}
