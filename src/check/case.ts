/**
 * One property-check case: a fault schedule, a timing perturbation and an order of independent
 * steps — plain data, so it crosses to worker threads, prints as a readable timeline and turns back
 * into a runbook that replays it.
 */
import { formatVirtualTime } from '../twin.js';
import { describeFault, type FaultSpec } from '../operator/index.js';
import type { TimedFault } from '../runbook/schema.js';

export interface ScheduledFault {
  readonly atMs: number;
  readonly durationMs: number;
  readonly fault: FaultSpec;
}

export interface CheckCase {
  readonly faults: readonly ScheduledFault[];
  /** every plain `wait` is scaled by this (waits shorter or longer than written) */
  readonly waitScale: number;
  /** swap step i with step i+1 for each i listed (only where both are marked independent) */
  readonly swaps: readonly number[];
  /** extra subordinates appended to the cluster (within the runbook's `check.extraPeers`) */
  readonly extraPeers?: number;
  /** the network's base one-way latency (within the runbook's `check.latencyMs`) */
  readonly latencyMs?: number;
  /**
   * the order the cluster's peers are listed in (the runbook's `check.reorderPeers`), as a Lehmer
   * code: entry i picks among the peers not yet placed, so all zeros is the runbook's own order
   */
  readonly peerOrder?: readonly number[];
}

export const NO_FAULTS: CheckCase = { faults: [], waitScale: 1, swaps: [] };

export function timedFaults(c: CheckCase): TimedFault[] {
  return c.faults.map((f) => ({ at: `${f.atMs}ms`, fault: f.fault, heal: `${f.atMs + f.durationMs}ms` }));
}

/** The case as an operator reads it: one line per fault, in time order. */
export function describeCase(c: CheckCase): string[] {
  const lines = [...c.faults]
    .sort((a, b) => a.atMs - b.atMs)
    .map((f) => `${formatVirtualTime(f.atMs)}  ${describeFault(f.fault)} for ${Math.round(f.durationMs / 1000)} s`);
  if (c.waitScale !== 1) lines.push(`waits scaled ×${c.waitScale}`);
  if (c.extraPeers) lines.push(`${c.extraPeers} extra subordinate(s) in the cluster`);
  if (c.latencyMs !== undefined) lines.push(`base latency ${c.latencyMs} ms one way`);
  if (c.peerOrder?.some((n) => n > 0)) lines.push(`cluster peers listed in another order (code ${c.peerOrder.join(' ')})`);
  if (c.swaps.length) lines.push(`independent steps swapped after: ${c.swaps.map((i) => `#${i + 1}`).join(', ')}`);
  return lines.length ? lines : ['(no faults)'];
}
