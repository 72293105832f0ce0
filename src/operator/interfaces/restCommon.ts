/**
 * What every REST resource shares: the handler and reply types, the documented reply texts, and
 * `perform`, which applies one operator action and answers as the product does (INTERFACES §3.1).
 */
import type { Action } from '../actionTypes.js';
import type { HttpContext } from './http.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RestReply {
  readonly status: number;
  readonly json: unknown;
  readonly actions?: readonly Action[];
}

/** A parsed request body: a JSON object, or undefined when there was none. */
export type Body = Readonly<Record<string, unknown>> | undefined;

export type RestHandler = (ctx: HttpContext, body: Body) => RestReply;

export interface Resource {
  /** the path below `/api/provisioning` (`common/dns/dnsserver`) */
  readonly path: string;
  readonly methods: Partial<Record<Method, RestHandler>>;
}

export const JSON_CONTENT_TYPE = 'application/json';

/** Documented replies (§3.1): REST-SG142 for DNS/NTP servers, py-expressway's mocks for the rest. */
export const MESSAGES = {
  operationSuccessful: 'The operation was successful',
  /** py-expressway's dns/dns mock (INFERRED copied from a device) */
  dnsUpdated: 'Operation was successful',
  searchRuleCreated: 'Successfully created the Search Rule',
} as const;

/** Apply one operator action; `ok` is the reply when it was accepted. */
export function perform(ctx: HttpContext, action: Action, ok: { status?: number; message: string }): RestReply {
  const result = ctx.apply(action);
  if (!result.ok) return result.status === undefined ? badRequest(result.message) : { status: result.status, json: { Message: result.message } };
  return { status: ok.status ?? 200, json: { Message: ok.message }, actions: [action] };
}

/** assumption: validation replies are 400 `{"Message": …}` (DIAG; the product's validation schema is NOT FOUND). */
export function badRequest(message: string): RestReply {
  return { status: 400, json: { Message: message } };
}

