// Render tests: the exact line shapes of DOMAIN §8.2 (`*c`, `*s … /`, `*s/end` then `OK`, `*r … *r/end`
// then `OK`) and the valuespace notation of §8.1. Whole outputs are compared, so any drift in
// indentation, quoting or terminators fails a test.
import { describe, expect, it } from 'vitest';
import {
  formatIndexRange, formatValuespace, renderConfiguration, renderError, renderHelp, renderOk, renderResult, renderStatus,
  STATUS_MAX_DEPTH, XACLI, XACLI_ERROR_SHAPE,
} from '../../../src/operator/tshell/render.js';
import type { StatusRecord } from '../../../src/operator/tshell/render.js';

describe('renderConfiguration (DOMAIN §8.2 *c lines)', () => {
  it('prints one *c xConfiguration line per entry, quoting only where asked, then OK', () => {
    expect(renderConfiguration([
      { path: ['Alternates', 'Cluster', 'Name'], value: 'Regional', quote: true },
      { path: ['Alternates', 'ConfigurationPrimary'], value: 1, quote: false },
      { path: ['Alternates', 'Peer', '1', 'Address'], value: '10.0.0.2', quote: true },
      { path: ['Alternates', 'Peer', '2', 'Address'], value: '', quote: true },
    ])).toEqual([
      '*c xConfiguration Alternates Cluster Name: "Regional"',
      '*c xConfiguration Alternates ConfigurationPrimary: 1',
      '*c xConfiguration Alternates Peer 1 Address: "10.0.0.2"',
      '*c xConfiguration Alternates Peer 2 Address: ""',
      'OK',
    ]);
  });

  it('escapes quotes and backslashes inside quoted values', () => {
    expect(renderConfiguration([{ path: ['A'], value: 'say "hi" \\', quote: true }])[0]).toBe('*c xConfiguration A: "say \\"hi\\" \\\\"');
  });

  it('an empty listing is just OK', () => {
    expect(renderConfiguration([])).toEqual(['OK']);
  });
});

describe('renderStatus (DOMAIN §8.2 *s blocks)', () => {
  it('header `*s <root>: /`, indented Name: value lines, strings quoted, numbers bare, then *s/end and OK', () => {
    expect(renderStatus('SystemUnit', { Product: 'TANDBERG VCS', Uptime: 2049, Software: { Version: 'X15.0', Build: '123' } })).toEqual([
      '*s SystemUnit: /',
      '    Product: "TANDBERG VCS"',
      '    Uptime: 2049',
      '    Software:',
      '      Version: "X15.0"',
      '      Build: "123"',
      '*s/end',
      'OK',
    ]);
  });

  it('the Greenbone detector finds its header, its Build line and its terminator (DOMAIN §8.2 [GB])', () => {
    const text = renderStatus('SystemUnit', { Software: { Build: '1a2b' }, ExpresswaySeries: 'True' }).join('\r\n');
    expect(text.split('\r\n')).toContain('*s SystemUnit: /');
    expect(text).toMatch(/Build: "([^"]+)"/);
    expect(text).toMatch(/\*s\/end[\r\n]+OK$/);
  });

  it('arrays are 1-based indexed items; records nest two spaces deeper per level', () => {
    const tree: StatusRecord = {
      Peer: [{ Address: '10.0.0.1', Status: 'Active' }, { Address: '10.0.0.2', Status: 'Failed' }],
      Primary: [1],
      Deep: { A: { B: { C: 0 } } },
    };
    expect(renderStatus('Alternates', tree)).toEqual([
      '*s Alternates: /',
      '    Peer 1:',
      '      Address: "10.0.0.1"',
      '      Status: "Active"',
      '    Peer 2:',
      '      Address: "10.0.0.2"',
      '      Status: "Failed"',
      '    Primary 1: 1',
      '    Deep:',
      '      A:',
      '        B:',
      '          C: 0',
      '*s/end',
      'OK',
    ]);
  });

  it('quoting is by type: the string "1" is quoted, the number 1 is not', () => {
    expect(renderStatus('X', { S: '1', N: 1 }).slice(1, 3)).toEqual(['    S: "1"', '    N: 1']);
  });

  it('an empty tree is header, *s/end, OK', () => {
    expect(renderStatus('Cluster', {})).toEqual(['*s Cluster: /', '*s/end', 'OK']);
  });

  it('rejects numeric-like element names, whose object key order JavaScript does not keep (STYLE R5a)', () => {
    expect(() => renderStatus('X', { '2': 'b', a: 'a' })).toThrow(RangeError);
  });

  it('rejects non-finite numbers and trees deeper than the bound (a cycle would otherwise recurse forever)', () => {
    expect(() => renderStatus('X', { N: Number.NaN })).toThrow(RangeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.Self = cyclic;
    expect(() => renderStatus('X', cyclic as StatusRecord)).toThrow(new RegExp(`${STATUS_MAX_DEPTH} levels`));
  });
});

describe('renderResult and renderError (DOMAIN §8.2 *r blocks, XACLI family)', () => {
  it('OK result: `*r <Name>Result (status=OK):`, fields (strings quoted by default), *r/end, OK', () => {
    expect(renderResult('ForceConfigUpdate', 'OK', [{ name: 'Detail', value: 'done' }, { name: 'Count', value: 2 }])).toEqual([
      '*r ForceConfigUpdateResult (status=OK):',
      '    Detail: "done"',
      '    Count: 2',
      '*r/end',
      'OK',
    ]);
  });

  it('a field can force bare or quoted printing', () => {
    expect(renderResult('X', 'OK', [{ name: 'Mode', value: 'On', quote: false }, { name: 'Id', value: 3, quote: true }]).slice(1, 3))
      .toEqual(['    Mode: On', '    Id: "3"']);
  });

  it('an OK result with no fields is header, *r/end, OK', () => {
    expect(renderResult('Boot', 'OK', [])).toEqual(['*r BootResult (status=OK):', '*r/end', 'OK']);
  });

  it('Error result: (status=Error) with the Reason line first, then *r/end and OK', () => {
    expect(renderResult('ClusterAddressMappingAdd', 'Error', [{ name: 'XPath', value: '/Cluster' }, { name: 'Reason', value: 'Duplicate FQDN' }])).toEqual([
      '*r ClusterAddressMappingAddResult (status=Error):',
      '    Reason: "Duplicate FQDN"',
      '    XPath: "/Cluster"',
      '*r/end',
      'OK',
    ]);
  });

  it('an Error result without a Reason is a caller bug and throws', () => {
    expect(() => renderResult('X', 'Error', [])).toThrow(RangeError);
  });

  it('renderError uses the one documented XACLI error shape with an anonymous Result header', () => {
    expect(renderError('unterminated quoted string starting at column 40')).toEqual([
      '*r Result (status=Error):',
      '    Reason: "unterminated quoted string starting at column 40"',
      '*r/end',
      'OK',
    ]);
    expect(XACLI_ERROR_SHAPE.header('')).toBe('*r Result (status=Error):');
    expect([XACLI_ERROR_SHAPE.end, XACLI_ERROR_SHAPE.terminator]).toEqual(['*r/end', 'OK']);
  });

  it('renderError escapes quotes in the message so the Reason line stays one quoted string', () => {
    expect(renderError('bad "x"')[1]).toBe('    Reason: "bad \\"x\\""');
  });

  it('renderOk is the bare OK line', () => {
    expect(renderOk()).toEqual([XACLI.ok]);
  });
});

describe('renderHelp and the valuespace notation (DOMAIN §8.1)', () => {
  it.each([
    [{ kind: 'string', minLength: 0, maxLength: 128 } as const, '<S: 0, 128>'],
    [{ kind: 'integer', min: 1, max: 6 } as const, '<1..6>'],
    [{ kind: 'integer', min: 0, max: 63 } as const, '<0..63>'],
    [{ kind: 'enum', values: ['Off', 'On'] } as const, '<Off/On>'],
    [{ kind: 'enum', values: ['Off', 'Direct', 'Indirect'] } as const, '<Off/Direct/Indirect>'],
    ['<S: 7,15>', '<S: 7,15>'],
  ])('%j prints as %s', (v, text) => {
    expect(formatValuespace(v)).toBe(text);
  });

  it('indexed items print as [1..6]', () => {
    expect(formatIndexRange(1, 6)).toBe('[1..6]');
  });

  const entries = [
    { path: `xConfiguration Alternates Peer ${formatIndexRange(1, 6)} Address`, valuespace: { kind: 'string', minLength: 0, maxLength: 128 } as const, description: 'Peer address.\nFQDN recommended.' },
    { path: 'xConfiguration Alternates ConfigurationPrimary', valuespace: { kind: 'integer', min: 1, max: 6 } as const },
    {
      path: 'xCommand Cluster Address Mapping Add',
      params: [
        { name: 'Fqdn', valuespace: { kind: 'string', minLength: 0, maxLength: 128 } as const, required: true },
        { name: 'IpAddress', valuespace: { kind: 'string', minLength: 0, maxLength: 39 } as const, required: true },
      ],
    },
    { path: 'xCommand Restart' },
  ];

  it('? lists only the paths, each as a *h line, then OK', () => {
    expect(renderHelp(entries, false)).toEqual([
      '*h xConfiguration Alternates Peer [1..6] Address',
      '*h xConfiguration Alternates ConfigurationPrimary',
      '*h xCommand Cluster Address Mapping Add',
      '*h xCommand Restart',
      'OK',
    ]);
  });

  it('?? adds valuespaces, (r) on required params, and indented description lines', () => {
    expect(renderHelp(entries, true)).toEqual([
      '*h xConfiguration Alternates Peer [1..6] Address: <S: 0, 128>',
      '    Peer address.',
      '    FQDN recommended.',
      '*h xConfiguration Alternates ConfigurationPrimary: <1..6>',
      '*h xCommand Cluster Address Mapping Add',
      '    Fqdn(r): <S: 0, 128>',
      '    IpAddress(r): <S: 0, 39>',
      '*h xCommand Restart',
      'OK',
    ]);
  });
});
