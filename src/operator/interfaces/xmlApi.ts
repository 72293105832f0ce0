/**
 * The HTTP XML API (INTERFACES §2.2): `GET /status.xml`, `GET /getxml?location=…` and
 * `GET /history.xml?location=/Calls`, rendered from the one status model (src/operator/status).
 *
 * - A bad location answers `<Fault><XPathError><Reason>` with HTTP 200. The product's status for it
 *   is NOT FOUND (§2.6); assumption: 200, because Centreon treats any non-2xx as UNKNOWN before it
 *   reads the body, yet reads `XPathError/Reason` to report "Api return error" — which only a 200 reaches.
 * - assumption: Content-Type `text/xml` (NOT FOUND on the product; py-expressway's mock uses it, §2.1).
 * - history.xml: root and Call children are NOT FOUND (§2.5). assumption: a `History` root in the CUIL
 *   namespace like `Status`, holding `<Calls item="1"/>`; the twin places no calls, so it is empty —
 *   Centreon's `Calls/Call[]` loop then counts nothing and needs `Calls` to carry an attribute (a hash).
 */
import { CUIL_NAMESPACE, getXml, statusXml } from '../status/xml.js';
import { STATUS_PRODUCT } from '../status/systemUnit.js';
import { textResponse, type HttpContext, type HttpResponse } from './http.js';

export const XML_CONTENT_TYPE = 'text/xml';
/** assumption: the product's answer to other methods on these URLs is NOT FOUND; 405 as any web server. */
const XML_METHODS = ['GET', 'HEAD'];

export function handleXml(ctx: HttpContext): HttpResponse {
  const route = XML_ROUTES[ctx.pathname.replace(/\/+$/, '') || '/'];
  if (route === undefined) return notFound(ctx.pathname);
  if (!XML_METHODS.includes(ctx.method)) return textResponse(405, 'Method Not Allowed', { Allow: XML_METHODS.join(', ') });
  const body = route(ctx);
  return { status: 200, headers: { 'Content-Type': XML_CONTENT_TYPE }, body: ctx.method === 'HEAD' ? '' : body, actions: [] };
}

const XML_ROUTES: Readonly<Record<string, (ctx: HttpContext) => string>> = {
  '/status.xml': ({ twin, peer }) => statusXml(twin, peer),
  '/getxml': ({ twin, peer, query }) => getXml(twin, peer, query.get('location') ?? '').xml,
  '/history.xml': historyXml,
};

function historyXml({ twin, peer, query }: HttpContext): string {
  const location = query.get('location') ?? '';
  if (location.split('/').filter((s) => s !== '').join('/') !== 'Calls') {
    return fault(`No such history location: ${location}`);
  }
  const version = twin.observe(peer).system.version;
  return `<?xml version="1.0"?>\n<History xmlns="${CUIL_NAMESPACE}" product="${STATUS_PRODUCT}" version="${version}">\n  <Calls item="1"/>\n</History>\n`;
}

/** The same fault document getxml answers (INTERFACES §2.6). */
function fault(reason: string): string {
  return `<?xml version="1.0"?>\n<Fault>\n  <XPathError>\n    <Reason>${reason.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)}</Reason>\n  </XPathError>\n</Fault>\n`;
}

/** assumption: the product's 404 page is NOT FOUND; MTG and ALRM only read the status (§2.1). */
function notFound(pathname: string): HttpResponse {
  return {
    status: 404, headers: { 'Content-Type': 'text/html; charset=iso-8859-1' },
    body: `<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL ${pathname.replace(/[&<>"]/g, '')} was not found on this server.</p></body></html>\n`,
    actions: [],
  };
}
