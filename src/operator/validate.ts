/**
 * Shape checks for actions that arrive as untyped data (runbook YAML, JSON over HTTP, a fuzzer).
 * Each check throws an `OperatorError` naming the action, the field and the value; what a peer
 * accepts (values, states) is the peer's to decide and is not repeated here. Peer names are checked
 * against the twin so that an unknown peer is refused before anything runs (STYLE R8).
 */
import { isIpAddress, TwinError, type Twin } from '../twin.js';
import { OperatorError } from './errors.js';

export type Fields = Record<string, unknown>;

export function record(action: string, value: unknown, field = 'action'): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(action, field, 'an object', value);
  return value as Fields;
}

export function text(action: string, o: Fields, field: string, options: { optional?: boolean; nonEmpty?: boolean } = {}): string | undefined {
  const v = o[field];
  if (v === undefined && options.optional) return undefined;
  if (typeof v !== 'string' || (options.nonEmpty !== false && v.trim() === '')) bad(action, field, 'a non-empty string', v);
  return v;
}

export function requiredText(action: string, o: Fields, field: string): string {
  return text(action, o, field) as string;
}

export function finite(action: string, o: Fields, field: string, range: { min: number; max: number; optional?: boolean }): number | undefined {
  const v = o[field];
  if (v === undefined && range.optional) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < range.min || v > range.max) bad(action, field, `a number from ${range.min} to ${range.max}`, v);
  return v;
}

export function flag(action: string, o: Fields, field: string): boolean | undefined {
  const v = o[field];
  if (v !== undefined && typeof v !== 'boolean') bad(action, field, 'true or false', v);
  return v;
}

export function oneOf<T extends string>(action: string, o: Fields, field: string, values: readonly T[], optional = false): T | undefined {
  const v = o[field];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) bad(action, field, `one of ${values.join(', ')}`, v);
  return v as T;
}

/** A peer of this twin; an unknown name is the twin's own error, naming the known peers. */
export function peerName(twin: Twin, action: string, o: Fields, field = 'peer'): string {
  const name = requiredText(action, o, field);
  knownPeer(twin, name);
  return name;
}

export function knownPeer(twin: Twin, name: unknown): string {
  if (typeof name !== 'string' || !twin.peerNames().includes(name)) {
    throw new TwinError('XTW_ERR_TWIN_UNKNOWN_PEER', { value: name, known: twin.peerNames() });
  }
  return name;
}

/** A non-empty list of distinct known peers. */
export function peerList(twin: Twin, action: string, value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0) bad(action, field, 'a non-empty list of peer names', value);
  const list = value.map((n) => knownPeer(twin, n));
  const dup = list.find((n, i) => list.indexOf(n) !== i);
  if (dup !== undefined) bad(action, field, 'a list of distinct peers', value);
  return list;
}

export function ipAddress(action: string, o: Fields, field: string, family?: 4 | 6): string {
  const v = requiredText(action, o, field);
  const isV6 = v.includes(':');
  if (!isIpAddress(v) || (family === 4 && isV6) || (family === 6 && !isV6)) bad(action, field, family ? `an IPv${family} address` : 'an IP address', v);
  return v;
}

export function bad(action: string, field: string, expected: string, value: unknown): never {
  throw new OperatorError('XTW_ERR_OP_BAD_FIELD', { action, field, expected, value });
}
