// Pending events as data (issue #15): named handlers, series, save → JSON → load into a fresh
// queue with the same registrations, and the same future, ties included.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue, SimError } from '../../sim/index.js';

/** A world of one queue and three handlers that log what fires and schedule more as they go. */
function world() {
  const q = new EventQueue();
  const log: string[] = [];
  const ping = q.handler<{ n: number }>('test.ping', (p) => {
    log.push(`${q.nowMs}:ping${p.n}`);
    if (p.n % 3 === 0) echo.after(p.n % 7, [p.n, 'x']);
  });
  const echo = q.handler<[number, string]>('test.echo', (p) => log.push(`${q.nowMs}:echo${p.join('')}`));
  const tick = q.handler<string>('test.tick', (label) => log.push(`${q.nowMs}:${label}`));
  return { q, log, ping, echo, tick };
}

type Op = { kind: 'ping'; delay: number; n: number } | { kind: 'series'; period: number; label: string } | { kind: 'cancel'; index: number } | { kind: 'run'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('ping' as const), delay: fc.integer({ min: 0, max: 40 }), n: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('series' as const), period: fc.integer({ min: 1, max: 25 }), label: fc.constantFrom('a', 'b', 'c') }),
  fc.record({ kind: fc.constant('cancel' as const), index: fc.nat(20) }),
  fc.record({ kind: fc.constant('run' as const), ms: fc.integer({ min: 0, max: 30 }) }),
);

function apply(w: ReturnType<typeof world>, ops: readonly Op[], ids: number[]): void {
  for (const o of ops) {
    if (o.kind === 'ping') ids.push(w.ping.after(o.delay, { n: o.n }));
    else if (o.kind === 'series') ids.push(w.tick.every(o.period, o.label));
    else if (o.kind === 'cancel' && ids.length > 0) w.q.cancel(ids[o.index % ids.length]!);
    else if (o.kind === 'run') w.q.advance(o.ms);
  }
}

describe('sim/queue: pending events are data', () => {
  it('a queue saved at any point and loaded into a fresh world has the same future, ties and ids included (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.array(op, { maxLength: 40 }), (before, after) => {
        const a = world();
        const idsA: number[] = [];
        apply(a, before, idsA);
        const saved = JSON.parse(JSON.stringify(a.q.save()));
        const b = world();
        b.q.load(saved);
        const idsB = [...idsA];
        expect(b.q.save()).toEqual(saved);
        const splitAt = a.log.length;
        apply(a, [...after, { kind: 'run', ms: 200 }], idsA);
        apply(b, [...after, { kind: 'run', ms: 200 }], idsB);
        expect(b.log).toEqual(a.log.slice(splitAt));
        expect(idsB).toEqual(idsA);
        expect(b.q.nowMs).toBe(a.q.nowMs);
        expect(b.q.fired).toBe(a.q.fired);
        expect(b.q.save()).toEqual(a.q.save());
      }),
    );
  });

  it('a series keeps its id across a restore, so its owner can still cancel it', () => {
    const a = world();
    const id = a.tick.every(10, 's');
    a.q.advance(25);
    const b = world();
    b.q.load(JSON.parse(JSON.stringify(a.q.save())));
    expect(b.q.cancel(id)).toBe(true);
    b.q.advance(100);
    expect(b.log).toEqual([]);
  });

  it('save names the pending closure that makes a world unsavable', () => {
    const q = new EventQueue();
    q.after(5, function retryLater() {
      return undefined;
    });
    expect(() => q.save()).toThrowError(SimError);
    expect(() => q.save()).toThrowError(/closure.*retryLater/);
    q.runUntilIdle();
    expect(q.save().entries).toEqual([]);
  });

  it('save refuses a payload that does not survive JSON, naming the handler', () => {
    const q = new EventQueue();
    const h = q.handler<unknown>('test.bad', () => undefined);
    h.after(1, { when: new Map() });
    expect(() => q.save()).toThrowError(/test\.bad.*Map instance at when/);
  });

  it('a codec carries objects on the hot path and JSON in the checkpoint', () => {
    class Box {
      constructor(readonly v: number) {}
    }
    const make = () => {
      const q = new EventQueue();
      const got: number[] = [];
      const h = q.handler<Box>('test.box', (b) => got.push(b.v), { save: (b) => b.v, load: (j) => new Box(j as number) });
      return { q, got, h };
    };
    const a = make();
    a.h.after(3, new Box(7));
    const b = make();
    b.q.load(JSON.parse(JSON.stringify(a.q.save())));
    b.q.runUntilIdle();
    expect(b.got).toEqual([7]);
  });

  it('load rejects a checkpoint naming a handler this world does not register, and duplicate names are refused', () => {
    const a = world();
    a.ping.after(1, { n: 1 });
    const q = new EventQueue();
    expect(() => q.load(a.q.save())).toThrowError(/XTW_ERR_SIM_UNKNOWN_HANDLER.*test\.ping/);
    expect(() => a.q.handler('test.ping', () => undefined)).toThrowError(/XTW_ERR_SIM_DUPLICATE_HANDLER/);
    expect(() => q.load({ nowMs: 5, nextSeq: 2, fired: 0, entries: [{ atMs: 1, seq: 1, handler: 'x' }], series: [] })).toThrowError(/XTW_ERR_SIM_BAD_CHECKPOINT/);
  });
});
