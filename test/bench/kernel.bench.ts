// kernel.events_per_s: schedule-and-fire throughput of the event queue with 100k events pending.
import { EventQueue } from '../../sim/index.js';
import type { Figure } from './figure.js';

export function benchKernel(): Figure[] {
  const q = new EventQueue();
  const PENDING = 100_000;
  let fired = 0;
  // Each fired event schedules one more, so the queue holds 100k pending events throughout.
  const reschedule = (delay: number): void => {
    fired++;
    q.after(delay, reschedule, delay);
  };
  for (let i = 0; i < PENDING; i++) q.after(1 + (i % 997), reschedule, 1 + ((i * 7919) % 997));
  q.runUntil(2_000); // warm-up
  const start = performance.now();
  const before = fired;
  let elapsed = 0;
  while (elapsed < 1_500) {
    q.advance(2_000);
    elapsed = performance.now() - start;
  }
  const perS = ((fired - before) / elapsed) * 1000;
  return [{ name: 'kernel.events_per_s', value: Math.round(perS), unit: 'events/s' }];
}
