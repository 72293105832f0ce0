/**
 * The operator layer's error catalog (STYLE R7) and the one place where errors from below become an
 * `ActionError`. Codes are `XTW_ERR_OP_*`; each template names the offending value. Errors the twin,
 * a peer or the kernel raise (`XTW_ERR_TWIN_*`, `XTW_ERR_PEER_*`, `XTW_ERR_SIM_*`) keep their own code
 * and words. Anything else (an `InvariantError`, a bug) is rethrown: it must stop the run (STYLE R8).
 */
import { CatalogError, PeerError, SimError, TwinError } from '../twin.js';
import type { ActionError } from './actionTypes.js';

export const OPERATOR_ERRORS = {
  XTW_ERR_OP_BAD_ACTION: 'not an operator action: {value}',
  XTW_ERR_OP_BAD_FIELD: '{action}: {field} must be {expected}; got {value}',
  XTW_ERR_OP_UNKNOWN_PAGE: 'unknown admin page {value} (pages: {known})',
  XTW_ERR_OP_KEY_NOT_ON_PAGE: '{value} is on the {actual} page, not on the {page} page',
  XTW_ERR_OP_DUPLICATE_KEY: '{value} is given twice (also as {other})',
  XTW_ERR_OP_POWER_STATE: '{peer} is already powered {value}',
  /** The product's (bash's) own words for an unknown root command. */
  XTW_ERR_OP_COMMAND_NOT_FOUND: 'bash: {value}: command not found',
  XTW_ERR_OP_ROOT_USAGE: '{value}: {problem}',
  XTW_ERR_OP_TSHELL_SYNTAX: '{value}',
  XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND: 'Unknown command: {value}',
  XTW_ERR_OP_TSHELL_UNKNOWN_PATH: 'No such {family} path: {value}',
  XTW_ERR_OP_TSHELL_BAD_PARAMETER: '{command}: {value}',
  XTW_ERR_OP_TSHELL_NOT_SETTABLE: '{value} cannot be set with xConfiguration; {hint}',
  XTW_ERR_OP_TSHELL_UNSUPPORTED: '{value} is not available in the twin',
} as const satisfies Record<`XTW_ERR_OP_${string}`, string>;

export type OperatorErrorCode = keyof typeof OPERATOR_ERRORS;

/** A refusal by the operator layer itself; converted to an `ActionError` before it leaves. */
export class OperatorError extends CatalogError<OperatorErrorCode> {
  constructor(code: OperatorErrorCode, params: { value: unknown } & Record<string, unknown>) {
    super(OPERATOR_ERRORS, code, params, { prefixCode: false, show });
    this.name = 'OperatorError';
  }
}

/** The error as an operator sees it, or undefined when `e` is not an input error (then rethrow it). */
export function asActionError(e: unknown): ActionError | undefined {
  if (e instanceof OperatorError || e instanceof PeerError) return { code: e.code, message: e.message };
  // Twin and kernel messages start with their code; the operator reads the sentence after it.
  if (e instanceof TwinError || e instanceof SimError) return { code: e.code, message: e.message.replace(/^XTW_ERR_\w+: /, '') };
  return undefined;
}

/** Run `f`; input errors become `{ error }`, anything else is rethrown. */
export function attempt<T>(f: () => T): { ok: true; value: T } | { ok: false; error: ActionError } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    const error = asActionError(e);
    if (error === undefined) throw e;
    return { ok: false, error };
  }
}

function show(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => show(x)).join(', ');
  if (typeof v === 'string') return v;
  if (v === undefined) return 'nothing';
  try {
    const text = JSON.stringify(v);
    return text.length > 120 ? `${text.slice(0, 120)}…` : text;
  } catch {
    return String(v);
  }
}
