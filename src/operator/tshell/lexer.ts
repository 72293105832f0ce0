/**
 * Tokens of one tshell line (DOMAIN §8.1): words, numbers, `Name:` keys, double-quoted strings and
 * the help marks `?` / `??`. This file owns the character-level syntax and nothing else: it does not
 * know families or paths (parse.ts) or output (render.ts). Design decision: every rejection is a value
 * (`{ ok: false, error }`) with a 0-based UTF-16 column into the original line, never an exception,
 * so a fuzzer can feed it anything (STYLE R8).
 */

/** Token kinds. `key` is a word immediately followed by a colon (`Address:`), `help` is `?` or `??`. */
export type TokenKind = 'word' | 'number' | 'key' | 'string' | 'help';

/**
 * One token. `value` is what the token means (a key's name without the colon, a string's unescaped
 * contents, otherwise the raw text); `raw` is the exact source slice; `column` is where it starts.
 */
export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly raw: string;
  readonly column: number;
}

/** Stable identifiers of syntax errors; tests and the semantic layer branch on these, not on wording. */
export type TshellSyntaxCode =
  | 'line-too-long'
  | 'control-character'
  | 'non-ascii-outside-quotes'
  | 'unterminated-quote'
  | 'bad-escape'
  | 'missing-space'
  | 'bad-help-mark'
  | 'expected-command'
  | 'bad-path-word'
  | 'unexpected-string'
  | 'missing-value'
  | 'trailing-input'
  | 'read-only-family'
  | 'missing-command'
  | 'expected-parameter'
  | 'duplicate-parameter';

/** A rejected line: where (`column`, 0-based, `0 ≤ column ≤ line.length`), what (`text`), and why. */
export interface TshellSyntaxError {
  readonly code: TshellSyntaxCode;
  readonly column: number;
  readonly message: string;
  /** The offending source text (a token, a character, or the rest of the line). */
  readonly text: string;
}

export type LexResult =
  | { readonly ok: true; readonly tokens: readonly Token[] }
  | { readonly ok: false; readonly error: TshellSyntaxError };

/**
 * Longest line accepted, in UTF-16 code units. assumption: the product's limit is not documented
 * (DOMAIN §13); 4096 is far above any 128-character value (§5.2) and bounds the work per line (R8).
 */
export const TSHELL_MAX_LINE_CHARS = 4096;

const KEY_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const NUMBER = /^-?[0-9]+$/;

/**
 * Split one line into tokens. A single trailing `\n`, `\r\n` or `\r` is ignored; a line whose first
 * non-blank character is `#` is a comment (no tokens) — assumption: tshell comments are NOT FOUND in
 * DOMAIN §8; `#` serves runbooks and pasted transcripts.
 *
 * @example lexTshell('xConfiguration Alternates Cluster Name: "Regional"') // 5 tokens, the last a string
 */
export function lexTshell(line: string): LexResult {
  if (line.length > TSHELL_MAX_LINE_CHARS) {
    return fail('line-too-long', TSHELL_MAX_LINE_CHARS, line.slice(TSHELL_MAX_LINE_CHARS, TSHELL_MAX_LINE_CHARS + 16),
      `line is longer than ${TSHELL_MAX_LINE_CHARS} characters`);
  }
  const end = line.endsWith('\r\n') ? line.length - 2 : /[\r\n]$/.test(line) ? line.length - 1 : line.length;
  const bad = findControlCharacter(line, end);
  if (bad !== undefined) return bad;

  const tokens: Token[] = [];
  let i = 0;
  while (i < end) {
    const c = line[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '#' && tokens.length === 0) break;
    const scanned = c === '"' ? scanString(line, i, end) : c === '?' ? scanHelp(line, i, end) : scanWord(line, i, end);
    if ('code' in scanned) return { ok: false, error: scanned };
    tokens.push(scanned.token);
    i = scanned.next;
  }
  return { ok: true, tokens };
}

/** Print `value` as a tshell quoted string: `\` and `"` escaped, nothing else (the lexer's inverse). */
export function quoteTshellString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The kind `text` would lex as if printed unquoted, when it lexes back to exactly one unquoted token
 * with the same text, after a word; `undefined` when it must be quoted (spaces, quotes, empty, non-ASCII).
 */
export function bareTokenKind(text: string): Exclude<TokenKind, 'string'> | undefined {
  // Lexed after a word, as it is printed: at the start of a line `#x` would be a comment.
  const lexed = lexTshell(`x ${text}`);
  const only = lexed.ok && lexed.tokens.length === 2 ? lexed.tokens[1] : undefined;
  return only === undefined || only.kind === 'string' || only.raw !== text ? undefined : only.kind;
}

type Scanned = { token: Token; next: number } | TshellSyntaxError;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** C0 controls except tab, DEL, C1 controls, and the Unicode line/paragraph separators. */
function findControlCharacter(line: string, end: number): LexResult | undefined {
  for (let i = 0; i < end; i++) {
    const code = line.charCodeAt(i);
    const control = (code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
    if (control) {
      return fail('control-character', i, line.charAt(i), `control character ${unicodeName(code)} at column ${i} is not allowed`);
    }
  }
  return undefined;
}

function scanWord(line: string, start: number, end: number): Scanned {
  let i = start;
  while (i < end && !isSpace(line[i]) && line[i] !== '"' && line[i] !== '?') {
    const code = line.charCodeAt(i);
    if (code > 0x7e) {
      return syntaxError('non-ascii-outside-quotes', i, String.fromCodePoint(line.codePointAt(i) ?? code),
        `non-ASCII character ${unicodeName(line.codePointAt(i) ?? code)} at column ${i}; put the value in double quotes`);
    }
    i++;
  }
  const raw = line.slice(start, i);
  const isKey = raw.endsWith(':') && KEY_NAME.test(raw.slice(0, -1));
  // A quote may follow a key directly (`Name:"x"`); anywhere else a word and a quote must be spaced.
  if (line[i] === '"' && !isKey) {
    return syntaxError('missing-space', i, raw, `expected a space between '${raw}' and the quote at column ${i}`);
  }
  const kind: TokenKind = isKey ? 'key' : NUMBER.test(raw) ? 'number' : 'word';
  return { token: { kind, value: isKey ? raw.slice(0, -1) : raw, raw, column: start }, next: i };
}

function scanString(line: string, start: number, end: number): Scanned {
  let value = '';
  let i = start + 1;
  while (i < end) {
    const c = line.charAt(i);
    if (c === '"') {
      i++;
      if (i < end && !isSpace(line[i])) {
        return syntaxError('missing-space', i, line.charAt(i),
          `expected a space after the closing quote at column ${i - 1}, found '${line.charAt(i)}'`);
      }
      return { token: { kind: 'string', value, raw: line.slice(start, i), column: start }, next: i };
    }
    if (c === '\\' && i + 1 < end) {
      const escaped = line.charAt(i + 1);
      if (escaped !== '"' && escaped !== '\\') {
        return syntaxError('bad-escape', i, `\\${escaped}`,
          `unknown escape '\\${escaped}' at column ${i}; only \\" and \\\\ are allowed inside quotes`);
      }
      value += escaped;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  return syntaxError('unterminated-quote', start, line.slice(start, end),
    `unterminated quoted string starting at column ${start}; add the closing '"'`);
}

function scanHelp(line: string, start: number, end: number): Scanned {
  let i = start;
  while (i < end && line[i] === '?') i++;
  const raw = line.slice(start, i);
  if (raw.length > 2) {
    return syntaxError('bad-help-mark', start, raw, `'${raw}' at column ${start} is not a help request; use '?' or '??'`);
  }
  if (i < end && !isSpace(line[i])) {
    return syntaxError('missing-space', i, line.charAt(i), `unexpected '${line.charAt(i)}' right after '${raw}' at column ${i}`);
  }
  return { token: { kind: 'help', value: raw, raw, column: start }, next: i };
}

function unicodeName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function syntaxError(code: TshellSyntaxCode, column: number, text: string, message: string): TshellSyntaxError {
  return { code, column, text, message };
}

function fail(code: TshellSyntaxCode, column: number, text: string, message: string): LexResult {
  return { ok: false, error: syntaxError(code, column, text, message) };
}
