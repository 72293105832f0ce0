/**
 * The status model as the product's XML status document (INTERFACES §2.3): a `Status` root in the
 * CUIL namespace with `product` and `version`, every element carrying `item="N"` (its 1-based index
 * among same-named siblings), empty elements self-closed. `getxml?location=/Status/A/B` answers the
 * same root holding only the ancestor chain of the located node; a path that names no node answers
 * `<Fault><XPathError><Reason>…</Reason></XPathError></Fault>` (INTERFACES §2.6, INFERRED shape).
 */
import type { PeerObservation, Twin } from '../../twin.js';
import { STATUS_ELEMENTS } from './model.js';
import { STATUS_PRODUCT } from './systemUnit.js';
import type { StatusNode, StatusRecord, StatusScalar } from './tree.js';

export const CUIL_NAMESPACE = 'http://www.tandberg.no/XML/CUIL/1.0';
/** The captured getxml reply starts `<?xml version="1.0"?>` (INTERFACES §2.3). */
const DECLARATION = '<?xml version="1.0"?>';

export type StatusXml = { readonly ok: true; readonly xml: string } | { readonly ok: false; readonly xml: string; readonly reason: string };

/** The whole status document of one peer (`/status.xml`). */
export function statusXml(twin: Twin, peer: string): string {
  const o = twin.observe(peer);
  return document(o, wholeTree(twin, o));
}

/** `/getxml?location=…`: the located node inside its ancestor chain, or an XPathError fault. */
export function getXml(twin: Twin, peer: string, location: string): StatusXml {
  const steps = location.split('/').filter((s) => s !== '');
  if (steps[0] !== 'Status') return fault(`location must start with /Status: ${location}`);
  const o = twin.observe(peer);
  const located = locate(wholeTree(twin, o), steps.slice(1));
  if (located === undefined) return fault(`No such node: ${location}`);
  return { ok: true, xml: document(o, located) };
}

function wholeTree(twin: Twin, o: PeerObservation): StatusRecord {
  return Object.fromEntries(STATUS_ELEMENTS.filter((e) => e.inXml).map((e) => [e.name, e.build(o, twin)]));
}

/** The chain of records from the root down to the node `steps` names (`Peer[2]` picks an item). */
function locate(tree: StatusRecord, steps: readonly string[]): StatusRecord | undefined {
  const [first, ...rest] = steps;
  if (first === undefined) return tree;
  const m = /^([A-Za-z][\w-]*)(?:\[(\d+)\])?$/.exec(first);
  if (m === null || !(m[1]! in tree)) return undefined;
  const name = m[1]!;
  let node: StatusNode = tree[name]!;
  if (m[2] !== undefined) {
    if (!Array.isArray(node)) return m[2] === '1' ? locate({ [name]: node }, [name, ...rest]) : undefined;
    const item = (node as readonly (StatusScalar | StatusRecord)[])[Number(m[2]) - 1];
    if (item === undefined) return undefined;
    node = [item];
  }
  if (rest.length === 0) return { [name]: node };
  if (typeof node !== 'object' || Array.isArray(node)) return undefined;
  const inner = locate(node as StatusRecord, rest);
  return inner === undefined ? undefined : { [name]: inner };
}

function document(o: PeerObservation, tree: StatusRecord): string {
  const lines = [DECLARATION, `<Status xmlns="${CUIL_NAMESPACE}" product="${STATUS_PRODUCT}" version="${escape(o.system.version)}">`];
  writeRecord(tree, 1, lines);
  lines.push('</Status>');
  return `${lines.join('\n')}\n`;
}

function writeRecord(record: StatusRecord, depth: number, out: string[]): void {
  for (const [name, node] of Object.entries(record)) {
    if (Array.isArray(node)) (node as readonly (StatusScalar | StatusRecord)[]).forEach((item, i) => writeNode(name, i + 1, item, depth, out));
    else writeNode(name, 1, node as StatusScalar | StatusRecord, depth, out);
  }
}

function writeNode(name: string, item: number, node: StatusScalar | StatusRecord, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const open = `${pad}<${name} item="${item}"`;
  if (typeof node === 'string' || typeof node === 'number') {
    out.push(node === '' ? `${open}/>` : `${open}>${escape(String(node))}</${name}>`);
    return;
  }
  if (Object.keys(node).length === 0 || Object.values(node).every((v) => Array.isArray(v) && v.length === 0)) {
    out.push(`${open}/>`);
    return;
  }
  out.push(`${open}>`);
  writeRecord(node, depth + 1, out);
  out.push(`${pad}</${name}>`);
}

function fault(reason: string): StatusXml {
  const xml = `${DECLARATION}\n<Fault>\n  <XPathError>\n    <Reason>${escape(reason)}</Reason>\n  </XPathError>\n</Fault>\n`;
  return { ok: false, xml, reason };
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
