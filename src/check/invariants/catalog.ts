/**
 * The invariant catalog (STYLE R11): every property `xtwin check` can hold a runbook to, with a
 * one-line description. A runbook names the ones that apply (`invariants:`), or gets them all.
 * Same seed ⇒ same trace is checked by the campaign itself (it re-runs cases), not here.
 */
import { alarmsFollow } from './alarmsFollow.js';
import { alarmsHeld } from './alarmsHeld.js';
import { capacityRule } from './capacityRule.js';
import { converges } from './converges.js';
import { enforcingLinks } from './enforcingLinks.js';
import { NO_MODEL_FAULT } from './noModelFault.js';
import { noResetWithoutTrigger } from './noResetWithoutTrigger.js';
import { noUnplannedReset } from './noUnplannedReset.js';
import { primaryConfigKept } from './primaryConfigKept.js';
import { resetKeepsDocumented } from './resetKeepsDocumented.js';
import { singlePrimary } from './singlePrimary.js';
import type { Invariant } from './types.js';

export const INVARIANTS: readonly Invariant[] = [
  converges, noResetWithoutTrigger, resetKeepsDocumented, enforcingLinks, alarmsFollow, alarmsHeld,
  singlePrimary, capacityRule, noUnplannedReset, primaryConfigKept, NO_MODEL_FAULT,
];

/** The meta-invariant the campaign checks by running a case twice. */
export const SAME_TRACE = { name: 'same-seed-same-trace', class: 'safety', description: 'the same seed and fault schedule give the same trace hash' } as const;

export function invariantNames(): string[] {
  return [...INVARIANTS.map((i) => i.name), SAME_TRACE.name];
}

export type { Invariant, CheckedRun, InvariantVerdict, InvariantClass } from './types.js';
