import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue, Trace, canonicalJson } from '../../sim/index.js';

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
});
