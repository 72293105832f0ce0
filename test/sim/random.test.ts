import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng, firstDivergence } from '../../sim/index.js';

describe('sim/random: named streams derived from one seed', () => {
  it('the same seed and stream name give the same numbers (property over seeds)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string({ minLength: 1, maxLength: 8 }), (seed, name) => {
        const a = Rng.fromSeed(seed).stream(name);
        const b = Rng.fromSeed(seed).stream(name);
        for (let i = 0; i < 20; i++) expect(a.next()).toBe(b.next());
      }),
    );
  });

  it('adding a consumer of another stream never shifts a stream\'s numbers', () => {
    const alone = Rng.fromSeed(7);
    const crowded = Rng.fromSeed(7);
    const other = crowded.stream('dns');
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 50; i++) {
      xs.push(alone.stream('net').next());
      other.next();
      other.next();
      ys.push(crowded.stream('net').next());
    }
    expect(ys).toEqual(xs);
  });

  it('different seeds give different sequences', () => {
    const seqs = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const s = Rng.fromSeed(seed).stream('net');
      seqs.add([s.next(), s.next(), s.next()].join(','));
    }
    expect(seqs.size).toBe(200);
  });

  it('helpers stay in their ranges (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), (seed, lo, span) => {
        const s = Rng.fromSeed(seed).stream('x');
        for (let i = 0; i < 30; i++) {
          const n = s.int(lo, lo + span);
          expect(n).toBeGreaterThanOrEqual(lo);
          expect(n).toBeLessThanOrEqual(lo + span);
          const j = s.jitterMs(span);
          expect(Math.abs(j)).toBeLessThanOrEqual(span);
          expect(s.exponential(10)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('chance(ratio) converges to the ratio and rejects ratios outside [0, 1]', () => {
    const s = Rng.fromSeed(1).stream('loss');
    let hits = 0;
    for (let i = 0; i < 20_000; i++) if (s.chance(0.3)) hits++;
    expect(hits / 20_000).toBeGreaterThan(0.28);
    expect(hits / 20_000).toBeLessThan(0.32);
    expect(() => s.chance(1.5)).toThrow(/XTW_ERR_SIM_BAD_RATIO/);
  });

  it('the draw recorder finds the first divergence between two runs', () => {
    const run = (extra: boolean) => {
      const r = Rng.fromSeed(3);
      r.record();
      r.stream('a').next();
      if (extra) r.stream('b').next();
      r.stream('a').next();
      return r.draws();
    };
    expect(firstDivergence(run(false), run(false))).toBe(-1);
    expect(firstDivergence(run(false), run(true))).toBe(1);
  });
});
