// Unit tests for the tshell lexer (DOMAIN §8.1 syntax): token kinds, columns, escapes, and every
// lexical rejection with its code and 0-based column.
import { describe, expect, it } from 'vitest';
import { bareTokenKind, lexTshell, quoteTshellString, TSHELL_MAX_LINE_CHARS } from '../../../src/operator/tshell/lexer.js';

function tokens(line: string) {
  const r = lexTshell(line);
  if (!r.ok) throw new Error(`expected tokens, got ${JSON.stringify(r.error)}`);
  return r.tokens.map((t) => [t.kind, t.value, t.column]);
}

function error(line: string) {
  const r = lexTshell(line);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(line)}`);
  return r.error;
}

describe('tshell lexer: tokens', () => {
  it('words, numbers, Name: keys and quoted strings carry their kind, meaning and start column', () => {
    expect(tokens('xConfiguration Alternates Peer 1 Address: "10.0.0.2"')).toEqual([
      ['word', 'xConfiguration', 0],
      ['word', 'Alternates', 15],
      ['word', 'Peer', 26],
      ['number', '1', 31],
      ['key', 'Address', 33],
      ['string', '10.0.0.2', 42],
    ]);
  });

  it('a quoted string unescapes \\" and \\\\ and keeps spaces, colons and non-ASCII text', () => {
    expect(tokens(String.raw`"a \"b\" c:\\d é"`)).toEqual([['string', 'a "b" c:\\d é', 0]]);
  });

  it('"" is an empty string token', () => {
    expect(tokens('Name: ""')).toEqual([['key', 'Name', 0], ['string', '', 6]]);
  });

  it('? and ?? are help marks, also right after a word (`Alternates?`)', () => {
    expect(tokens('xStatus Alternates?')).toEqual([['word', 'xStatus', 0], ['word', 'Alternates', 8], ['help', '?', 18]]);
    expect(tokens('xConfiguration ??')).toEqual([['word', 'xConfiguration', 0], ['help', '??', 15]]);
  });

  it('a key may be followed directly by a quoted value (`Fqdn:"a"`)', () => {
    expect(tokens('Fqdn:"a"')).toEqual([['key', 'Fqdn', 0], ['string', 'a', 5]]);
  });

  it('a colon inside a word does not make a key: `fe80::1`, `fe80::` and `1:` are words', () => {
    expect(tokens('fe80::1 fe80:: 1:')).toEqual([['word', 'fe80::1', 0], ['word', 'fe80::', 8], ['word', '1:', 15]]);
  });

  it('only whole signed integers are numbers; `10.0.0.2`, `+1` and `1e3` are words', () => {
    expect(tokens('-7 10.0.0.2 +1 1e3').map((t) => t[0])).toEqual(['number', 'word', 'word', 'word']);
  });

  it('tabs separate tokens, and one trailing \\r\\n, \\n or \\r is ignored', () => {
    expect(tokens('exit\tnow\r\n')).toEqual([['word', 'exit', 0], ['word', 'now', 5]]);
    expect(tokens('exit\n')).toEqual([['word', 'exit', 0]]);
    expect(tokens('exit\r')).toEqual([['word', 'exit', 0]]);
  });

  it('a line whose first non-blank character is # is a comment with no tokens; # later is a word', () => {
    expect(tokens('   # xCommand Boot')).toEqual([]);
    expect(tokens('echo #1')).toEqual([['word', 'echo', 0], ['word', '#1', 5]]);
  });
});

describe('tshell lexer: rejections name the place and the text', () => {
  it('unterminated quote: column of the opening quote', () => {
    expect(error('Name: "abc')).toMatchObject({ code: 'unterminated-quote', column: 6, text: '"abc' });
  });

  it('a backslash escaping the closing quote leaves the string unterminated', () => {
    expect(error('"abc\\"')).toMatchObject({ code: 'unterminated-quote', column: 0 });
  });

  it('unknown escape: column of the backslash', () => {
    expect(error('"C:\\temp"')).toMatchObject({ code: 'bad-escape', column: 3, text: '\\t' });
  });

  it('text glued to a closing quote: column of the first glued character', () => {
    expect(error('"a"b')).toMatchObject({ code: 'missing-space', column: 3 });
  });

  it('a word glued to an opening quote (not a key): column of the quote', () => {
    expect(error('abc"d"')).toMatchObject({ code: 'missing-space', column: 3 });
  });

  it('??? is not a help mark; ?x is glued text', () => {
    expect(error('xCommand ???')).toMatchObject({ code: 'bad-help-mark', column: 9, text: '???' });
    expect(error('?x')).toMatchObject({ code: 'missing-space', column: 1 });
  });

  it.each([
    ['NUL', 'a\u0000b', 1],
    ['BEL', 'xStatus\u0007', 7],
    ['ESC inside quotes', 'Name: "a\u001bb"', 8],
    ['DEL', '\u007f', 0],
    ['C1 NEL', 'x\u0085', 1],
    ['LINE SEPARATOR', 'x \u2028', 2],
    ['a newline that is not the last character', 'exit\nquit', 4],
  ])('control character (%s) is rejected at its column', (_name, line, column) => {
    expect(error(line)).toMatchObject({ code: 'control-character', column });
  });

  it('non-ASCII outside quotes is rejected with a hint to quote it', () => {
    const e = error('Name: café');
    expect(e).toMatchObject({ code: 'non-ascii-outside-quotes', column: 9, text: 'é' });
    expect(e.message).toMatch(/double quotes/);
  });

  it(`a line longer than ${TSHELL_MAX_LINE_CHARS} characters is rejected at the limit`, () => {
    expect(error('x'.repeat(TSHELL_MAX_LINE_CHARS + 1))).toMatchObject({ code: 'line-too-long', column: TSHELL_MAX_LINE_CHARS });
    expect(lexTshell('x'.repeat(TSHELL_MAX_LINE_CHARS)).ok).toBe(true);
  });
});

describe('tshell lexer: printing helpers are inverses of lexing', () => {
  it('quoteTshellString escapes exactly \\ and " so the string lexes back to its value', () => {
    const value = 'say "hi" \\ there';
    expect(quoteTshellString(value)).toBe(String.raw`"say \"hi\" \\ there"`);
    expect(tokens(quoteTshellString(value))).toEqual([['string', value, 0]]);
  });

  it('bareTokenKind says which texts survive unquoted', () => {
    expect(bareTokenKind('abc')).toBe('word');
    expect(bareTokenKind('12')).toBe('number');
    expect(bareTokenKind('Name:')).toBe('key');
    expect(bareTokenKind('?')).toBe('help');
    // `#x` is a word after another word, which is where printed values and arguments go.
    expect(bareTokenKind('#x')).toBe('word');
    for (const t of ['', 'a b', '"a"', 'é', 'a\n', ' a', 'a"']) expect(bareTokenKind(t)).toBeUndefined();
  });
});
