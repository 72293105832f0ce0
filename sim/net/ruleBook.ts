/**
 * Installing and removing rules: validate the options fully, build the rule, append it (install
 * order is evaluation order), trace `net.rule.add`; a handle's `remove()` takes it out again and
 * traces `net.rule.remove`. Blocking rules change which paths are usable, so live connections are
 * told; removing a hold rule releases what it held, in the order it arrived.
 */
import type { NetContext } from './fabric.js';
import type { Packet } from './packet.js';
import { partitionRule, ruleName, selectorOf, type PartitionOptions } from './partition.js';
import {
  HOLD, Rule, checkMs, checkRatio, decideWith,
  type DuplicateOptions, type HoldHandle, type LatencyOptions, type LossOptions, type PathSelector,
  type ReorderOptions, type RuleHandle, type RuleInfo, type Verdict,
} from './rules.js';

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
    return { id, name, remove: () => void this.remove(rule) };
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
