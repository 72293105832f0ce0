/**
 * Partitions as rules (STYLE R10, TigerBeetle's link filters): a partition is a blocking rule
 * between two groups of hosts or addresses, symmetric by default, one-way (A → B only) on request.
 * Also owns selector building, shared by every rule: entries are host names (which must exist, so
 * a typo is an error rather than a partition that blocks nothing) or addresses (canonicalised).
 */
import { SimError } from '../errors.js';
import { isIpAddress, parseAddress } from './address.js';
import type { HostTable } from './host.js';
import { BLOCK, Rule, type PathSelector } from './rules.js';

export interface PartitionOptions {
  /** block A → B only; B → A still passes (default: both directions) */
  oneWay?: boolean;
  /** the rule's name in the trace (default `partition-<id>`) */
  name?: string;
}

/** @internal A validated selector: a set of host names and canonical addresses; undefined = any. */
export function buildSelector(
  hosts: HostTable,
  entries: string | readonly string[] | undefined,
  where: string,
): Set<string> | undefined {
  if (entries === undefined) return undefined;
  const list = typeof entries === 'string' ? [entries] : entries;
  if (!Array.isArray(list) || list.length === 0) {
    throw new SimError('XTW_ERR_SIM_BAD_RULE', { value: `${where} must be a host, an address or a non-empty list of them` });
  }
  const out = new Set<string>();
  for (const entry of list as unknown[]) {
    if (isIpAddress(entry)) out.add(parseAddress(entry).text);
    else out.add(hosts.get(entry).name);
  }
  return out;
}

/** @internal Validates two disjoint, non-empty groups and builds the blocking rule. */
export function partitionRule(
  hosts: HostTable,
  id: number,
  groupA: readonly string[],
  groupB: readonly string[],
  options: PartitionOptions = {},
): Rule {
  if (!Array.isArray(groupA) || !Array.isArray(groupB) || groupA.length === 0 || groupB.length === 0) {
    throw new SimError('XTW_ERR_SIM_BAD_RULE', { value: 'a partition needs two non-empty groups' });
  }
  const a = buildSelector(hosts, groupA, 'group A')!;
  const b = buildSelector(hosts, groupB, 'group B')!;
  for (const entry of a) {
    if (b.has(entry)) throw new SimError('XTW_ERR_SIM_BAD_RULE', { value: `${entry} is in both groups of a partition` });
  }
  const oneWay = options.oneWay === true;
  const name = ruleName(options.name, 'partition', id);
  return new Rule(id, name, 'partition', a, b, !oneWay, true, { oneWay }, () => BLOCK);
}

/** @internal The rule's name: the caller's, checked, or `<kind>-<id>`. */
export function ruleName(name: unknown, kind: string, id: number): string {
  if (name === undefined) return `${kind}-${id}`;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.:>-]{1,64}$/.test(name)) {
    throw new SimError('XTW_ERR_SIM_BAD_NAME', { what: 'rule', value: name });
  }
  return name;
}

/** @internal The selector half of the options of every non-partition rule. */
export function selectorOf(hosts: HostTable, o: PathSelector): {
  from: Set<string> | undefined;
  to: Set<string> | undefined;
  bidirectional: boolean;
} {
  if (o === null || typeof o !== 'object') throw new SimError('XTW_ERR_SIM_BAD_RULE', { value: o });
  return {
    from: buildSelector(hosts, o.from, 'from'),
    to: buildSelector(hosts, o.to, 'to'),
    bidirectional: o.bidirectional === true,
  };
}
