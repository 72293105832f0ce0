/**
 * Faults as rules with verdicts (STYLE R10, after turmoil). Every packet passes the installed rules
 * in install order; each matching rule returns a verdict: a delay (0 = pass; delays add up), drop
 * (random loss), block (a partition: the path is unusable), duplicate (one extra copy) or hold.
 * A verdict is a number, not an object, so deciding allocates nothing. Every draw goes through one
 * named helper of `NetChance` on the `net` stream. Partitions are in partition.ts.
 */
import { SimError } from '../errors.js';
import type { RandomStream } from '../random.js';
import type { Packet, PacketView } from './packet.js';

/** A rule's decision: ≥ 0 is "pass after this many extra ms"; the negative values are below. */
export type Verdict = number;
/** Pass with no extra delay. */
export const PASS: Verdict = 0;
/** Lost: a datagram is gone; a connection segment is retransmitted after a delay. */
export const DROP: Verdict = -1;
/** Blocked path: nothing crosses; an open connection across it resets after a while. */
export const BLOCK: Verdict = -2;
/** Deliver one extra copy, then keep evaluating. */
export const DUPLICATE: Verdict = -3;
/** Keep the packet until the rule is released. */
export const HOLD: Verdict = -4;

/** Which packets a rule applies to: host names or addresses on each side (omitted = any). */
export interface PathSelector {
  from?: string | readonly string[];
  to?: string | readonly string[];
  /** also apply to packets going from `to` to `from` */
  bidirectional?: boolean;
  /** the rule's name in the trace (default `<kind>-<id>`) */
  name?: string;
}

export interface LatencyOptions extends PathSelector {
  latencyMsMean: number;
  /** uniform ± around the mean; the added delay never goes below 0 */
  latencyMsJitter?: number;
  /**
   * The rule's delay takes the place of the base latency (a path with its own one-way delay)
   * instead of adding to it. Among several matching such rules the last installed wins; rules
   * without it still add on top.
   */
  replacesBase?: boolean;
}
export interface LossOptions extends PathSelector {
  lossRatio: number;
}
export interface DuplicateOptions extends PathSelector {
  duplicateRatio: number;
}
export interface ReorderOptions extends PathSelector {
  /** share of packets held back by `reorderDelayMs`, so later ones overtake them */
  reorderRatio: number;
  reorderDelayMs: number;
}

/** Installing a rule returns its handle; `remove()` heals (idempotent). */
export interface RuleHandle {
  readonly id: number;
  readonly name: string;
  remove(): void;
}

/** A hold rule's handle: `release()` (same as `remove()`) sends every held packet on. */
export interface HoldHandle extends RuleHandle {
  release(): void;
}

/** A rule as listed by `Network.rules()`. */
export interface RuleInfo {
  readonly id: number;
  readonly name: string;
  readonly kind: string;
  readonly from: readonly string[] | undefined;
  readonly to: readonly string[] | undefined;
  readonly bidirectional: boolean;
  readonly params: Readonly<Record<string, number | boolean>>;
}

/** @internal Named chance for the network: every random decision on the `net` stream goes through here. */
export class NetChance {
  constructor(private readonly stream: RandomStream) {}
  shouldDrop(lossRatio: number): boolean {
    return lossRatio > 0 && this.stream.chance(lossRatio);
  }
  shouldDuplicate(duplicateRatio: number): boolean {
    return duplicateRatio > 0 && this.stream.chance(duplicateRatio);
  }
  shouldReorder(reorderRatio: number): boolean {
    return reorderRatio > 0 && this.stream.chance(reorderRatio);
  }
  /** A delay of mean ± jitter (uniform), never below 0. */
  latencyMs(latencyMsMean: number, latencyMsJitter: number): number {
    const d = latencyMsJitter > 0 ? latencyMsMean + this.stream.jitterMs(latencyMsJitter) : latencyMsMean;
    return d > 0 ? d : 0;
  }
}

/** @internal An installed rule. */
export class Rule implements RuleInfo {
  /** packets kept by a hold rule, in arrival order */
  readonly held: Packet[] = [];
  constructor(
    readonly id: number,
    readonly name: string,
    readonly kind: string,
    readonly fromSet: ReadonlySet<string> | undefined,
    readonly toSet: ReadonlySet<string> | undefined,
    readonly bidirectional: boolean,
    /** only ever blocks: connections consult these rules to know whether their path is usable */
    readonly blocking: boolean,
    readonly params: Readonly<Record<string, number | boolean>>,
    readonly decide: (p: Packet) => Verdict,
  ) {}

  get from(): readonly string[] | undefined {
    return this.fromSet ? [...this.fromSet] : undefined;
  }
  get to(): readonly string[] | undefined {
    return this.toSet ? [...this.toSet] : undefined;
  }

  matches(p: PacketView): boolean {
    const f = this.fromSet;
    const t = this.toSet;
    if ((f === undefined || matchesSrc(f, p)) && (t === undefined || matchesDst(t, p))) return true;
    return this.bidirectional && (t === undefined || matchesSrc(t, p)) && (f === undefined || matchesDst(f, p));
  }

  info(): RuleInfo {
    const { id, name, kind, from, to, bidirectional, params } = this;
    return { id, name, kind, from, to, bidirectional, params };
  }
}

function matchesSrc(set: ReadonlySet<string>, p: PacketView): boolean {
  return set.has(p.srcHost) || set.has(p.srcAddressInside) || set.has(p.src.address);
}

function matchesDst(set: ReadonlySet<string>, p: PacketView): boolean {
  return set.has(p.dstHost) || set.has(p.dstAddressSent) || set.has(p.dst.address);
}

/** @internal The verdict functions of the built-in rules, given validated options. */
export const decideWith = {
  latency(chance: NetChance, o: LatencyOptions): (p: Packet) => Verdict {
    const mean = o.latencyMsMean;
    const jitter = o.latencyMsJitter ?? 0;
    return () => chance.latencyMs(mean, jitter);
  },
  loss(chance: NetChance, o: LossOptions): (p: Packet) => Verdict {
    const ratio = o.lossRatio;
    return () => (chance.shouldDrop(ratio) ? DROP : PASS);
  },
  duplicate(chance: NetChance, o: DuplicateOptions): (p: Packet) => Verdict {
    const ratio = o.duplicateRatio;
    return () => (chance.shouldDuplicate(ratio) ? DUPLICATE : PASS);
  },
  reorder(chance: NetChance, o: ReorderOptions): (p: Packet) => Verdict {
    const ratio = o.reorderRatio;
    const delayMs = o.reorderDelayMs;
    return () => (chance.shouldReorder(ratio) ? delayMs : PASS);
  },
};

/** @internal Throws unless `value` is a finite number ≥ 0 of milliseconds. */
export function checkMs(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new SimError('XTW_ERR_SIM_BAD_DELAY', { value });
  }
  return value;
}

/** @internal Throws unless `value` is a ratio in [0, 1]. */
export function checkRatio(value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new SimError('XTW_ERR_SIM_BAD_RATIO', { value });
  return value;
}
