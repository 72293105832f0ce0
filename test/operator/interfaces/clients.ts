// How the real clients of INTERFACES §2.5 read the product's answers, so tests parse the twin's
// answers the same way: Centreon's XML::LibXML::Simple XMLin (root dropped, an element with an
// attribute becomes a hash whose text is `content`, ForceArray names always lists), and the
// namespaced XPath that py-expressway (lxml) and MTG (ElementTree) use.
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import xpath from 'xpath';
import { basicAuthorization, CUIL_NAMESPACE, handleHttp, type HttpResponse } from '../../../src/operator/index.js';
import type { Twin } from '../../../src/twin.js';

export const CREDENTIALS = { user: 'admin', password: 'lab-token-1' };
export const AUTH = { authorization: basicAuthorization(CREDENTIALS) };

export function get(twin: Twin, peer: string, path: string, headers: Record<string, string> = AUTH): HttpResponse {
  return handleHttp(twin, peer, { method: 'GET', path, headers }, { credentials: CREDENTIALS });
}

export function send(twin: Twin, peer: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): HttpResponse {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return handleHttp(twin, peer, { method, path, headers: { ...AUTH, 'Content-Type': 'application/json', ...headers }, ...(text === undefined ? {} : { body: text }) }, { credentials: CREDENTIALS });
}

export const parseXml = (xml: string): Document => new DOMParser().parseFromString(xml, 'text/xml');

/** lxml/ElementTree-style namespaced lookup: the text of the first match, or undefined. */
const select = xpath.useNamespaces({ ns: CUIL_NAMESPACE });
export function nsText(doc: Document, path: string): string | undefined {
  const hit = select(`string(${path})`, doc as unknown as Node);
  return typeof hit === 'string' && hit !== '' ? hit : undefined;
}
export function nsCount(doc: Document, path: string): number {
  return select(`count(${path})`, doc as unknown as Node) as number;
}

export type Perl = string | { [k: string]: Perl | Perl[] };

/** XML::Simple's XMLin(content, ForceArray => [...], KeyAttr => []) on the document element. */
export function xmlin(xml: string, forceArray: readonly string[] = []): { [k: string]: Perl | Perl[] } {
  const root = parseXml(xml).documentElement as unknown as Element;
  const v = convert(root, forceArray);
  return typeof v === 'string' ? { content: v } : v;
}

function convert(el: Element, forceArray: readonly string[]): Perl {
  const out: { [k: string]: Perl | Perl[] } = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    out[a.name] = a.value;
  }
  const children: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) children.push(n as unknown as Element);
  if (children.length === 0) {
    const text = el.textContent ?? '';
    if (Object.keys(out).length === 0) return text;
    if (text.trim() !== '') out.content = text;
    return out;
  }
  for (const c of children) {
    const name = c.localName!;
    const value = convert(c, forceArray);
    const prev = out[name];
    if (forceArray.includes(name)) out[name] = [...((prev as Perl[] | undefined) ?? []), value];
    else if (prev === undefined) out[name] = value;
    else out[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** `$h->{a}->{b}` with Perl's undef for a missing step or a step into a scalar. */
export function dig(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}
