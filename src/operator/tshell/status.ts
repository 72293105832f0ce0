/**
 * `xStatus` over the status model (src/operator/status): each element a `*s <Element>: /` block in
 * the XACLI layout (DOMAIN §8.2, INTERFACES §6.1); a bare `xStatus` prints every element in model
 * order; child words narrow the block to the named records.
 */
import type { Twin } from '../../twin.js';
import { OperatorError, asActionError } from '../errors.js';
import { STATUS_ELEMENTS, statusElement } from '../status/model.js';
import type { StatusRecord } from '../status/tree.js';
import { accepted, joinBlocks, refused, type TshellResult } from './outcome.js';
import { renderHelp, renderStatus } from './render.js';

/** `xStatus [element [child…]]`: the element's block, narrowed to the named child records. */
export function readStatus(twin: Twin, peer: string, path: readonly string[]): TshellResult {
  const o = twin.observe(peer);
  const [root, ...rest] = path;
  if (root === undefined) return accepted(joinBlocks(STATUS_ELEMENTS.map((e) => renderStatus(e.name, e.build(o, twin)))));
  const element = statusElement(root);
  const narrowed = element ? narrow(element.build(o, twin), rest) : undefined;
  if (!element || narrowed === undefined) return unknownPath(path);
  return accepted(renderStatus(element.name, narrowed));
}

/** `xStatus ?|??` and `xStatus <element> ?`. */
export function statusHelp(path: readonly string[], detailed: boolean): TshellResult {
  const hits = path.length === 0 ? STATUS_ELEMENTS : path.length === 1 ? STATUS_ELEMENTS.filter((e) => e === statusElement(path[0]!)) : [];
  if (hits.length === 0) return unknownPath(path);
  return accepted(renderHelp(hits.map((e) => ({ path: `xStatus ${e.name}`, description: e.description })), detailed));
}

function unknownPath(path: readonly string[]): TshellResult {
  const error = asActionError(new OperatorError('XTW_ERR_OP_TSHELL_UNKNOWN_PATH', { family: 'xStatus', value: path.join(' ') }))!;
  return refused(error, { name: 'Status' });
}

/** Keep only the child records named by `words` (case-insensitive); undefined when one is missing. */
function narrow(tree: StatusRecord, words: readonly string[]): StatusRecord | undefined {
  const [first, ...rest] = words;
  if (first === undefined) return tree;
  const name = Object.keys(tree).find((k) => k.toLowerCase() === first.toLowerCase());
  if (name === undefined) return undefined;
  const child = tree[name]!;
  if (rest.length === 0) return { [name]: child };
  if (typeof child !== 'object' || Array.isArray(child)) return undefined;
  const inner = narrow(child as StatusRecord, rest);
  return inner === undefined ? undefined : { [name]: inner };
}
