// Every rejection of parseTshellLine names its place (0-based column), the offending text and why.
// Tests assert the stable code and the column (STYLE R7); wording is checked only for its key hint.
import { describe, expect, it } from 'vitest';
import { parseTshellLine } from '../../../src/operator/tshell/parse.js';
import type { TshellSyntaxError } from '../../../src/operator/tshell/parse.js';

function rejection(line: string): TshellSyntaxError {
  const r = parseTshellLine(line);
  if (r.ok) throw new Error(`expected ${JSON.stringify(line)} to be rejected, got ${JSON.stringify(r.node)}`);
  return r.error;
}

describe('tshell parse rejections', () => {
  it('unterminated quote: at the opening quote, with the unterminated text', () => {
    const line = 'xConfiguration Alternates Cluster Name: "Regional';
    expect(rejection(line)).toMatchObject({ code: 'unterminated-quote', column: line.indexOf('"'), text: '"Regional' });
  });

  it('Key: with no value: just after the key, with the key as text', () => {
    const line = 'xConfiguration Alternates ConfigurationPrimary:';
    expect(rejection(line)).toMatchObject({ code: 'missing-value', column: line.length, text: 'ConfigurationPrimary:' });
    expect(rejection(`${line}   `)).toMatchObject({ code: 'missing-value', column: line.length });
  });

  it('Key: followed by another key: at the second key', () => {
    const line = 'xCommand Cluster Address Mapping Add Fqdn: IpAddress: "10.0.0.2"';
    expect(rejection(line)).toMatchObject({ code: 'missing-value', column: line.indexOf('IpAddress'), text: 'IpAddress:' });
  });

  it('a parameter value of ? is missing, not help: at the ?', () => {
    expect(rejection('xCommand Restart Level: ?')).toMatchObject({ code: 'missing-value', column: 24 });
  });

  it('a bare value then trailing words: at the first trailing word, with a hint to quote', () => {
    const line = 'xConfiguration Alternates Cluster Name: Regional cluster';
    const e = rejection(line);
    expect(e).toMatchObject({ code: 'trailing-input', column: line.indexOf('cluster'), text: 'cluster' });
    expect(e.message).toMatch(/quote/);
  });

  it('a quoted value then more input: at the extra token', () => {
    const line = 'xConfiguration Alternates Cluster Name: "Regional" "x"';
    expect(rejection(line)).toMatchObject({ code: 'trailing-input', column: line.lastIndexOf('"x"') });
  });

  it('input after ? or ??: at the extra token', () => {
    expect(rejection('xConfiguration ? Alternates')).toMatchObject({ code: 'trailing-input', column: 17, text: 'Alternates' });
    expect(rejection('?? x')).toMatchObject({ code: 'trailing-input', column: 3 });
  });

  it('a word where a parameter is expected: at the word', () => {
    const line = 'xCommand Cluster Address Mapping Add Fqdn: a.example.com 10.0.0.2';
    expect(rejection(line)).toMatchObject({ code: 'expected-parameter', column: line.indexOf('10.0.0.2') });
  });

  it('duplicate params (names compare case-insensitively): at the second one, naming the first', () => {
    const line = 'xCommand Cluster Address Mapping Add Fqdn: "a" IpAddress: "10.0.0.2" fqdn: "b"';
    const e = rejection(line);
    expect(e).toMatchObject({ code: 'duplicate-parameter', column: line.indexOf('fqdn:'), text: 'fqdn:' });
    expect(e.message).toContain(`column ${line.indexOf('Fqdn:')}`);
  });

  it.each(['xStatus', 'xstatus', 'xHistory'])('a set on %s: at the key, read-only', (family) => {
    const line = `${family} Alternates Cluster Name: "x"`;
    expect(rejection(line)).toMatchObject({ code: 'read-only-family', column: line.indexOf('Name:'), text: 'Name:' });
  });

  it('a set on xCommand with no command name: at the key, pointing to xConfiguration', () => {
    const e = rejection('xCommand Address: "10.0.0.2"');
    expect(e).toMatchObject({ code: 'missing-command', column: 9 });
    expect(e.message).toMatch(/xConfiguration/);
  });

  it('a quoted string where a path word or key is expected: at the string', () => {
    expect(rejection('xConfiguration Alternates "Cluster"')).toMatchObject({ code: 'unexpected-string', column: 26 });
  });

  it('Key:value with no space: at the glued word, with a hint', () => {
    const e = rejection('xConfiguration Alternates ConfigurationPrimary:1');
    expect(e).toMatchObject({ code: 'bad-path-word', column: 26, text: 'ConfigurationPrimary:1' });
    expect(e.message).toMatch(/space after the colon/);
  });

  it.each(['1a', 'a.b', '-1', '/Status', 'Peer*'])('path word %j that is neither a name nor an index is rejected', (word) => {
    expect(rejection(`xStatus Alternates ${word}`)).toMatchObject({ code: 'bad-path-word', column: 19, text: word });
  });

  it('a line starting with a key or a quoted string: at column 0', () => {
    expect(rejection('Name: "x"')).toMatchObject({ code: 'expected-command', column: 0 });
    expect(rejection('"exit"')).toMatchObject({ code: 'expected-command', column: 0 });
  });

  it.each([
    ['BEL', 'xStatus \u0007Alternates', 8],
    ['ESC in a value', 'xConfiguration Alternates Cluster Name: "a\u001b[2Jb"', 42],
    ['NUL', 'xCommand Boot\u0000', 13],
    ['C1 CSI', 'xCommand \u009bBoot', 9],
  ])('control characters (%s) are rejected at their column', (_name, line, column) => {
    const e = rejection(line);
    expect(e).toMatchObject({ code: 'control-character', column });
    expect(e.message).toMatch(/U\+00[0-9A-F]{2}/);
  });
});
