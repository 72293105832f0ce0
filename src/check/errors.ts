/**
 * `xtwin check` refusals before any run starts (STYLE R8): a runbook with no applicable
 * invariants, an unknown invariant or fault kind, options that cannot be satisfied.
 */
import { CatalogError } from '../twin.js';

export const CHECK_ERRORS = {
  XTW_ERR_CHECK_NO_INVARIANTS: 'runbook {file} selects no invariants: list at least one of {known}',
  XTW_ERR_CHECK_UNKNOWN_INVARIANT: 'runbook {file}: unknown invariant {value} (known: {known})',
  XTW_ERR_CHECK_UNKNOWN_FAULT: 'unknown fault kind {value} (known: {known})',
  XTW_ERR_CHECK_BAD_RUNS: '--runs must be a whole number from 1 to 1000000, got {value}',
  XTW_ERR_CHECK_BAD_WORKERS: '--workers must be a whole number from 1 to 64, got {value}',
  XTW_ERR_CHECK_BAD_SEED: '--seed must be a whole number, got {value}',
  XTW_ERR_CHECK_NO_FAULT_TARGET: 'fault kinds {value} need at least two peers, and the topology has {count}',
  XTW_ERR_CHECK_BASELINE_FAILS: 'runbook {file} fails without any fault: {value} — fix it with xtwin run first',
  XTW_ERR_CHECK_BAD_RANGE: 'runbook {file}: check ranges cannot be satisfied: {value}',
  XTW_ERR_CHECK_BAD_REPLAY: '--replay must be a case printed by xtwin check: {value}',
} as const satisfies Record<`XTW_ERR_CHECK_${string}`, string>;

export type CheckErrorCode = keyof typeof CHECK_ERRORS;

export class CheckError extends CatalogError<CheckErrorCode> {
  constructor(code: CheckErrorCode, params: Record<string, unknown>) {
    super(CHECK_ERRORS, code, params, { prefixCode: true, show: (v) => (Array.isArray(v) ? v.join(', ') : String(v)) });
    this.name = 'CheckError';
  }
}
