// Timing perturbations: every plain wait scaled, shorter or longer than the runbook wrote it.
import fc from 'fast-check';

/** Scales that shrink towards 1 (the runbook as written). */
export function waitScale(): fc.Arbitrary<number> {
  return fc.constantFrom(1, 0.5, 0.8, 1.5, 2);
}
