/**
 * Installing and removing rules: validate the options fully, build the rule, append it (install
 * order is evaluation order), trace `net.rule.add`; a handle's `remove()` takes it out again and
 * traces `net.rule.remove`. Blocking rules change which paths are usable, so live connections are
 * told; removing a hold rule releases what it held, in the order it arrived.
 */
import { SimError } from '../errors.js';
import type { Json } from '../json.js';
import type { NetContext } from './fabric.js';
import type { Packet } from './packet.js';
import type { PacketCodec } from './packetCodec.js';
import { partitionRule, ruleName, selectorOf, type PartitionOptions } from './partition.js';
import {
  BLOCK, HOLD, Rule, checkMs, checkRatio, decideWith,
  type DuplicateOptions, type HoldHandle, type LatencyOptions, type LossOptions, type PathSelector,
  type ReorderOptions, type RuleHandle, type RuleInfo, type Verdict,
} from './rules.js';

interface SavedRule {
  id: number;
  name: string;
  kind: string;
  from: string[] | null;
  to: string[] | null;
  bidirectional: boolean;
  blocking: boolean;
  params: Record<string, number | boolean>;
  held: Json[];
}

/** The rules in install order, with what hold rules keep (issue #15). */
export interface RulesSave {
  nextId: number;
  rules: SavedRule[];
}

/** @internal */
export class RuleBook {
  private nextId = 0;

  constructor(
    private readonly ctx: NetContext,
    /** tell live connections that paths may have changed */
    private readonly onPathsChanged: () => void,
    /** send a released packet on */
    private readonly resume: (p: Packet) => void,
  ) {}

  latency(o: LatencyOptions): RuleHandle {
    const params: Record<string, number | boolean> = { latencyMsMean: checkMs(o?.latencyMsMean), latencyMsJitter: checkMs(o.latencyMsJitter ?? 0) };
    // Only when set: rules without it keep the trace they always had.
    if (o.replacesBase) params.replacesBase = true;
    return this.install(o, 'latency', params, decideWith.latency(this.ctx.chance, o));
  }

  loss(o: LossOptions): RuleHandle {
    const params = { lossRatio: checkRatio(o?.lossRatio) };
    return this.install(o, 'loss', params, decideWith.loss(this.ctx.chance, o));
  }

  duplicate(o: DuplicateOptions): RuleHandle {
    const params = { duplicateRatio: checkRatio(o?.duplicateRatio) };
    return this.install(o, 'duplicate', params, decideWith.duplicate(this.ctx.chance, o));
  }

  reorder(o: ReorderOptions): RuleHandle {
    const params = { reorderRatio: checkRatio(o?.reorderRatio), reorderDelayMs: checkMs(o.reorderDelayMs) };
    return this.install(o, 'reorder', params, decideWith.reorder(this.ctx.chance, o));
  }

  hold(o: PathSelector = {}): HoldHandle {
    const handle = this.install(o, 'hold', {}, () => HOLD);
    return { ...handle, release: handle.remove };
  }

  partition(groupA: readonly string[], groupB: readonly string[], options: PartitionOptions = {}): RuleHandle {
    const rule = partitionRule(this.ctx.hosts, this.nextId + 1, groupA, groupB, options);
    this.nextId++;
    return this.add(rule);
  }

  /** Remove every partition. */
  heal(): void {
    for (const rule of this.ctx.rules.filter((r) => r.kind === 'partition')) this.remove(rule);
  }

  /** Remove every rule. */
  clear(): void {
    for (const rule of [...this.ctx.rules]) this.remove(rule);
  }

  list(): RuleInfo[] {
    return this.ctx.rules.map((r) => r.info());
  }

  /** The handle of an installed rule (a restored world's owners find their rules again by id). */
  handleOf(id: number): RuleHandle | undefined {
    const rule = this.ctx.rules.find((r) => r.id === id);
    return rule ? this.handle(rule) : undefined;
  }

  /** Packets held by rules, oldest rule first. */
  held(): Packet[] {
    return this.ctx.rules.flatMap((r) => r.held);
  }

  save(codec: PacketCodec): RulesSave {
    return {
      nextId: this.nextId,
      rules: this.ctx.rules.map((r) => ({
        id: r.id, name: r.name, kind: r.kind, from: r.from ? [...r.from] : null, to: r.to ? [...r.to] : null,
        bidirectional: r.bidirectional, blocking: r.blocking, params: { ...r.params }, held: r.held.map((p) => codec.save(p)),
      })),
    };
  }

  /** Replace every rule with saved ones; their verdicts are rebuilt from kind and params (no trace events). */
  load(saved: RulesSave, codec: PacketCodec): void {
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.rules)) {
      throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'the network rules', why: 'not a saved rule book' });
    }
    const rules = saved.rules.map((s) => {
      const rule = new Rule(s.id, s.name, s.kind, s.from ? new Set(s.from) : undefined, s.to ? new Set(s.to) : undefined,
        s.bidirectional, s.blocking, Object.freeze({ ...s.params }), this.verdictOf(s));
      return { rule, held: s.held };
    });
    this.ctx.rules.length = 0;
    for (const { rule, held } of rules) {
      this.ctx.rules.push(rule);
      rule.held.push(...held.map((p) => codec.load(p)));
    }
    this.nextId = saved.nextId;
  }

  private verdictOf(s: SavedRule): (p: Packet) => Verdict {
    const chance = this.ctx.chance;
    const o = s.params as never;
    switch (s.kind) {
      case 'latency': return decideWith.latency(chance, o);
      case 'loss': return decideWith.loss(chance, o);
      case 'duplicate': return decideWith.duplicate(chance, o);
      case 'reorder': return decideWith.reorder(chance, o);
      case 'hold': return () => HOLD;
      case 'partition': return () => BLOCK;
    }
    throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: `rule ${s.name}`, why: `unknown kind ${s.kind}` });
  }

  private install(o: PathSelector, kind: string, params: Record<string, number | boolean>,
    decide: (p: Packet) => Verdict): RuleHandle {
    const selector = selectorOf(this.ctx.hosts, o);
    const name = ruleName(o.name, kind, this.nextId + 1);
    const rule = new Rule(++this.nextId, name, kind, selector.from, selector.to, selector.bidirectional, false, params, decide);
    return this.add(rule);
  }

  private add(rule: Rule): RuleHandle {
    this.ctx.rules.push(rule);
    const { id, name, kind, from, to, bidirectional, params } = rule;
    this.ctx.trace.emit('net', 'net.rule.add', { id, name, kind, from, to, bidirectional, ...params });
    if (rule.blocking) this.onPathsChanged();
    return this.handle(rule);
  }

  private handle(rule: Rule): RuleHandle {
    return { id: rule.id, name: rule.name, remove: () => void this.remove(rule) };
  }

  private remove(rule: Rule): boolean {
    const i = this.ctx.rules.indexOf(rule);
    if (i < 0) return false;
    this.ctx.rules.splice(i, 1);
    this.ctx.trace.emit('net', 'net.rule.remove', { id: rule.id, name: rule.name, kind: rule.kind });
    if (rule.blocking) this.onPathsChanged();
    for (const p of rule.held.splice(0)) this.resume(p);
    return true;
  }
}
