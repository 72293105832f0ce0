// Step order: adjacent steps both marked `independent: true` may be swapped. Peer order: the
// cluster's Peer N list in any order (`check.reorderPeers`).
import fc from 'fast-check';
import type { Step } from '../../runbook/schema.js';

/** Indexes i where steps i and i+1 are both independent. */
export function swappable(steps: readonly Step[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < steps.length; i++) if (steps[i]!.independent && steps[i + 1]!.independent) out.push(i);
  return out;
}

export function swaps(steps: readonly Step[]): fc.Arbitrary<number[]> {
  const candidates = swappable(steps);
  return candidates.length ? fc.subarray(candidates) : fc.constant([]);
}

export function applySwaps(steps: readonly Step[], swapsAt: readonly number[]): Step[] {
  const out = [...steps];
  for (const i of swapsAt) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
  return out;
}

/**
 * A permutation of up to `n` items as a Lehmer code (entry i in 0..n-1-i): every order is reachable,
 * and fast-check shrinks each entry towards 0, i.e. towards the runbook's own order.
 */
export function lehmerCode(n: number): fc.Arbitrary<number[]> {
  return fc.tuple(...Array.from({ length: Math.max(0, n - 1) }, (_, i) => fc.nat({ max: n - 1 - i })));
}
