/**
 * Seeded chance (STYLE R4). One seed per run; each consumer draws from a named stream derived from
 * (seed, name) with seedrandom's alea, so adding a consumer never shifts another's numbers.
 * Components draw through small named helpers (`chance`, `jitterMs` …) rather than raw floats.
 * A debug recorder can log every (stream, value) draw to find the first divergence between runs.
 * Each stream keeps its generator state readable, so a checkpoint saves every stream's position and
 * a restored world draws the very numbers the original would have drawn next (issue #15).
 */
import seedrandom from 'seedrandom';
import { SimError } from './errors.js';

/** A stream's generator position: alea's three fractions and carry (plain numbers, exact in JSON). */
export type StreamState = { c: number; s0: number; s1: number; s2: number };
/** Every stream created so far, by name; streams not listed start from the seed as usual. */
export type RngSave = { streams: Record<string, StreamState> };
type Prng = (() => number) & { state(): StreamState };

export type Seed = number | string;

/** One recorded draw, for divergence hunting. */
export interface Draw {
  stream: string;
  value: number;
}

export class Rng {
  private readonly streams = new Map<string, RandomStream>();
  private recording: Draw[] | undefined;

  private constructor(readonly seed: Seed) {}

  static fromSeed(seed: Seed): Rng {
    return new Rng(seed);
  }

  /** The named stream; the same name always returns the same stream object. */
  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new RandomStream(name, seedrandom.alea(`${this.seed}/${name}`, { state: true }) as unknown as Prng, () => this.recording);
      this.streams.set(name, s);
    }
    return s;
  }

  /** Start recording every draw from every stream (debug mode). */
  record(): void {
    this.recording = [];
  }

  /** Every stream's position, by name (in creation order). */
  save(): RngSave {
    const streams: Record<string, StreamState> = {};
    for (const [name, s] of this.streams) streams[name] = s.state();
    return { streams };
  }

  /** Put each saved stream at its saved position (creating it if this world has not yet). */
  load(saved: RngSave): void {
    if (saved === null || typeof saved !== 'object' || saved.streams === null || typeof saved.streams !== 'object') {
      throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'the random streams', why: 'not a saved Rng' });
    }
    for (const [name, state] of Object.entries(saved.streams)) this.stream(name).restore(state);
  }

  /** The draws recorded so far. */
  draws(): readonly Draw[] {
    return this.recording ?? [];
  }
}

/** Index of the first draw at which two recordings differ (stream or value), or -1 if none. */
export function firstDivergence(a: readonly Draw[], b: readonly Draw[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i]!.stream !== b[i]!.stream || a[i]!.value !== b[i]!.value) return i;
  }
  return a.length === b.length ? -1 : n;
}

export class RandomStream {
  constructor(
    readonly name: string,
    private prng: Prng,
    /** the recording in progress, if any: no allocation per draw when not recording */
    private readonly recording: () => Draw[] | undefined,
  ) {}

  /** @internal The generator's position (a copy). */
  state(): StreamState {
    const { c, s0, s1, s2 } = this.prng.state();
    return { c, s0, s1, s2 };
  }

  /** @internal Continue from a saved position. */
  restore(state: StreamState): void {
    const ok = state !== null && typeof state === 'object' && [state.c, state.s0, state.s1, state.s2].every((n) => Number.isFinite(n));
    if (!ok) throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: `random stream ${this.name}`, why: 'its state is not four numbers' });
    this.prng = seedrandom.alea('', { state: { ...state } } as never) as unknown as Prng;
  }

  /** Uniform in [0, 1). */
  next(): number {
    const value = this.prng();
    this.recording()?.push({ stream: this.name, value });
    return value;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer uniform in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability `ratio`. */
  chance(ratio: number): boolean {
    if (!(ratio >= 0 && ratio <= 1)) throw new SimError('XTW_ERR_SIM_BAD_RATIO', { value: ratio });
    if (ratio === 0) return false;
    if (ratio === 1) return true;
    return this.next() < ratio;
  }

  /** One element of a non-empty array. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new SimError('XTW_ERR_SIM_BAD_RULE', { value: 'choice from an empty list' });
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Normally distributed (Box–Muller). */
  normal(mean: number, sd: number): number {
    const u1 = 1 - this.next();
    const u2 = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** A jitter in [-jitterMs, +jitterMs], uniform. */
  jitterMs(jitterMs: number): number {
    return jitterMs === 0 ? 0 : (this.next() * 2 - 1) * jitterMs;
  }

  /** Shuffle a copy (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}
