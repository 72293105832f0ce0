/**
 * HTTP Basic authentication as the product does it (INTERFACES §2.1, §3.1): an administrator account
 * with API access; without valid credentials a 401 whose challenge names the realm
 * `TANDBERG Video Communication Server <SerialNumber>` (INFERRED from ALRM, whose handler only sends
 * credentials after a 401 carrying exactly that realm).
 */
import type { HttpResponse } from './http.js';

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

export const REALM_PREFIX = 'TANDBERG Video Communication Server';

/**
 * assumption: the body of the product's 401 is NOT FOUND; a short HTML page like any Apache 401
 * (clients read only the status: ALRM "Basic authentication failed", Centreon UNKNOWN, MTG auth failure).
 */
export const UNAUTHORIZED_BODY = '<html><head><title>401 Unauthorized</title></head><body><h1>Unauthorized</h1></body></html>\n';

export function realm(serial: string): string {
  return `${REALM_PREFIX} ${serial}`;
}

/** True when `authorization` is `Basic base64(user:password)` for exactly these credentials. */
export function authorized(authorization: string | undefined, expected: Credentials): boolean {
  const presented = basicCredentials(authorization);
  return presented !== undefined && presented.user === expected.user && presented.password === expected.password;
}

/** The user and password a `Basic …` header carries, or undefined for any other header. */
export function basicCredentials(authorization: string | undefined): Credentials | undefined {
  const m = authorization === undefined ? null : /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (m === null) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function challenge(serial: string): HttpResponse {
  return {
    status: 401,
    headers: { 'WWW-Authenticate': `Basic realm="${realm(serial)}"`, 'Content-Type': 'text/html; charset=iso-8859-1' },
    body: UNAUTHORIZED_BODY,
    actions: [],
  };
}

/** The header value a client sends for these credentials (tests and the runbook step use it). */
export function basicAuthorization(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8').toString('base64')}`;
}
