/**
 * The REST API router (INTERFACES §3): `/api/provisioning/…` and `/api/v1/provisioning/…` alike
 * (clients use both, §3.1 INFERRED), `/api/management/status/…` (§3.3), and the self-documentation
 * at `/api/raml` (§3.1). JSON in and out; replies to writes are `{"Message": "…"}`.
 *
 * A write is an operator action like any other: the handler turns it into an `Action` and applies it
 * with `applyAction`, so it gets the same validation, log lines, replication and armed traps as the
 * same change typed at the tshell or saved on a page; a refused one changes nothing and answers 400
 * with the refusal's words in `Message` (DIAG reads `Message` from 400 replies, §3.1).
 */
import type { HttpContext, HttpResponse } from './http.js';
import { managementStatus } from './management.js';
import { PROVISIONING } from './provisioning.js';
import { ramlDocument, RAML_CONTENT_TYPE } from './raml.js';
import { badRequest, JSON_CONTENT_TYPE, type Body, type Method, type RestReply } from './restCommon.js';

export function handleRest(ctx: HttpContext): HttpResponse {
  const sub = ctx.pathname.replace(/^\/api(?:\/v1)?/, '').replace(/\/+$/, '');
  if (sub === '/raml' && ctx.method === 'GET') return { status: 200, headers: { 'Content-Type': RAML_CONTENT_TYPE }, body: ramlDocument(), actions: [] };
  const management = /^\/management\/status\/(.+)$/.exec(sub);
  if (management !== null) {
    if (ctx.method !== 'GET') return reply({ status: 405, json: { Message: 'Method Not Allowed' } });
    return reply(managementStatus(ctx.twin, ctx.peer, management[1]!) ?? notFound());
  }
  const provisioning = /^\/provisioning\/(.+)$/.exec(sub);
  const resource = provisioning ? PROVISIONING.find((r) => r.path.toLowerCase() === provisioning[1]!.toLowerCase()) : undefined;
  if (resource === undefined) return reply(notFound());
  const allow = Object.keys(resource.methods).join(', ');
  // The API answers OPTIONS (AG-IF150 lists it among its methods); assumption: with the methods in Allow and no body.
  if (ctx.method === 'OPTIONS') return { status: 200, headers: { Allow: `${allow}, OPTIONS` }, body: '', actions: [] };
  const handler = resource.methods[ctx.method as Method];
  if (handler === undefined) {
    return { ...reply({ status: 405, json: { Message: 'Method Not Allowed' } }), headers: { 'Content-Type': JSON_CONTENT_TYPE, Allow: allow } };
  }
  const body = parseBody(ctx);
  if (body === 'invalid') return reply(badRequest('The request body is not a JSON object'));
  return reply(handler(ctx, body));
}

/** assumption: the product's REST 404 body is NOT FOUND; a `Message` like its other replies. */
function notFound(): RestReply {
  return { status: 404, json: { Message: 'Not Found' } };
}

function reply(r: RestReply): HttpResponse {
  return { status: r.status, headers: { 'Content-Type': JSON_CONTENT_TYPE }, body: JSON.stringify(r.json), actions: r.actions ?? [] };
}

function parseBody(ctx: HttpContext): Body | 'invalid' {
  if (ctx.body.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(ctx.body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : 'invalid';
  } catch {
    return 'invalid';
  }
}
