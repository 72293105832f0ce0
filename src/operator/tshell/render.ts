/**
 * Output builders for tshell in the TANDBERG XACLI format (DOMAIN §8.2): `*c` configuration lines,
 * `*s` status blocks, `*r` result blocks, help listings, each ending with the `OK` line. They return
 * lines; the transport adds line endings. They do not decide what to show (the semantic layer does).
 * Design decision: where DOMAIN says NOT FOUND, the chosen shape is one constant in `XACLI` marked
 * `assumption:`, so a later correction is a one-line change with failing tests to guide it.
 */
import type { StatusRecord, StatusScalar } from '../status/tree.js';
import { quoteTshellString } from './lexer.js';

/** The XACLI output vocabulary. Every entry not quoted by DOMAIN §8.2 is an assumption. */
export const XACLI = {
  /** Terminates every response; Greenbone waits for `\*s/end[\r\n]+OK` (DOMAIN §8.2 [GB]). */
  ok: 'OK',
  statusEnd: '*s/end',
  resultEnd: '*r/end',
  /**
   * assumption: DOMAIN §8.2 says only "indented"; 4 spaces for the first level and 2 more per nested
   * level follows TANDBERG XACLI listings.
   */
  indentFirst: '    ',
  indentNested: '  ',
  /** assumption: help lines are prefixed `*h` as in the XACLI family (DOMAIN §8.1 gives no sample). */
  helpPrefix: '*h ',
  /**
   * assumption: output strings escape `"` and `\` like input (lexer.ts); the product's rule is NOT FOUND.
   */
  quote: quoteTshellString,
} as const;

/**
 * The error shape for syntax errors, unknown commands and failed commands. assumption: DOMAIN §8.2 and
 * §13 (item 2) say Expressway's own error format is NOT FOUND; the XACLI family uses
 * `*r <Name>Result (status=Error):`, an indented `Reason: "…"` line, `*r/end`, then `OK`. A syntax
 * error has no command name, so its header is the anonymous `*r Result (status=Error):`.
 */
export const XACLI_ERROR_SHAPE = {
  header: (name: string) => `*r ${name}Result (status=Error):`,
  reasonField: 'Reason',
  end: XACLI.resultEnd,
  terminator: XACLI.ok,
} as const;

/** Status trees come from the status model (src/operator/status/tree.ts). */
export type { StatusScalar, StatusRecord, StatusNode } from '../status/tree.js';
export type StatusTree = StatusRecord;

/** Deepest status nesting rendered; a deeper (or cyclic) tree is a caller bug (STYLE R8 bounds). */
export const STATUS_MAX_DEPTH = 32;

const ELEMENT_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** A response with no output lines: the bare `OK` that follows an accepted set. */
export function renderOk(): string[] {
  return [XACLI.ok];
}

/**
 * `*c xConfiguration <path>: <value>` lines, then `OK` (DOMAIN §8.2).
 *
 * @example renderConfiguration([{ path: ['Alternates', 'Peer', '1', 'Address'], value: '10.0.0.2', quote: true }])
 * // ['*c xConfiguration Alternates Peer 1 Address: "10.0.0.2"', 'OK']
 */
export function renderConfiguration(entries: readonly { path: readonly string[]; value: string | number; quote: boolean }[]): string[] {
  const lines = entries.map((e) => `*c xConfiguration ${e.path.join(' ')}: ${formatScalar(e.value, e.quote)}`);
  return [...lines, XACLI.ok];
}

/**
 * A status block: `*s <root>: /`, indented `Name: value` lines (nested elements indented further),
 * `*s/end`, then `OK` (DOMAIN §8.2).
 *
 * @example renderStatus('Cluster', { Name: 'c1.example.com', Peers: 3 })
 * // ['*s Cluster: /', '    Name: "c1.example.com"', '    Peers: 3', '*s/end', 'OK']
 */
export function renderStatus(root: string, tree: StatusTree): string[] {
  const lines = [`*s ${root}: /`];
  renderRecord(tree, 0, lines);
  lines.push(XACLI.statusEnd, XACLI.ok);
  return lines;
}

/** A result field; `quote` defaults to true for strings and false for numbers. */
export interface ResultField {
  readonly name: string;
  readonly value: string | number;
  readonly quote?: boolean;
}

/**
 * A command result block (DOMAIN §8.2 [XACLI]): `*r <name>Result (status=OK):`, indented fields,
 * `*r/end`, `OK`. An `Error` result must carry a `Reason` field (see `XACLI_ERROR_SHAPE`); it is
 * printed first.
 */
export function renderResult(name: string, status: 'OK' | 'Error', fields: readonly ResultField[]): string[] {
  let ordered = fields;
  if (status === 'Error') {
    const reason = fields.find((f) => f.name === XACLI_ERROR_SHAPE.reasonField);
    if (reason === undefined) throw new RangeError(`renderResult: an Error result for '${name}' needs a Reason field`);
    ordered = [reason, ...fields.filter((f) => f !== reason)];
  }
  const header = status === 'Error' ? XACLI_ERROR_SHAPE.header(name) : `*r ${name}Result (status=OK):`;
  const body = ordered.map((f) => `${XACLI.indentFirst}${f.name}: ${formatScalar(f.value, f.quote ?? typeof f.value === 'string')}`);
  return [header, ...body, XACLI.resultEnd, XACLI.ok];
}

/**
 * The response to a syntax error or an unknown command, in `XACLI_ERROR_SHAPE`.
 *
 * @example renderError('unterminated quoted string starting at column 40')
 * // ['*r Result (status=Error):', '    Reason: "unterminated quoted string starting at column 40"', '*r/end', 'OK']
 */
export function renderError(message: string): string[] {
  return renderResult('', 'Error', [{ name: XACLI_ERROR_SHAPE.reasonField, value: message }]);
}

function renderRecord(record: StatusRecord, depth: number, out: string[]): void {
  if (depth >= STATUS_MAX_DEPTH) throw new RangeError(`renderStatus: status tree deeper than ${STATUS_MAX_DEPTH} levels (cyclic?)`);
  const indent = XACLI.indentFirst + XACLI.indentNested.repeat(depth);
  // Object key order is insertion order only for non-integer keys (STYLE R5a), hence the name check.
  for (const [name, node] of Object.entries(record)) {
    if (!ELEMENT_NAME.test(name)) throw new RangeError(`renderStatus: '${name}' is not an element name`);
    if (Array.isArray(node)) {
      node.forEach((item: StatusScalar | StatusRecord, index) => renderNamed(`${name} ${index + 1}`, item, indent, depth, out));
    } else {
      renderNamed(name, node as StatusScalar | StatusRecord, indent, depth, out);
    }
  }
}

function renderNamed(label: string, node: StatusScalar | StatusRecord, indent: string, depth: number, out: string[]): void {
  if (typeof node === 'string' || typeof node === 'number') {
    out.push(`${indent}${label}: ${formatScalar(node, typeof node === 'string')}`);
    return;
  }
  out.push(`${indent}${label}:`);
  renderRecord(node, depth + 1, out);
}

function formatScalar(value: string | number, quote: boolean): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`tshell render: ${value} is not a finite number`);
  return quote ? XACLI.quote(String(value)) : String(value);
}

/* ---------------------------------------------------------------- help ---------------------------------------------------------------- */

/** A valuespace in the notation of DOMAIN §8.1. */
export type Valuespace =
  | { readonly kind: 'string'; readonly minLength: number; readonly maxLength: number }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] };

/**
 * `<S: 0, 128>` (string length), `<1..6>` (integer range), `<Off/On>` (enum, unquoted); a string is
 * passed through. assumption: DOMAIN writes both `<S: 7,15>` and `<S: 0, 128>`; we print the spaced form.
 */
export function formatValuespace(v: Valuespace | string): string {
  if (typeof v === 'string') return v;
  switch (v.kind) {
    case 'string':
      return `<S: ${v.minLength}, ${v.maxLength}>`;
    case 'integer':
      return `<${v.min}..${v.max}>`;
    case 'enum':
      return `<${v.values.join('/')}>`;
  }
}

/** The indexed-item notation of DOMAIN §8.1: `[1..6]` in `Alternates Peer [1..6] Address`. */
export function formatIndexRange(min: number, max: number): string {
  return `[${min}..${max}]`;
}

/** A parameter of an xCommand in detailed help; `required` prints `(r)` (DOMAIN §8.1, §8.3). */
export interface HelpParam {
  readonly name: string;
  readonly valuespace: Valuespace | string;
  readonly required?: boolean;
}

/** One help line: a configuration leaf, a status element or a command (with its parameters). */
export interface HelpEntry {
  readonly path: string;
  readonly valuespace?: Valuespace | string;
  readonly description?: string;
  readonly params?: readonly HelpParam[];
}

/**
 * Help output. `?` (not detailed) lists the entries' paths; `??` adds valuespaces, parameters with
 * `(r)` and descriptions (DOMAIN §8.1). Ends with `OK`.
 *
 * @example renderHelp([{ path: 'xConfiguration Alternates ConfigurationPrimary', valuespace: { kind: 'integer', min: 1, max: 6 } }], true)
 * // ['*h xConfiguration Alternates ConfigurationPrimary: <1..6>', 'OK']
 */
export function renderHelp(entries: readonly HelpEntry[], detailed: boolean): string[] {
  const lines: string[] = [];
  for (const e of entries) {
    if (!detailed) {
      lines.push(`${XACLI.helpPrefix}${e.path}`);
      continue;
    }
    lines.push(`${XACLI.helpPrefix}${e.path}${e.valuespace === undefined ? '' : `: ${formatValuespace(e.valuespace)}`}`);
    for (const p of e.params ?? []) {
      lines.push(`${XACLI.indentFirst}${p.name}${p.required === true ? '(r)' : ''}: ${formatValuespace(p.valuespace)}`);
    }
    for (const text of e.description?.split(/\r?\n/) ?? []) lines.push(`${XACLI.indentFirst}${text}`);
  }
  return [...lines, XACLI.ok];
}
