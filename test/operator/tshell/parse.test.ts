// Unit tests for parseTshellLine and canonicalTshell: one block per node kind, then the literal
// command examples of DOMAIN §5.2 and §8.3, each checked for its node and its canonical form.
import { describe, expect, it } from 'vitest';
import { canonicalTshell, parseTshellLine } from '../../../src/operator/tshell/parse.js';
import type { TshellNode } from '../../../src/operator/tshell/parse.js';

function node(line: string): TshellNode {
  const r = parseTshellLine(line);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(line)} to parse, got ${JSON.stringify(r.error)}`);
  return r.node;
}

describe('tshell parse: empty', () => {
  it.each(['', '   ', '\t', '# a comment', '  # xCommand Boot', '\r\n'])('%j is an empty node', (line) => {
    expect(node(line)).toEqual({ kind: 'empty' });
  });
});

describe('tshell parse: help (DOMAIN §8.1)', () => {
  it.each<[string, TshellNode]>([
    ['?', { kind: 'help', path: [], detailed: false }],
    ['??', { kind: 'help', path: [], detailed: true }],
    ['help', { kind: 'help', path: [], detailed: false }],
    ['HELP', { kind: 'help', path: [], detailed: false }],
    ['xConfiguration ?', { kind: 'help', family: 'xConfiguration', path: [], detailed: false }],
    ['xConfiguration ??', { kind: 'help', family: 'xConfiguration', path: [], detailed: true }],
    ['xConfiguration Alternates ?', { kind: 'help', family: 'xConfiguration', path: ['Alternates'], detailed: false }],
    ['xCommand Restart ?', { kind: 'help', family: 'xCommand', path: ['Restart'], detailed: false }],
    ['xCommand ??', { kind: 'help', family: 'xCommand', path: [], detailed: true }],
    ['xStatus ?', { kind: 'help', family: 'xStatus', path: [], detailed: false }],
    ['xFeedback ?', { kind: 'help', family: 'xFeedback', path: [], detailed: false }],
    ['xstatus Alternates?', { kind: 'help', family: 'xStatus', path: ['Alternates'], detailed: false }],
    ['xConfiguration Alternates Cluster Name: ?', { kind: 'help', family: 'xConfiguration', path: ['Alternates', 'Cluster', 'Name'], detailed: false }],
  ])('%j', (line, expected) => {
    expect(node(line)).toEqual(expected);
  });

  it('a bare `xCommand` lists the commands like `xCommand ?` (DOMAIN §8.1)', () => {
    expect(node('xCommand')).toEqual({ kind: 'help', family: 'xCommand', path: [], detailed: false });
  });
});

describe('tshell parse: read', () => {
  it.each<[string, TshellNode]>([
    ['xStatus Alternates', { kind: 'read', family: 'xStatus', path: ['Alternates'] }],
    ['xstatus Cluster', { kind: 'read', family: 'xStatus', path: ['Cluster'] }],
    ['xConfiguration Alternates', { kind: 'read', family: 'xConfiguration', path: ['Alternates'] }],
    ['xConfiguration', { kind: 'read', family: 'xConfiguration', path: [] }],
    ['xConfiguration Alternates Peer 1 Address', { kind: 'read', family: 'xConfiguration', path: ['Alternates', 'Peer', '1', 'Address'] }],
    ['xHistory', { kind: 'read', family: 'xHistory', path: [] }],
  ])('%j', (line, expected) => {
    expect(node(line)).toEqual(expected);
  });

  it('family keywords are case-insensitive and canonicalised; path words keep their spelling', () => {
    for (const family of ['xconfiguration', 'XCONFIGURATION', 'XConfiguration']) {
      expect(node(`${family} alternates PEER 1`)).toEqual({ kind: 'read', family: 'xConfiguration', path: ['alternates', 'PEER', '1'] });
    }
  });

  it('abbreviated families are not families (DOMAIN §8 documents none): `xconfig` is a shell word', () => {
    expect(node('xconfig Alternates')).toEqual({ kind: 'shell', word: 'xconfig', args: ['Alternates'] });
  });
});

describe('tshell parse: set', () => {
  it('a quoted value keeps spaces and escaped quotes', () => {
    expect(node('xConfiguration Alternates Cluster Name: "my \\"big\\" cluster"')).toEqual({
      kind: 'set', family: 'xConfiguration', path: ['Alternates', 'Cluster', 'Name'], value: 'my "big" cluster', quoted: true,
    });
  });

  it('a bare value may be a number or a word (an IPv6 address with colons included)', () => {
    expect(node('xConfiguration Alternates ConfigurationPrimary: 1')).toMatchObject({ value: '1', quoted: false });
    expect(node('xConfiguration Alternates Peer 2 Address: fe80::2')).toMatchObject({ value: 'fe80::2', quoted: false });
  });

  it('an empty quoted value is a value (clearing Peer N address, DOMAIN §6.7)', () => {
    expect(node('xConfiguration Alternates Peer 3 Address: ""')).toMatchObject({ kind: 'set', value: '', quoted: true });
  });

  it('extra blanks and a glued quote are accepted and normalised by canonical printing', () => {
    const n = node('  xConfiguration\tAlternates   Cluster  Name:"Regional"  ');
    expect(canonicalTshell(n)).toBe('xConfiguration Alternates Cluster Name: "Regional"');
  });
});

describe('tshell parse: command', () => {
  it('repeated Name: value pairs become ordered params', () => {
    expect(node('xCommand DNS Lookup Hostname: peer2.example.com RecordType: srv')).toEqual({
      kind: 'command', family: 'xCommand', path: ['DNS', 'Lookup'],
      params: [{ name: 'Hostname', value: 'peer2.example.com', quoted: false }, { name: 'RecordType', value: 'srv', quoted: false }],
    });
  });

  it('a command with no params has an empty param list', () => {
    expect(node('xCommand Boot')).toEqual({ kind: 'command', family: 'xCommand', path: ['Boot'], params: [] });
  });
});

describe('tshell parse: shell words', () => {
  it.each<[string, TshellNode]>([
    ['exit', { kind: 'shell', word: 'exit', args: [] }],
    ['quit', { kind: 'shell', word: 'quit', args: [] }],
    ['clear', { kind: 'shell', word: 'clear', args: [] }],
    ['history 5', { kind: 'shell', word: 'history', args: ['5'] }],
    ['help xConfiguration', { kind: 'shell', word: 'help', args: ['xConfiguration'] }],
    ['set-access qwertsys', { kind: 'shell', word: 'set-access', args: ['qwertsys'] }],
    ['frobnicate "a b" Key: ?', { kind: 'shell', word: 'frobnicate', args: ['a b', 'Key:', '?'] }],
    // xFeedback arguments are XPath-like expressions, not path words (DOMAIN §8.2), so the semantic layer gets them raw.
    ['xfeedback register /Status/Alarm', { kind: 'shell', word: 'xFeedback', args: ['register', '/Status/Alarm'] }],
  ])('%j', (line, expected) => {
    expect(node(line)).toEqual(expected);
  });
});

describe('tshell parse: the examples of DOMAIN §5.2 and §8.3 parse to their node and print canonically', () => {
  it.each<[string, TshellNode, string]>([
    ['xcommand ForceConfigUpdate', { kind: 'command', family: 'xCommand', path: ['ForceConfigUpdate'], params: [] }, 'xCommand ForceConfigUpdate'],
    ['xCommand ForceSystemKeyUpdate', { kind: 'command', family: 'xCommand', path: ['ForceSystemKeyUpdate'], params: [] }, 'xCommand ForceSystemKeyUpdate'],
    [
      'xCommand Cluster Address Mapping Add Fqdn: "a.example.com" IpAddress: "10.0.0.2"',
      {
        kind: 'command', family: 'xCommand', path: ['Cluster', 'Address', 'Mapping', 'Add'],
        params: [{ name: 'Fqdn', value: 'a.example.com', quoted: true }, { name: 'IpAddress', value: '10.0.0.2', quoted: true }],
      },
      'xCommand Cluster Address Mapping Add Fqdn: "a.example.com" IpAddress: "10.0.0.2"',
    ],
    [
      'xCommand Cluster Address Mapping Delete Fqdn: "a.example.com" IpAddress: "10.0.0.2"',
      {
        kind: 'command', family: 'xCommand', path: ['Cluster', 'Address', 'Mapping', 'Delete'],
        params: [{ name: 'Fqdn', value: 'a.example.com', quoted: true }, { name: 'IpAddress', value: '10.0.0.2', quoted: true }],
      },
      'xCommand Cluster Address Mapping Delete Fqdn: "a.example.com" IpAddress: "10.0.0.2"',
    ],
    [
      'xConfiguration Alternates ConfigurationPrimary: 1',
      { kind: 'set', family: 'xConfiguration', path: ['Alternates', 'ConfigurationPrimary'], value: '1', quoted: false },
      'xConfiguration Alternates ConfigurationPrimary: 1',
    ],
    [
      'xConfiguration Alternates Cluster Name: "Regional"',
      { kind: 'set', family: 'xConfiguration', path: ['Alternates', 'Cluster', 'Name'], value: 'Regional', quoted: true },
      'xConfiguration Alternates Cluster Name: "Regional"',
    ],
    [
      'xConfiguration Alternates Peer 1 Address: "10.0.0.2"',
      { kind: 'set', family: 'xConfiguration', path: ['Alternates', 'Peer', '1', 'Address'], value: '10.0.0.2', quoted: true },
      'xConfiguration Alternates Peer 1 Address: "10.0.0.2"',
    ],
    // The doc's mistyped example (DOMAIN §5.2) is still valid syntax; rejecting the path is the semantic layer's job.
    [
      'xConfiguration Alternates 1 Peer Address: "cluster1peer3.example.com"',
      { kind: 'set', family: 'xConfiguration', path: ['Alternates', '1', 'Peer', 'Address'], value: 'cluster1peer3.example.com', quoted: true },
      'xConfiguration Alternates 1 Peer Address: "cluster1peer3.example.com"',
    ],
    ['xStatus Alternates', { kind: 'read', family: 'xStatus', path: ['Alternates'] }, 'xStatus Alternates'],
    ['xStatus Cluster', { kind: 'read', family: 'xStatus', path: ['Cluster'] }, 'xStatus Cluster'],
    ['xConfiguration ?', { kind: 'help', family: 'xConfiguration', path: [], detailed: false }, 'xConfiguration ?'],
    ['xCommand Restart ?', { kind: 'help', family: 'xCommand', path: ['Restart'], detailed: false }, 'xCommand Restart ?'],
    ['xCommand Restart', { kind: 'command', family: 'xCommand', path: ['Restart'], params: [] }, 'xCommand Restart'],
    [
      'xCommand DefaultValuesSet Level: 1',
      { kind: 'command', family: 'xCommand', path: ['DefaultValuesSet'], params: [{ name: 'Level', value: '1', quoted: false }] },
      'xCommand DefaultValuesSet Level: 1',
    ],
    [
      'xCommand Default Values Set Level: 2',
      { kind: 'command', family: 'xCommand', path: ['Default', 'Values', 'Set'], params: [{ name: 'Level', value: '2', quoted: false }] },
      'xCommand Default Values Set Level: 2',
    ],
    [
      'xCommand Option Key Delete OptionKeyId: 3',
      { kind: 'command', family: 'xCommand', path: ['Option', 'Key', 'Delete'], params: [{ name: 'OptionKeyId', value: '3', quoted: false }] },
      'xCommand Option Key Delete OptionKeyId: 3',
    ],
  ])('%j', (line, expected, canonical) => {
    const n = node(line);
    expect(n).toEqual(expected);
    expect(canonicalTshell(n)).toBe(canonical);
    expect(node(canonicalTshell(n))).toEqual(n);
  });
});

describe('tshell canonical form', () => {
  it('prints unquoted values bare and quoted values quoted, so the quoted flag survives', () => {
    expect(canonicalTshell(node('xCommand Ping Hostname: "1"'))).toBe('xCommand Ping Hostname: "1"');
    expect(canonicalTshell(node('xCommand Ping Hostname: 1'))).toBe('xCommand Ping Hostname: 1');
  });

  it('quotes shell arguments that would not lex back as themselves', () => {
    const n = node('echo "a b" "" "#x" "\\"q\\"" plain');
    expect(canonicalTshell(n)).toBe('echo "a b" "" #x "\\"q\\"" plain');
    expect(node(canonicalTshell(n))).toEqual(n);
  });

  it('prints help without a family as ? or ??, and empty as the empty line', () => {
    expect(canonicalTshell({ kind: 'help', path: [], detailed: true })).toBe('??');
    expect(canonicalTshell({ kind: 'empty' })).toBe('');
  });

  it('quotes an unquoted value that could not be printed bare (node built by hand, not by the parser)', () => {
    expect(canonicalTshell({ kind: 'set', family: 'xConfiguration', path: ['A', 'B'], value: 'two words', quoted: false }))
      .toBe('xConfiguration A B: "two words"');
  });
});
