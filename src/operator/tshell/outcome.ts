/**
 * What one tshell line returns: the lines the operator sees, and — when the line was refused — the
 * typed error behind them (code + sentence naming the value). Refused lines leave the world as it
 * was; every command checks before it acts.
 */
import type { ActionError } from '../actionTypes.js';
import { XACLI_ERROR_SHAPE, renderResult, type ResultField } from './render.js';

export interface TshellResult {
  readonly ok: boolean;
  readonly output: readonly string[];
  readonly error?: ActionError;
}

/** The origin every tshell write carries: the admin account over SSH (DOMAIN §8.1). */
export const CLI_ORIGIN = { via: 'cli', user: 'admin' } as const;

export function accepted(output: readonly string[]): TshellResult {
  return { ok: true, output };
}

/**
 * A refusal in the XACLI error shape (render.ts): `*r <name>Result (status=Error):`, `Reason: "…"`,
 * `*r/end`, `OK`. `reason` defaults to the error's sentence; an empty `name` gives the anonymous
 * header used for syntax errors and unknown commands.
 */
export function refused(error: ActionError, options: { name?: string; reason?: string; fields?: readonly ResultField[] } = {}): TshellResult {
  const fields: ResultField[] = [{ name: XACLI_ERROR_SHAPE.reasonField, value: options.reason ?? error.message }, ...(options.fields ?? [])];
  return { ok: false, output: renderResult(options.name ?? '', 'Error', fields), error };
}

/** Several status blocks in one answer share the final `OK`. */
export function joinBlocks(blocks: readonly (readonly string[])[]): string[] {
  const body = blocks.flatMap((b) => (b.at(-1) === 'OK' ? b.slice(0, -1) : b));
  return [...body, 'OK'];
}
