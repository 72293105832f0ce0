import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue, SimError } from '../../sim/index.js';

describe('sim/queue: events fire in (time, insertion) order', () => {
  it('fires in time order, ties in insertion order, for any schedule (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (times) => {
        const q = new EventQueue();
        const fired: [number, number][] = [];
        times.forEach((t, i) => q.at(t, () => fired.push([q.nowMs, i])));
        q.runUntilIdle();
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(fired).toEqual(expected);
      }),
    );
  });

  it('never fires a cancelled event, and cancel reports whether it was still pending (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.boolean()), { maxLength: 100 }),
        (plan) => {
          const q = new EventQueue();
          const fired = new Set<number>();
          const ids = plan.map(([t], i) => q.at(t, () => fired.add(i)));
          plan.forEach(([, cancel], i) => {
            if (cancel) expect(q.cancel(ids[i]!)).toBe(true);
          });
          expect(q.pending).toBe(plan.filter(([, c]) => !c).length);
          q.runUntilIdle();
          plan.forEach(([, cancel], i) => expect(fired.has(i)).toBe(!cancel));
          // after firing, cancel is a no-op that says so
          ids.forEach((id) => expect(q.cancel(id)).toBe(false));
        },
      ),
    );
  });

  it('every() drifts by zero even when callbacks schedule other work', () => {
    const q = new EventQueue();
    const at: number[] = [];
    q.every(120_000, () => {
      at.push(q.nowMs);
      q.after(37, () => undefined);
    });
    q.runUntil(120_000 * 50);
    expect(at).toEqual(Array.from({ length: 50 }, (_, i) => (i + 1) * 120_000));
  });

  it('cancelling a series stops it for good', () => {
    const q = new EventQueue();
    let n = 0;
    const id = q.every(10, () => {
      n++;
      if (n === 3) q.cancel(id);
    });
    q.runUntil(1_000);
    expect(n).toBe(3);
    expect(q.pending).toBe(0);
  });

  it('runUntil stops at the deadline and sets the clock to it', () => {
    const q = new EventQueue();
    const seen: number[] = [];
    for (const t of [5, 10, 15]) q.at(t, () => seen.push(t));
    expect(q.runUntil(10)).toBe(2);
    expect(seen).toEqual([5, 10]);
    expect(q.nowMs).toBe(10);
    expect(q.peekTimeMs()).toBe(15);
  });

  it('runUntilTrue stops as soon as the predicate holds', () => {
    const q = new EventQueue();
    let x = 0;
    q.every(100, () => x++);
    expect(q.runUntilTrue(() => x >= 4, 10_000)).toBe(true);
    expect(q.nowMs).toBe(400);
    expect(q.runUntilTrue(() => x >= 1_000, 1_000)).toBe(false);
    expect(q.nowMs).toBe(1_000);
  });

  it('a run loop is bounded: an endless series hits the event limit with a typed error', () => {
    const q = new EventQueue();
    q.every(1, () => undefined);
    expect(() => q.runUntilIdle({ maxEvents: 1_000 })).toThrow(/XTW_ERR_SIM_EVENT_LIMIT/);
  });

  it('rejects negative delays, past times and zero periods with the offending value', () => {
    const q = new EventQueue();
    q.advance(50);
    const cases: [() => unknown, string, unknown][] = [
      [() => q.after(-1, () => 0), 'XTW_ERR_SIM_BAD_DELAY', -1],
      [() => q.after(Number.NaN, () => 0), 'XTW_ERR_SIM_BAD_DELAY', Number.NaN],
      [() => q.at(10, () => 0), 'XTW_ERR_SIM_BAD_TIME', 10],
      [() => q.every(0, () => 0), 'XTW_ERR_SIM_BAD_PERIOD', 0],
    ];
    for (const [call, code, value] of cases) {
      try {
        call();
        expect.fail(`expected ${code}`);
      } catch (e) {
        expect(e).toBeInstanceOf(SimError);
        expect((e as SimError).code).toBe(code);
        expect((e as SimError).value).toEqual(value);
      }
    }
    expect(q.pending).toBe(0);
  });
});
