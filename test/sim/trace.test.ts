import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue, Trace, canonicalJson, type TraceEvent } from '../../sim/index.js';

describe('sim/trace: a journal with a stable hash', () => {
  it('the hash depends on content, not on object key order', () => {
    const q = new EventQueue();
    const a = new Trace(q);
    const b = new Trace(q);
    a.emit('p1', 'alarm.raise', { id: '20004', peer: 'p1' });
    b.emit('p1', 'alarm.raise', { peer: 'p1', id: '20004' });
    expect(a.hash()).toBe(b.hash());
    b.emit('p1', 'x');
    expect(a.hash()).not.toBe(b.hash());
  });

  it('different event sequences give different hashes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (xs, ys) => {
        fc.pre(JSON.stringify(xs) !== JSON.stringify(ys));
        const q = new EventQueue();
        const a = new Trace(q);
        const b = new Trace(q);
        xs.forEach((x) => a.emit('s', 'k', { x }));
        ys.forEach((y) => b.emit('s', 'k', { y: undefined, x: y }));
        expect(a.hash()).not.toBe(b.hash());
      }),
    );
  });

  it('events carry virtual time and sequence, and export as JSON lines', () => {
    const q = new EventQueue();
    const t = new Trace(q);
    q.at(1500, () => t.emit('net', 'net.drop', { reason: 'partition' }));
    q.runUntilIdle();
    const lines = t.toJsonLines().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ atMs: 1500, seq: 1, source: 'net', kind: 'net.drop', data: { reason: 'partition' } });
  });

  it('kinds left out are neither stored nor hashed; maxKept bounds memory but not the hash', () => {
    const q = new EventQueue();
    const t = new Trace(q, { record: (k) => !k.startsWith('net.'), maxKept: 2 });
    const plain = new Trace(q);
    for (let i = 0; i < 5; i++) {
      t.emit('s', 'net.deliver', { i });
      t.emit('s', 'log', { i });
      plain.emit('s', 'log', { i });
    }
    expect(t.all().map((e) => e.data.i)).toEqual([3, 4]);
    expect(t.dropped).toBe(3);
    expect(t.hash()).toBe(plain.hash());
  });

  it('canonicalJson sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 0 } })).toBe('{"a":{"c":0,"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('property: stored events, listeners, JSON lines and hash match a plain list, across chunk boundaries, maxKept and shared frozen data', () => {
    const SHARED = [Object.freeze({ id: '20004' }), Object.freeze({ state: 'running' })];
    const emission = fc.record({
      dt: fc.integer({ min: 0, max: 3 }),
      source: fc.constantFrom('expc01', 'expc02', 'net'),
      kind: fc.constantFrom('alarm.raise', 'peer.state', 'x'),
      data: fc.oneof(fc.constantFrom(...SHARED), fc.record({ n: fc.integer() }), fc.constant(undefined)),
    });
    // Long runs (past the 1,024-event chunks) from a short random pattern, repeated.
    const emissions = fc.tuple(fc.array(emission, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 2_600 }))
      .map(([pattern, n]) => Array.from({ length: n }, (_, i) => pattern[i % pattern.length]!));
    fc.assert(fc.property(emissions, fc.option(fc.integer({ min: 1, max: 1_500 }), { nil: undefined }), (emissions, maxKept) => {
      const clock = { nowMs: 0 };
      const t = new Trace(clock, maxKept === undefined ? {} : { maxKept });
      const heard: TraceEvent[] = [];
      t.subscribe((e) => heard.push(e));
      const expected: TraceEvent[] = [];
      emissions.forEach((e, i) => {
        clock.nowMs += e.dt;
        if (e.data === undefined) t.emit(e.source, e.kind);
        else t.emit(e.source, e.kind, e.data);
        expected.push({ atMs: clock.nowMs, seq: i + 1, source: e.source, kind: e.kind, data: e.data ?? {} });
      });
      const kept = maxKept === undefined ? expected : expected.slice(Math.max(0, expected.length - maxKept));
      expect(t.all()).toEqual(kept);
      expect(heard).toEqual(expected);
      expect(t.count).toBe(expected.length);
      expect(t.dropped).toBe(expected.length - kept.length);
      expect(t.toJsonLines()).toBe(kept.map((e) => `${canonicalJson(e)}\n`).join(''));
      // The hash covers every event ever recorded, kept or dropped, shared data or not.
      const unshared = new Trace(clock);
      for (const e of expected) {
        clock.nowMs = e.atMs;
        unshared.emit(e.source, e.kind, { ...e.data });
      }
      expect(t.hash()).toBe(unshared.hash());
    }), { numRuns: 25 });
  });
});
