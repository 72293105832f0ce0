// The semantic tshell over a small cluster (expc01 primary, expc02 subordinate, expc03 standalone):
// reads, sets, help, xCommands and xStatus, compared line by line where the shape is the point
// (DOMAIN §8.2), and every refusal checked to leave the world unchanged.
import { describe, expect, it } from 'vitest';
import { runTshell } from '../../../src/operator/index.js';
import { createTwin, type Twin } from '../../../src/twin.js';
import { smallTwin, worldOf } from '../helpers.js';

function ok(twin: Twin, peer: string, line: string): readonly string[] {
  const r = runTshell(twin, peer, line);
  expect(r.ok, `${line}\n${r.output.join('\n')}`).toBe(true);
  return r.output;
}

/** Refused: XACLI error shape (header, Reason, *r/end, OK), the given code, and nothing changed. */
function refused(twin: Twin, peer: string, line: string, code: string, header = '*r Result (status=Error):'): string {
  const before = worldOf(twin);
  const r = runTshell(twin, peer, line);
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe(code);
  expect(r.output[0]).toBe(header);
  expect(r.output[1]).toMatch(/^ {4}Reason: ".+"$/);
  expect(r.output.slice(-2)).toEqual(['*r/end', 'OK']);
  expect(worldOf(twin)).toEqual(before);
  return r.output[1]!;
}

describe('tshell xConfiguration: reads', () => {
  it('a leaf prints one *c line then OK; path words match in any case', () => {
    const twin = smallTwin();
    const expected = ['*c xConfiguration Alternates Peer 2 Address: "10.0.0.12"', 'OK'];
    expect(ok(twin, 'expc01', 'xConfiguration Alternates Peer 2 Address')).toEqual(expected);
    expect(ok(twin, 'expc01', 'xconfiguration alternates PEER 2 address')).toEqual(expected);
  });

  it('a prefix prints the subtree: integers and enums bare, strings quoted (DOMAIN §8.1, §8.2)', () => {
    expect(ok(smallTwin(), 'expc01', 'xConfiguration Alternates Cluster')).toEqual([
      '*c xConfiguration Alternates Cluster Name: "cluster1.example.com"',
      '*c xConfiguration Alternates Cluster IPVersion: IPv4',
      '*c xConfiguration Alternates Cluster TLSVerificationMode: Permissive',
      '*c xConfiguration Alternates Cluster AddressMapping Mode: Off',
      'OK',
    ]);
    expect(ok(smallTwin(), 'expc01', 'xConfiguration Alternates ConfigurationPrimary')).toEqual(['*c xConfiguration Alternates ConfigurationPrimary: 1', 'OK']);
  });

  it('a bare xConfiguration lists every key; passwords are masked', () => {
    const lines = ok(smallTwin(), 'expc01', 'xConfiguration');
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.every((l) => l === 'OK' || l.startsWith('*c xConfiguration '))).toBe(true);
    expect(lines).toContain('*c xConfiguration Administration AdminPassword: "********"');
  });

  it('an unknown path is refused naming the path', () => {
    const twin = smallTwin();
    refused(twin, 'expc01', 'xConfiguration Alternates Colour', 'XTW_ERR_OP_TSHELL_UNKNOWN_PATH', '*r ConfigurationResult (status=Error):');
  });
});

describe('tshell xConfiguration: sets', () => {
  it('`Alternates Peer 3 Address: "10.0.0.13"` saves through the peer and answers OK', () => {
    const twin = smallTwin();
    expect(ok(twin, 'expc01', 'xConfiguration Alternates Peer 3 Address: "10.0.0.13"')).toEqual(['OK']);
    expect(twin.observe('expc01').saved['Alternates Peer 3 Address']).toBe('10.0.0.13');
    expect(ok(twin, 'expc01', 'xConfiguration Alternates Peer 3 Address')).toEqual(['*c xConfiguration Alternates Peer 3 Address: "10.0.0.13"', 'OK']);
  });

  it('unquoted numbers and enum words in any case are accepted', () => {
    const twin = smallTwin();
    ok(twin, 'expc03', 'xConfiguration H323 Gatekeeper TimeToLive: 60');
    ok(twin, 'expc03', 'xConfiguration alternates cluster tlsverificationmode: enforce');
    expect(twin.observe('expc03').saved['H323 Gatekeeper TimeToLive']).toBe(60);
    expect(twin.observe('expc03').saved['Alternates Cluster TLSVerificationMode']).toBe('Enforcing');
  });

  it.each([
    ['an address that is neither IP nor FQDN', 'xConfiguration Alternates Peer 3 Address: "bad address!"', 'XTW_ERR_PEER_BAD_ADDRESS'],
    ['a primary out of range', 'xConfiguration Alternates ConfigurationPrimary: 7', 'XTW_ERR_PEER_OUT_OF_RANGE'],
    ['an enum value not in the list', 'xConfiguration H323 Mode: Maybe', 'XTW_ERR_PEER_BAD_ENUM'],
    ['a gap in the peer list', 'xConfiguration Alternates Peer 5 Address: "10.0.0.15"', 'XTW_ERR_PEER_PEER_GAP'],
    ['a seventh peer', 'xConfiguration Alternates Peer 7 Address: "10.0.0.17"', 'XTW_ERR_PEER_TOO_MANY_PEERS'],
    ['an unknown key', 'xConfiguration Alternates Colour: blue', 'XTW_ERR_PEER_UNKNOWN_KEY'],
    ['a list key', 'xConfiguration Alternates Cluster AddressMapping Entries: x', 'XTW_ERR_OP_TSHELL_NOT_SETTABLE'],
  ])('%s is refused in the XACLI error shape and changes nothing', (_, line, code) => {
    refused(smallTwin(), 'expc01', line, code, '*r ConfigurationResult (status=Error):');
  });

  it('value errors read "Invalid value for <path>: <value>" (MESSAGES tshell.reason.invalidValue)', () => {
    const reason = refused(smallTwin(), 'expc01', 'xConfiguration Alternates ConfigurationPrimary: 9', 'XTW_ERR_PEER_OUT_OF_RANGE', '*r ConfigurationResult (status=Error):');
    expect(reason).toBe('    Reason: "Invalid value for Alternates ConfigurationPrimary: 9"');
  });
});

describe('tshell help (DOMAIN §8.1)', () => {
  it('`?` and `help` list the families', () => {
    const twin = smallTwin();
    expect(ok(twin, 'expc01', '?')).toEqual(['*h xCommand', '*h xConfiguration', '*h xStatus', '*h exit', 'OK']);
    expect(ok(twin, 'expc01', 'help')).toEqual(ok(twin, 'expc01', '?'));
  });

  it('`xConfiguration ?` lists elements, indexed items once as [1..6]', () => {
    const lines = ok(smallTwin(), 'expc01', 'xConfiguration ?');
    expect(lines).toContain('*h xConfiguration Alternates Peer [1..6] Address');
    expect(lines).toContain('*h xConfiguration Alternates ConfigurationPrimary');
    expect(lines.filter((l) => l.includes('Alternates Peer'))).toHaveLength(1);
  });

  it('`xConfiguration ??` adds valuespaces: <S: 0, 128>, <1..6>, <IPv4/IPv6>', () => {
    const lines = ok(smallTwin(), 'expc01', 'xConfiguration Alternates ??');
    expect(lines).toContain('*h xConfiguration Alternates Cluster Name: <S: 0, 128>');
    expect(lines).toContain('*h xConfiguration Alternates ConfigurationPrimary: <1..6>');
    expect(lines).toContain('*h xConfiguration Alternates Cluster IPVersion: <IPv4/IPv6>');
    expect(lines).toContain('*h xConfiguration Alternates Peer [1..6] Address: <S: 0, 128>');
  });

  it('`?` on one leaf shows its valuespace and description', () => {
    expect(ok(smallTwin(), 'expc01', 'xConfiguration Alternates Peer 2 Address ?')).toEqual([
      '*h xConfiguration Alternates Peer 2 Address: <S: 0, 128>',
      '    Peer 2 address (peer-specific; a restart is needed). Default: ""',
      'OK',
    ]);
  });

  it('`xCommand ?` lists the commands; `xCommand <command> ?` shows parameters with (r)', () => {
    const twin = smallTwin();
    expect(ok(twin, 'expc01', 'xCommand ?')).toEqual([
      '*h xCommand Backup', '*h xCommand Boot', '*h xCommand Cluster Address Mapping Add', '*h xCommand Cluster Address Mapping Delete',
      '*h xCommand DefaultValuesSet', '*h xCommand ForceConfigUpdate', '*h xCommand ForceSystemKeyUpdate', '*h xCommand Option Key Add',
      '*h xCommand Option Key Delete', '*h xCommand Restart', '*h xCommand Restore', 'OK',
    ]);
    expect(ok(twin, 'expc01', 'xCommand')).toEqual(ok(twin, 'expc01', 'xCommand ?'));
    const mapping = ok(twin, 'expc01', 'xCommand Cluster Address Mapping Add ?');
    expect(mapping.slice(0, 3)).toEqual(['*h xCommand Cluster Address Mapping Add', '    Fqdn(r): <S: 1, 128>', '    IpAddress(r): <S: 1, 128>']);
    expect(ok(twin, 'expc01', 'xCommand DefaultValuesSet ?')[1]).toBe('    Level(r): <1..3>');
  });

  it('`xStatus ?` lists the status elements', () => {
    expect(ok(smallTwin(), 'expc01', 'xStatus ?')).toEqual(['*h xStatus SystemUnit', '*h xStatus ResourceUsage', '*h xStatus Calls', '*h xStatus Zones', '*h xStatus Alternates', '*h xStatus Cluster', '*h xStatus Licensing', '*h xStatus CDR', '*h xStatus HTTPProxy', '*h xStatus Warnings', 'OK']);
  });
});

describe('tshell xCommand', () => {
  it('ForceConfigUpdate on the primary is not refused (DOMAIN §6.17: the product lets the mistake happen) and empties its replicated configuration', () => {
    const twin = smallTwin();
    ok(twin, 'expc01', 'xConfiguration Zones Zone 1 Name: "Precious"');
    expect(ok(twin, 'expc01', 'xCommand ForceConfigUpdate')).toEqual(['*r ForceConfigUpdateResult (status=OK):', '*r/end', 'OK']);
    expect(twin.observe('expc01').saved['Zones Zone 1 Name']).toBe('');
  });

  it('ForceConfigUpdate on a subordinate runs; the doc spelling "Force Config Update" is the same command', () => {
    const twin = smallTwin();
    expect(ok(twin, 'expc02', 'xCommand ForceConfigUpdate')).toEqual(['*r ForceConfigUpdateResult (status=OK):', '*r/end', 'OK']);
    expect(ok(twin, 'expc02', 'xcommand force config update')).toEqual(['*r ForceConfigUpdateResult (status=OK):', '*r/end', 'OK']);
  });

  it('ForceConfigUpdate on a standalone peer is refused', () => {
    refused(smallTwin(), 'expc03', 'xCommand ForceConfigUpdate', 'XTW_ERR_PEER_NOT_CLUSTERED', '*r ForceConfigUpdateResult (status=Error):');
  });

  it('Cluster Address Mapping Add then Delete edits the replicated mapping table', () => {
    const twin = smallTwin();
    const add = 'xCommand Cluster Address Mapping Add Fqdn: expc02.example.com IpAddress: 10.0.0.12';
    expect(ok(twin, 'expc01', add)).toEqual(['*r ClusterAddressMappingAddResult (status=OK):', '*r/end', 'OK']);
    expect(twin.observe('expc01').saved['Alternates Cluster AddressMapping Entries']).toEqual([{ fqdn: 'expc02.example.com', ip: '10.0.0.12' }]);
    expect(ok(twin, 'expc01', 'xConfiguration Alternates Cluster AddressMapping Entries')).toEqual([
      '*c xConfiguration Alternates Cluster AddressMapping Entries 1 Fqdn: "expc02.example.com"',
      '*c xConfiguration Alternates Cluster AddressMapping Entries 1 IpAddress: "10.0.0.12"',
      'OK',
    ]);
    twin.advance(1_000);
    expect(twin.observe('expc02').saved['Alternates Cluster AddressMapping Entries']).toEqual([{ fqdn: 'expc02.example.com', ip: '10.0.0.12' }]);
    refused(twin, 'expc01', add, 'XTW_ERR_OP_TSHELL_BAD_PARAMETER', '*r ClusterAddressMappingAddResult (status=Error):');
    ok(twin, 'expc01', 'xCommand Cluster Address Mapping Delete Fqdn: EXPC02.example.com IpAddress: 10.0.0.12');
    expect(twin.observe('expc01').saved['Alternates Cluster AddressMapping Entries']).toEqual([]);
  });

  it.each([
    ['a missing required parameter', 'xCommand Cluster Address Mapping Add Fqdn: a.example.com', 'ClusterAddressMappingAdd', 'XTW_ERR_OP_TSHELL_BAD_PARAMETER'],
    ['an unknown parameter', 'xCommand Restart Now: yes', 'Restart', 'XTW_ERR_OP_TSHELL_BAD_PARAMETER'],
    ['a bad IP address', 'xCommand Cluster Address Mapping Add Fqdn: a.example.com IpAddress: 10.0.0', 'ClusterAddressMappingAdd', 'XTW_ERR_OP_TSHELL_BAD_PARAMETER'],
    ['deleting a mapping that is not there', 'xCommand Cluster Address Mapping Delete Fqdn: a.example.com IpAddress: 10.0.0.1', 'ClusterAddressMappingDelete', 'XTW_ERR_OP_TSHELL_BAD_PARAMETER'],
    ['level 4', 'xCommand DefaultValuesSet Level: 4', 'DefaultValuesSet', 'XTW_ERR_OP_TSHELL_BAD_PARAMETER'],
    ['deleting option key 5 of none', 'xCommand Option Key Delete OptionKeyId: 5', 'OptionKeyDelete', 'XTW_ERR_OP_TSHELL_BAD_PARAMETER'],
    ['restoring a backup that does not exist', 'xCommand Restore Filename: "nope.tar.gz.enc"', 'Restore', 'XTW_ERR_PEER_NO_BACKUP'],
  ])('%s is refused and changes nothing', (_, line, name, code) => {
    refused(smallTwin(), 'expc03', line, code, `*r ${name}Result (status=Error):`);
  });

  it('DefaultValuesSet Level 1 resets ordinary items and keeps the critical ones (cluster, network, access)', () => {
    const twin = smallTwin();
    ok(twin, 'expc02', 'xConfiguration H323 Gatekeeper TimeToLive: 60');
    ok(twin, 'expc02', 'xConfiguration NTP Server 2 Address: "10.0.0.4"');
    ok(twin, 'expc02', 'xCommand DefaultValuesSet Level: 1');
    const saved = twin.observe('expc02').saved;
    expect(saved['H323 Gatekeeper TimeToLive']).toBe(1800);
    expect(saved['NTP Server 2 Address']).toBe('');
    expect(saved['Alternates Peer 1 Address']).toBe('10.0.0.11');
    expect(saved['Ethernet 1 IP V4 Address']).toBe('10.0.0.12');
    expect(twin.observe('expc02').factoryResetBanner).toBe(false);
  });

  it('DefaultValuesSet Level 3 resets everything, clearing the peer list and so arming the factory reset', () => {
    const twin = smallTwin();
    ok(twin, 'expc02', 'xCommand Default Values Set Level: 3');
    const o = twin.observe('expc02');
    expect(o.saved['Alternates Peer 1 Address']).toBe('');
    expect(o.factoryResetBanner).toBe(true);
  });

  it('Option Key Add and Delete edit the option keys; a new key waits for a restart (30025)', () => {
    const twin = smallTwin();
    ok(twin, 'expc03', 'xCommand Option Key Add Key: "116341G00-1-AB12CD34"');
    expect(twin.observe('expc03').saved['Option Keys']).toEqual([{ key: '116341G00-1-AB12CD34', kind: 'feature', description: '116341G00-1-AB12CD34' }]);
    expect(twin.observe('expc03').alarms.map((a) => a.id)).toContain('30025');
    refused(twin, 'expc03', 'xCommand Option Key Add Key: "116341G00-1-AB12CD34"', 'XTW_ERR_OP_TSHELL_BAD_PARAMETER', '*r OptionKeyAddResult (status=Error):');
    ok(twin, 'expc03', 'xCommand Option Key Delete OptionKeyId: 1');
    expect(twin.observe('expc03').saved['Option Keys']).toEqual([]);
  });

  it('Restart and Boot take the peer down; Backup prints the file name', () => {
    const twin = smallTwin();
    const backup = ok(twin, 'expc03', 'xCommand Backup');
    expect(backup[0]).toBe('*r BackupResult (status=OK):');
    expect(backup[1]).toMatch(/^ {4}Filename: "X14\.3\.1_.+_backup\.tar\.gz\.enc"$/);
    ok(twin, 'expc03', 'xCommand Restart');
    expect(twin.observe('expc03').state).toBe('restarting');
    ok(twin, 'expc02', 'xCommand Boot');
    expect(twin.observe('expc02').state).toBe('rebooting');
  });

  it('an unknown command is refused as "Unknown command"', () => {
    const reason = refused(smallTwin(), 'expc01', 'xCommand Reticulate Splines', 'XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND');
    expect(reason).toBe('    Reason: "Unknown command"');
  });
});

describe('tshell xStatus', () => {
  it('xStatus Cluster: `*s Cluster: /`, indented fields, peer entries, `*s/end`, `OK`', () => {
    expect(ok(smallTwin(), 'expc01', 'xStatus Cluster')).toEqual([
      '*s Cluster: /',
      '    Name: "cluster1.example.com"',
      '    Configured: "True"',
      '    ConfigurationPrimary: 1',
      '    ThisPeer: 1',
      '    Primary: "True"',
      '    TLSVerificationMode: "Permissive"',
      '    DatabaseStatus: "Active"',
      '    Peer 1:',
      '      Address: "10.0.0.11"',
      '      Status: "This system"',
      '      Certificate: ""',
      '    Peer 2:',
      '      Address: "10.0.0.12"',
      '      Status: "Active"',
      '      Certificate: "Invalid (name-mismatch)"',
      '*s/end',
      'OK',
    ]);
  });

  it('xStatus Cluster on the subordinate says Primary "False"; on a standalone peer "Not clustered"', () => {
    const twin = smallTwin();
    expect(ok(twin, 'expc02', 'xStatus Cluster')).toContain('    Primary: "False"');
    expect(ok(twin, 'expc03', 'xStatus Cluster')).toContain('    DatabaseStatus: "Not clustered"');
  });

  it('xStatus Alternates lists peer entries with what this peer resolved', () => {
    const lines = ok(smallTwin(), 'expc02', 'xStatus Alternates');
    expect(lines[0]).toBe('*s Alternates: /');
    expect(lines).toContain('      Status: "This system"');
    expect(lines).toContain('      ResolvedAddress: "10.0.0.11"');
    expect(lines.slice(-2)).toEqual(['*s/end', 'OK']);
  });

  it('xStatus SystemUnit in the product\'s layout (INTERFACES §2.4): time, Software with Configuration and ExpresswaySeries, Hardware', () => {
    expect(ok(smallTwin(), 'expc01', 'xStatus SystemUnit')).toEqual([
      '*s SystemUnit: /',
      '    Product: "TANDBERG VCS"',
      '    Uptime: 300',
      '    SystemTime: "2026-11-24 09:05:00"',
      '    TimeZone: "UTC"',
      '    LocalTime: "2026-11-24 09:05:00"',
      '    Software:',
      '      Version: "X14.3.1"',
      '      Build: "twin_v14.3.1"',
      '      Name: "s42700"',
      '      ReleaseDate: ""',
      '      ReleaseKey: ""',
      '      Configuration:',
      '        NonTraversalCalls: 0',
      '        TraversalCalls: 0',
      '        Registrations: 0',
      '        TPRoom: 0',
      '        UserDevice: 0',
      '        Expressway: "False"',
      '        Encryption: "False"',
      '        Interworking: "False"',
      '        FindMe: "False"',
      '        DeviceProvisioning: "False"',
      '        DualNetworkInterfaces: "False"',
      '        AdvancedAccountSecurity: "False"',
      '        StarterPack: "False"',
      '        EnhancedOCSCollaboration: "False"',
      '        ExpresswaySeries: "True"',
      '    Hardware:',
      '      Version: "VMware"',
      `      SerialNumber: "${smallTwin().observe('expc01').system.serial}"`,
      '*s/end',
      'OK',
    ]);
  });

  it('xStatus SystemUnit follows the peer: licence keys, the Expressway-E flag, the local time of the topology\'s offset', () => {
    const twin = createTwin({ seed: 1, topology: {
      utcOffsetMinutes: -300,
      peers: [{ name: 'expe01', product: 'expressway-e', lan1: { ipv4: '10.0.0.21' }, optionKeys: [
        { key: '116341E00-1-AAAA', kind: 'licence', description: 'Rich media sessions', licence: { type: 'rms', count: 100 } },
        { key: '116341W00-1-CCCC', kind: 'feature', description: 'Advanced Account Security' },
      ] }],
    } });
    twin.advance(60_000);
    const lines = ok(twin, 'expe01', 'xStatus SystemUnit');
    expect(lines).toContain('    TimeZone: "Etc/GMT+5"');
    expect(lines).toContain('    LocalTime: "2026-11-24 04:01:00"');
    expect(lines).toContain('        TraversalCalls: 100');
    expect(lines).toContain('        Expressway: "True"');
    expect(lines).toContain('        AdvancedAccountSecurity: "True"');
  });

  it('xStatus Warnings lists each alarm as Warning n {ID (alarm type UUID), Reason "Title - Description", State}; Alarms is an alias; a child path narrows the block', () => {
    const twin = smallTwin();
    const warnings = [
      '*s Warnings: /',
      '    Warning 1:',
      '      ID: "e1b1371e-e130-11e5-83d2-d310aba28a39"',
      '      Reason: "Cluster TLS permissive - Cluster TLS verification mode permits invalid certificates"',
      '      State: "Unacknowledged"',
      '*s/end',
      'OK',
    ];
    expect(ok(twin, 'expc01', 'xStatus Warnings')).toEqual(warnings);
    expect(ok(twin, 'expc01', 'xStatus Alarms')).toEqual(warnings);
    expect(ok(twin, 'expc01', 'xstatus systemunit hardware')).toEqual(['*s SystemUnit: /', '    Hardware:', '      Version: "VMware"', `      SerialNumber: "${twin.observe('expc01').system.serial}"`, '*s/end', 'OK']);
  });

  it('xStatus ResourceUsage: no calls in the twin (every counter 0) and the endpoints registered now', () => {
    const lines = ok(smallTwin(), 'expc01', 'xStatus ResourceUsage');
    expect(lines.slice(0, 6)).toEqual(['*s ResourceUsage: /', '    Calls:', '      Traversal:', '        Current: 0', '        Max: 0', '        Total: 0']);
    expect(lines.slice(-14)).toEqual([
      '        Total: 0', '    Registrations:', '      Current: 0', '    TPRoom:', '      Current: 0', '    UserDevice:', '      Current: 0',
      '    TURN:', '      Relays:', '        Current: 0', '        Max: 0', '        Total: 0', '*s/end', 'OK',
    ]);
    expect(lines.filter((l) => /Current: |Max: |Total: /.test(l) && !l.endsWith(' 0'))).toEqual([]);
  });

  it('a bare xStatus prints every block, each ending *s/end, and one OK', () => {
    const lines = ok(smallTwin(), 'expc01', 'xStatus');
    expect(lines.filter((l) => l.startsWith('*s ') && l.endsWith(': /'))).toEqual([
      '*s SystemUnit: /', '*s ResourceUsage: /', '*s Calls: /', '*s Zones: /', '*s Alternates: /', '*s Cluster: /', '*s Licensing: /', '*s CDR: /', '*s HTTPProxy: /', '*s Warnings: /',
    ]);
    expect(lines.filter((l) => l === '*s/end')).toHaveLength(10);
    expect(lines.filter((l) => l === 'OK')).toEqual(['OK']);
    expect(lines.at(-1)).toBe('OK');
  });

  it('an unknown element is refused', () => {
    refused(smallTwin(), 'expc01', 'xStatus Weather', 'XTW_ERR_OP_TSHELL_UNKNOWN_PATH', '*r StatusResult (status=Error):');
  });
});

describe('tshell: lines the CLI cannot run', () => {
  it('a syntax error answers in the anonymous error shape with the parser\'s message', () => {
    const reason = refused(smallTwin(), 'expc01', 'xConfiguration Alternates Cluster Name: "open', 'XTW_ERR_OP_TSHELL_SYNTAX');
    expect(reason).toContain('unterminated quoted string');
  });

  it('an unknown word, and xHistory/xFeedback (not in the twin), are refused', () => {
    const twin = smallTwin();
    refused(twin, 'expc01', 'show running-config', 'XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND');
    refused(twin, 'expc01', 'xHistory', 'XTW_ERR_OP_TSHELL_UNSUPPORTED');
    refused(twin, 'expc01', 'xFeedback Register /Status', 'XTW_ERR_OP_TSHELL_UNSUPPORTED');
  });

  it('empty lines and comments answer nothing; exit alone does nothing outside a session', () => {
    const twin = smallTwin();
    expect(ok(twin, 'expc01', '')).toEqual([]);
    expect(ok(twin, 'expc01', '# a note')).toEqual([]);
    expect(ok(twin, 'expc01', 'exit')).toEqual([]);
  });

  it('a peer that is not up has no CLI; an unknown peer is named', () => {
    const twin = smallTwin();
    twin.powerOff('expc03');
    const down = runTshell(twin, 'expc03', 'xStatus SystemUnit');
    expect(down).toEqual({ ok: false, output: [], error: { code: 'XTW_ERR_PEER_NOT_RUNNING', message: "The system is not running (state: 'poweredOff')" } });
    const unknown = runTshell(twin, 'expc9', 'xStatus');
    expect(unknown.ok).toBe(false);
    expect(unknown.error?.code).toBe('XTW_ERR_TWIN_UNKNOWN_PEER');
    expect(unknown.error?.message).toContain('expc9');
  });
});
