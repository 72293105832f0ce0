/**
 * The product's HTTP surface of ONE peer as a pure function (INTERFACES §2, §3): a request in, a
 * response out, and the operator actions it took. No sockets, no wall clock — so the lab server can
 * mount it on a per-peer HTTPS listener and a runbook step can call it in-process, each in one line:
 *
 * @example
 * const r = handleHttp(twin, 'expc01', { method: 'GET', path: '/status.xml', headers: { authorization } }, { credentials: { user: 'admin', password: token } });
 * // r.status, r.headers, r.body; r.actions go to the lab's action log (replayable with applyAction)
 *
 * Order of checks: a peer that is not serving answers nothing (503 here), then Basic auth (401 with
 * the product's realm), then the route: `/api/…` is the REST API, anything else the XML API.
 * Any request gets an answer; only an unknown peer name throws (a TwinError: the caller's mistake).
 */
import type { Twin } from '../../twin.js';
import type { Action } from '../actionTypes.js';
import { applyAction } from '../actions.js';
import { authorized, challenge, type Credentials } from './auth.js';
import { handleRest } from './rest.js';
import { handleXml } from './xmlApi.js';

export interface HttpRequest {
  readonly method: string;
  /** path with its query string: `/getxml?location=/Status/Warnings` */
  readonly path: string;
  /** header names in any case */
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** what the request did to the world, as operator actions (empty for reads and refusals) */
  readonly actions: readonly Action[];
}

export interface HttpOptions {
  /**
   * the one administrator account the caller accepts (the lab server passes the lab token as password,
   * like SSH); without it, the peer's own admin account (`PEER_ADMIN_USER` with its saved
   * `Administration AdminPassword`), so a rehearsal authenticates as on the product
   */
  readonly credentials?: Credentials;
  /**
   * how a change is applied (default: `applyAction` on the twin). The lab server passes its own, so a
   * REST change goes through the lab's action path — logged and stored like any other — or is refused
   * with that path's reason (`status`: 503 while the lab's store cannot be written).
   */
  readonly apply?: HttpApply;
}

export type HttpApply = (action: Action) => { readonly ok: true } | { readonly ok: false; readonly message: string; readonly status?: number };

/** assumption: the twin models one administrator account, `admin` (DOMAIN §9.1). */
export const PEER_ADMIN_USER = 'admin';

/** What a route sees: the parsed request and the peer it was sent to. */
export interface HttpContext {
  readonly twin: Twin;
  readonly peer: string;
  readonly method: string;
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly body: string;
  header(name: string): string | undefined;
  readonly apply: HttpApply;
}

/**
 * assumption: a peer that is not serving (powered off, booting, restarting) refuses the connection on
 * the product; in-process there is no connection to refuse, so the answer is 503 and the server closes
 * the socket instead of sending it.
 */
export const NOT_SERVING_STATUS = 503;

export function handleHttp(twin: Twin, peer: string, request: HttpRequest, options: HttpOptions = {}): HttpResponse {
  const observation = twin.observe(peer);
  if (!observation.serving) return textResponse(NOT_SERVING_STATUS, 'Service Unavailable');
  const header = headerReader(request.headers ?? {});
  const credentials = options.credentials ?? { user: PEER_ADMIN_USER, password: String(observation.saved['Administration AdminPassword'] ?? '') };
  if (!authorized(header('authorization'), credentials)) return challenge(observation.system.serial);
  const url = requestUrl(request.path);
  if (url === undefined) return textResponse(400, 'Bad Request');
  const ctx: HttpContext = {
    twin, peer, method: request.method.toUpperCase(), pathname: url.pathname, query: url.searchParams, body: request.body ?? '', header,
    apply: options.apply ?? ((action) => {
      const result = applyAction(twin, action);
      return result.ok ? { ok: true } : { ok: false, message: result.error.message };
    }),
  };
  return ctx.pathname === '/api' || ctx.pathname.startsWith('/api/') ? handleRest(ctx) : handleXml(ctx);
}

export function textResponse(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body, actions: [] };
}

/** The request target must be origin-form (`/path?query`), as HTTP/1.1 servers require of clients. */
function requestUrl(path: string): URL | undefined {
  if (!path.startsWith('/') || path.startsWith('//')) return undefined;
  try {
    return new URL(path, 'https://peer.invalid');
  } catch {
    return undefined;
  }
}

function headerReader(headers: Readonly<Record<string, string | readonly string[] | undefined>>): (name: string) => string | undefined {
  const lower = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    lower.set(k.toLowerCase(), typeof v === 'string' ? v : v.join(', '));
  }
  return (name) => lower.get(name.toLowerCase());
}
