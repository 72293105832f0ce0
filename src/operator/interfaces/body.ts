/**
 * Reading fields from a REST request body: each reader returns the value or throws `BadBody`, which
 * `guarded` turns into the 400 `{"Message": …}` reply (INTERFACES §3.1), so a handler reads its fields
 * top to bottom and never applies anything after a bad one.
 */
import type { Body, RestHandler, RestReply } from './restCommon.js';
import { badRequest } from './restCommon.js';

export class BadBody extends Error {}

export function guarded(handler: RestHandler): RestHandler {
  return (ctx, body) => {
    try {
      return handler(ctx, body);
    } catch (e) {
      if (e instanceof BadBody) return badRequest(e.message);
      throw e;
    }
  };
}

export function object(body: Body): Readonly<Record<string, unknown>> {
  if (body === undefined) throw new BadBody('A JSON request body is required');
  return body;
}

/** Only these fields may appear (the published schemas say `additionalProperties: false`). */
export function only(body: Readonly<Record<string, unknown>>, allowed: readonly string[]): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw new BadBody(`Unknown field(s): ${extra.join(', ')} (allowed: ${allowed.join(', ')})`);
}

export function text(body: Readonly<Record<string, unknown>>, name: string, options: { optional?: boolean } = {}): string | undefined {
  const v = body[name];
  if (v === undefined && options.optional) return undefined;
  if (typeof v !== 'string') throw new BadBody(v === undefined ? `${name} is required` : `${name} must be a string`);
  return v;
}

export function requiredText(body: Readonly<Record<string, unknown>>, name: string): string {
  return text(body, name) as string;
}

/** An integer given as a number or as a string of digits (py-expressway sends `"Priority": "10"`). */
export function integer(body: Readonly<Record<string, unknown>>, name: string, min: number, max: number): number {
  const v = body[name];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  if (v === undefined) throw new BadBody(`${name} is required`);
  if (!Number.isInteger(n) || n < min || n > max) throw new BadBody(`${name} must be an integer from ${min} to ${max}; got ${JSON.stringify(v)}`);
  return n;
}

export function reply(status: number, json: unknown): RestReply {
  return { status, json };
}
