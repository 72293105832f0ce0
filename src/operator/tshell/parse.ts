/**
 * The syntax of a tshell line (DOMAIN §8.1, §8.3, §5.2) as a typed node: help, read, set, command,
 * shell word, or empty. It does not know which paths exist or what a command does — that is the
 * semantic layer's job, which matches path words case-insensitively; here path words keep their
 * spelling. Design decision: `canonicalTshell` is the printer the parser is tested against
 * (parse ∘ canonical ∘ parse = parse), so transcripts and shrunk property failures read as typed.
 */
import { bareTokenKind, lexTshell, quoteTshellString } from './lexer.js';
import type { Token, TshellSyntaxCode, TshellSyntaxError } from './lexer.js';

export type { TshellSyntaxCode, TshellSyntaxError } from './lexer.js';

/** The five command families of DOMAIN §8.1, in their canonical spelling. */
export type Family = 'xConfiguration' | 'xCommand' | 'xStatus' | 'xHistory' | 'xFeedback';

/** One `Name: value` parameter of an xCommand; `quoted` says whether the value was a quoted string. */
export interface TshellParam {
  readonly name: string;
  readonly value: string;
  readonly quoted: boolean;
}

export type TshellNode =
  | { readonly kind: 'empty' }
  | { readonly kind: 'help'; readonly family?: Family; readonly path: readonly string[]; readonly detailed: boolean }
  | { readonly kind: 'read'; readonly family: 'xConfiguration' | 'xStatus' | 'xHistory'; readonly path: readonly string[] }
  | { readonly kind: 'set'; readonly family: 'xConfiguration'; readonly path: readonly string[]; readonly value: string; readonly quoted: boolean }
  | { readonly kind: 'command'; readonly family: 'xCommand'; readonly path: readonly string[]; readonly params: readonly TshellParam[] }
  | { readonly kind: 'shell'; readonly word: string; readonly args: readonly string[] };

export type TshellParse =
  | { readonly ok: true; readonly node: TshellNode }
  | { readonly ok: false; readonly error: TshellSyntaxError };

/**
 * Family keywords, matched case-insensitively. Only full words: DOMAIN §8 documents no abbreviations
 * (`xconfig` is a shell word, left to the semantic layer to reject).
 */
const FAMILIES: ReadonlyMap<string, Family> = new Map(
  (['xConfiguration', 'xCommand', 'xStatus', 'xHistory', 'xFeedback'] as const).map((f) => [f.toLowerCase(), f]),
);

/** An element name (`Alternates`, `ConfigurationPrimary`) or an index (`1` in `Peer 1 Address`). */
const PATH_WORD = /^(?:[A-Za-z][A-Za-z0-9_-]*|[0-9]+)$/;

/**
 * Parse one line typed at the tshell prompt. Never throws: any input gives a node or an error whose
 * column is a 0-based UTF-16 index with `0 ≤ column ≤ line.length`.
 *
 * @example parseTshellLine('xConfiguration Alternates Cluster Name: "Regional"')
 * // { ok: true, node: { kind: 'set', family: 'xConfiguration', path: ['Alternates', 'Cluster', 'Name'],
 * //   value: 'Regional', quoted: true } }
 */
export function parseTshellLine(line: string): TshellParse {
  const lexed = lexTshell(line);
  if (!lexed.ok) return lexed;
  const [first, ...rest] = lexed.tokens;
  if (first === undefined) return ok({ kind: 'empty' });
  if (first.kind === 'help') return parseHelpTail(undefined, [], first, rest);
  if (first.kind === 'string' || first.kind === 'key') {
    return fail('expected-command', first, `a line must start with a command word (xConfiguration, xCommand, xStatus, …), not ${show(first)}`);
  }
  const family = FAMILIES.get(first.value.toLowerCase());
  if (family === undefined || family === 'xFeedback') return parseShell(family ?? first.value, rest);
  return parseFamily(family, rest);
}

/**
 * Print a node in the product's canonical form: canonical family spelling, single spaces, set and
 * parameter values quoted when they were quoted (`xConfiguration Alternates Peer 1 Address: "10.0.0.2"`).
 */
export function canonicalTshell(node: TshellNode): string {
  switch (node.kind) {
    case 'empty':
      return '';
    case 'help':
      return join([node.family ?? '', ...node.path, node.detailed ? '??' : '?']);
    case 'read':
      return join([node.family, ...node.path]);
    case 'set':
      return `${join([node.family, ...node.path.slice(0, -1)])} ${node.path.at(-1) ?? ''}: ${printValue(node.value, node.quoted)}`;
    case 'command':
      return join([node.family, ...node.path, ...node.params.map((p) => `${p.name}: ${printValue(p.value, p.quoted)}`)]);
    case 'shell':
      return join([node.word, ...node.args.map((a) => (bareTokenKind(a) === undefined ? quoteTshellString(a) : a))]);
  }
}

function parseFamily(family: Exclude<Family, 'xFeedback'>, tokens: readonly Token[]): TshellParse {
  const path: string[] = [];
  let i = 0;
  for (let t = tokens[i]; t !== undefined && (t.kind === 'word' || t.kind === 'number'); t = tokens[++i]) {
    if (!PATH_WORD.test(t.value)) {
      const hint = t.value.includes(':') ? '; put a space after the colon of a key' : '';
      return fail('bad-path-word', t, `'${t.value}' is not a path word (letters, digits, '_', '-', or an index)${hint}`);
    }
    path.push(t.value);
  }
  const next = tokens[i];
  if (next === undefined) {
    // DOMAIN §8.1: a bare `xCommand` lists the commands, like `xCommand ?`.
    if (family === 'xCommand') return ok(path.length === 0 ? { kind: 'help', family, path, detailed: false } : { kind: 'command', family, path, params: [] });
    return ok({ kind: 'read', family, path });
  }
  if (next.kind === 'help') return parseHelpTail(family, path, next, tokens.slice(i + 1));
  if (next.kind === 'string') return fail('unexpected-string', next, `a quoted value must follow a 'Name:' key; found ${show(next)}`);
  if (family === 'xConfiguration') return parseSet(path, next, tokens.slice(i + 1));
  if (family === 'xCommand') return parseCommand(path, tokens.slice(i));
  return fail('read-only-family', next, `${family} is read-only: ${show(next)} would set a value; use xConfiguration to change settings`);
}

function parseSet(path: readonly string[], key: Token, tokens: readonly Token[]): TshellParse {
  const [value, extra] = tokens;
  // `xConfiguration Alternates Cluster Name: ?` asks for the leaf's valuespace.
  if (value?.kind === 'help') return parseHelpTail('xConfiguration', [...path, key.value], value, tokens.slice(1));
  const bad = checkValue(key, value);
  if (bad !== undefined) return bad;
  if (extra !== undefined) {
    return fail('trailing-input', extra, `unexpected ${show(extra)} after the value of '${key.raw}'; quote a value that contains spaces`);
  }
  const v = value as Token;
  return ok({ kind: 'set', family: 'xConfiguration', path: [...path, key.value], value: v.value, quoted: v.kind === 'string' });
}

function parseCommand(path: readonly string[], tokens: readonly Token[]): TshellParse {
  const first = tokens[0] as Token;
  if (path.length === 0) {
    return fail('missing-command', first, `xCommand needs a command name before ${show(first)}; to change a setting use xConfiguration`);
  }
  const params: TshellParam[] = [];
  const seen = new Map<string, Token>();
  for (let i = 0; i < tokens.length; i += 2) {
    const key = tokens[i] as Token;
    if (key.kind !== 'key') return fail('expected-parameter', key, `expected a parameter 'Name:' but found ${show(key)}; quote a value that contains spaces`);
    const value = tokens[i + 1];
    const bad = checkValue(key, value);
    if (bad !== undefined) return bad;
    // Names are matched case-insensitively by the product, so `Fqdn:` and `fqdn:` are the same parameter.
    const earlier = seen.get(key.value.toLowerCase());
    if (earlier !== undefined) {
      return fail('duplicate-parameter', key, `parameter '${key.value}' is given twice (first as '${earlier.raw}' at column ${earlier.column})`);
    }
    seen.set(key.value.toLowerCase(), key);
    const v = value as Token;
    params.push({ name: key.value, value: v.value, quoted: v.kind === 'string' });
  }
  return ok({ kind: 'command', family: 'xCommand', path, params });
}

/** A value is a quoted string or a single bare word or number. */
function checkValue(key: Token, value: Token | undefined): TshellParse | undefined {
  if (value === undefined) {
    return failAt('missing-value', key.column + key.raw.length, key.raw, `'${key.raw}' has no value; give a word, a number or a "quoted string"`);
  }
  if (value.kind === 'key' || value.kind === 'help') {
    return fail('missing-value', value, `'${key.raw}' needs a value before ${show(value)}`);
  }
  return undefined;
}

function parseHelpTail(family: Family | undefined, path: readonly string[], mark: Token, after: readonly Token[]): TshellParse {
  const extra = after[0];
  if (extra !== undefined) return fail('trailing-input', extra, `unexpected ${show(extra)} after '${mark.raw}'; '?' and '??' end the line`);
  const detailed = mark.value === '??';
  return ok(family === undefined ? { kind: 'help', path, detailed } : { kind: 'help', family, path, detailed });
}

/**
 * Everything that is not a family line: `exit`, `help <args>`, unknown words (a bare `help` is help,
 * like `?`). `xFeedback` lines are shell
 * lines too (word `xFeedback`), because their arguments are XPath-like expressions (`/Status/...`,
 * DOMAIN §8.2), not path words; only `xFeedback ?`/`??` is help.
 */
function parseShell(word: string, args: readonly Token[]): TshellParse {
  const [only] = args;
  if (word.toLowerCase() === 'help' && only === undefined) return ok({ kind: 'help', path: [], detailed: false });
  if (word === 'xFeedback' && only?.kind === 'help') return parseHelpTail('xFeedback', [], only, args.slice(1));
  return ok({ kind: 'shell', word, args: args.map((t) => (t.kind === 'string' || t.kind === 'help' ? t.value : t.raw)) });
}

function printValue(value: string, quoted: boolean): string {
  const kind = quoted ? undefined : bareTokenKind(value);
  return kind === 'word' || kind === 'number' ? value : quoteTshellString(value);
}

function join(words: readonly string[]): string {
  return words.filter((w) => w !== '').join(' ');
}

function show(t: Token): string {
  const what = t.kind === 'string' ? 'quoted string' : t.kind === 'key' ? 'key' : t.kind === 'help' ? 'help mark' : t.kind;
  return `${what} '${t.raw.length > 40 ? `${t.raw.slice(0, 40)}…` : t.raw}' at column ${t.column}`;
}

function ok(node: TshellNode): TshellParse {
  return { ok: true, node };
}

function fail(code: TshellSyntaxCode, at: Token, message: string): TshellParse {
  return failAt(code, at.column, at.raw, message);
}

function failAt(code: TshellSyntaxCode, column: number, text: string, message: string): TshellParse {
  return { ok: false, error: { code, column, message, text } };
}
