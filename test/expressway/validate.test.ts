// The peer's checks on configuration writes (src/expressway/config/validate.ts) and its software
// version rules (src/expressway/version.ts, DOMAIN §6.14), value by value: what is stored, what is
// refused, and the operator's message for it (STYLE R8: it names the field and the value).
import { describe, expect, it } from 'vitest';
import { checkPeerList, checkValue, isFqdn, requireKey } from '../../src/expressway/config/validate.js';
import { defaultConfig, type Config } from '../../src/expressway/config/schema.js';
import { atLeast, checkUpgrade, compareVersions, isVersion, parseVersion } from '../../src/expressway/version.js';
import { PeerError } from '../../src/expressway/errors.js';

/** The PeerError `f` throws, as code and message; fails the test if it throws nothing or something else. */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof PeerError) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error('expected a PeerError, nothing was thrown');
}

const value = (key: string, raw: unknown) => checkValue(requireKey(key), raw);

describe('requireKey', () => {
  it('finds a key in any case and spacing; a seventh peer is named as such, anything else is unknown', () => {
    expect(requireKey('systemunit  name').key).toBe('SystemUnit Name');
    expect(refusal(() => requireKey('Alternates Peer 7 Address'))).toBe('XTW_ERR_PEER_TOO_MANY_PEERS: A cluster has at most 6 peers, got 7');
    expect(refusal(() => requireKey('Alternates  peer 12 address '))).toMatch(/^XTW_ERR_PEER_TOO_MANY_PEERS: .* got 12$/);
    expect(refusal(() => requireKey('Alternates Peer 0 Address'))).toBe("XTW_ERR_PEER_UNKNOWN_KEY: Unknown configuration item: 'Alternates Peer 0 Address'");
    expect(refusal(() => requireKey('SystemUnit Nme'))).toBe("XTW_ERR_PEER_UNKNOWN_KEY: Unknown configuration item: 'SystemUnit Nme'");
  });
});

describe('checkValue by type', () => {
  it('string: a string within its length and pattern', () => {
    expect(value('SystemUnit Name', 'box')).toBe('box');
    expect(value('SystemUnit Name', 'x'.repeat(50))).toBe('x'.repeat(50));
    expect(refusal(() => value('SystemUnit Name', 'x'.repeat(51)))).toBe("XTW_ERR_PEER_TOO_LONG: 'System name': value is longer than 50 characters");
    expect(refusal(() => value('SystemUnit Name', 5))).toBe("XTW_ERR_PEER_BAD_TYPE: 'System name': 5 is not a valid string");
    expect(refusal(() => value('IP DNS Hostname', 'a.b'))).toBe("XTW_ERR_PEER_BAD_PATTERN: 'System host name': 'a.b' must be letters, digits and hyphens");
    expect(value('IP DNS Hostname', 'expc-01')).toBe('expc-01');
  });

  it('int: a number or integer text, within its range (inclusive)', () => {
    expect(value('H323 Gatekeeper TimeToLive', 60)).toBe(60);
    expect(value('H323 Gatekeeper TimeToLive', ' 65534 ')).toBe(65534);
    expect(refusal(() => value('H323 Gatekeeper TimeToLive', 59))).toBe("XTW_ERR_PEER_OUT_OF_RANGE: 'H.323 registration time to live (seconds)': 59 is out of range (60..65534)");
    expect(refusal(() => value('H323 Gatekeeper TimeToLive', 65535))).toMatch(/^XTW_ERR_PEER_OUT_OF_RANGE: .*65535 is out of range/);
    expect(refusal(() => value('H323 Gatekeeper TimeToLive', '60s'))).toBe("XTW_ERR_PEER_BAD_TYPE: 'H.323 registration time to live (seconds)': '60s' is not a valid integer");
    expect(refusal(() => value('H323 Gatekeeper TimeToLive', 60.5))).toMatch(/^XTW_ERR_PEER_BAD_TYPE: /);
    expect(refusal(() => value('H323 Gatekeeper TimeToLive', true))).toMatch(/^XTW_ERR_PEER_BAD_TYPE: /);
  });

  it('enum: any case, the UI\'s "Enforce" for "Enforcing"; stored in the schema\'s spelling', () => {
    expect(value('Alternates Cluster TLSVerificationMode', 'enforce')).toBe('Enforcing');
    expect(value('Alternates Cluster TLSVerificationMode', 'PERMISSIVE')).toBe('Permissive');
    expect(refusal(() => value('Alternates Cluster TLSVerificationMode', 'Strict')))
      .toBe("XTW_ERR_PEER_BAD_ENUM: 'TLS verification mode': 'Strict' is not one of Permissive/Enforcing");
    expect(refusal(() => value('H323 Mode', 1))).toBe("XTW_ERR_PEER_BAD_ENUM: 'H.323 mode': '1' is not one of On/Off");
  });

  it('host: an IP address (canonical text) or an FQDN (lower case); empty where optional', () => {
    expect(value('Alternates Peer 1 Address', ' ExpC01.Example.COM ')).toBe('expc01.example.com');
    expect(value('Alternates Peer 1 Address', '2001:DB8:0::11')).toBe('2001:db8::11');
    expect(value('Alternates Peer 1 Address', '  ')).toBe('');
    expect(refusal(() => value('Alternates Peer 1 Address', 'not a host'))).toBe("XTW_ERR_PEER_BAD_ADDRESS: 'Peer 1 address': 'not a host' is not a valid IP address or FQDN");
    expect(refusal(() => value('Alternates Peer 1 Address', `${'a'.repeat(60)}.${'b'.repeat(60)}.example.com`))).toMatch(/^XTW_ERR_PEER_BAD_ADDRESS: /);
    expect(value('Alternates Peer 1 Address', `${'a'.repeat(60)}.${'b'.repeat(50)}.example.com`)).toHaveLength(123);
    expect(refusal(() => value('Alternates Peer 1 Address', 7))).toBe("XTW_ERR_PEER_BAD_TYPE: 'Peer 1 address': 7 is not a valid address");
  });

  it('ip: of the key\'s family, canonical text; empty where optional', () => {
    expect(value('Ethernet 1 IP V4 Address', ' 10.0.0.11 ')).toBe('10.0.0.11');
    expect(value('Ethernet 1 IP V4 Address', '')).toBe('');
    expect(value('Ethernet 1 IP V6 Address', '2001:DB8::0:11')).toBe('2001:db8::11');
    expect(refusal(() => value('Ethernet 1 IP V4 Address', '2001:db8::11'))).toMatch(/^XTW_ERR_PEER_BAD_IP: 'LAN 1 IPv4 address': '2001:db8::11' is not a valid IPv4 address$/);
    expect(refusal(() => value('Ethernet 1 IP V6 Address', '10.0.0.11'))).toMatch(/^XTW_ERR_PEER_BAD_IP: 'LAN 1 IPv6 address': '10.0.0.11' is not a valid IPv6 address$/);
    expect(refusal(() => value('IP DNS Server 1 Address', 'dns.example.com'))).toMatch(/^XTW_ERR_PEER_BAD_IP: 'DNS server 1 address': 'dns.example.com' is not a valid IP address$/);
    expect(value('IP DNS Server 1 Address', '2001:db8::53')).toBe('2001:db8::53');
    expect(refusal(() => value('Ethernet 1 IP V4 Address', null))).toMatch(/^XTW_ERR_PEER_BAD_TYPE: 'LAN 1 IPv4 address': null is not a valid address$/);
  });


  it('mappings: each an FQDN (lower case) and an IP address (canonical)', () => {
    expect(value('Alternates Cluster AddressMapping Entries', [{ fqdn: 'ExpC01.example.com', ip: '2001:DB8::11' }])).toEqual([{ fqdn: 'expc01.example.com', ip: '2001:db8::11' }]);
    expect(value('Alternates Cluster AddressMapping Entries', [])).toEqual([]);
    expect(refusal(() => value('Alternates Cluster AddressMapping Entries', [{ fqdn: 'a.example.com', ip: 'b.example.com' }])))
      .toBe('XTW_ERR_PEER_BAD_MAPPING: Cluster address mapping \'{"fqdn":"a.example.com","ip":"b.example.com"}\' must pair an FQDN with an IP address');
    for (const bad of [null, { fqdn: 'a.example.com' }, { ip: '10.0.0.1' }, { fqdn: '10.0.0.1', ip: '10.0.0.1' }, { fqdn: 5, ip: '10.0.0.1' }]) {
      expect(refusal(() => value('Alternates Cluster AddressMapping Entries', [bad])), JSON.stringify(bad)).toMatch(/^XTW_ERR_PEER_BAD_MAPPING: /);
    }
    expect(refusal(() => value('Alternates Cluster AddressMapping Entries', 'a=b'))).toMatch(/^XTW_ERR_PEER_BAD_TYPE: .* is not a valid list of mappings$/);
  });

  it('certificate: the whole record or null; a copy, not the caller\'s object', () => {
    const cert = { cn: 'expc01.example.com', sans: ['cluster.example.com'], issuer: 'Lab CA', notBeforeMs: 0, notAfterMs: 1 };
    const stored = value('Certificate Server', cert);
    expect(stored).toEqual(cert);
    expect(stored).not.toBe(cert);
    expect((stored as typeof cert).sans).not.toBe(cert.sans);
    expect(value('Certificate Server', null)).toBeNull();
    for (const field of ['cn', 'sans', 'issuer', 'notBeforeMs', 'notAfterMs'] as const) {
      const broken = { ...cert, [field]: field === 'sans' ? [1] : undefined };
      expect(refusal(() => value('Certificate Server', broken)), field).toMatch(/^XTW_ERR_PEER_BAD_TYPE: 'Server certificate': .* is not a valid certificate \{cn, sans, issuer, notBeforeMs, notAfterMs\}$/);
    }
    expect(refusal(() => value('Certificate Server', { ...cert, sans: 'x' }))).toMatch(/^XTW_ERR_PEER_BAD_TYPE: /);
  });

  it('names and option keys: lists of their records', () => {
    expect(value('Certificate TrustedCAs', ['Lab CA'])).toEqual(['Lab CA']);
    expect(refusal(() => value('Certificate TrustedCAs', ['Lab CA', 3]))).toMatch(/^XTW_ERR_PEER_BAD_TYPE: 'Trusted CA certificates': .* is not a valid list of names$/);
    expect(refusal(() => value('Certificate TrustedCAs', 'Lab CA'))).toMatch(/ is not a valid list of names$/);
    const key = { key: '116341W00-1-ABCD', kind: 'licence', description: 'Rich media sessions' };
    expect(value('Option Keys', [key, { ...key, kind: 'feature' }])).toEqual([key, { ...key, kind: 'feature' }]);
    for (const bad of [{ ...key, kind: 'other' }, { ...key, key: 1 }, { ...key, description: undefined }, null]) {
      expect(refusal(() => value('Option Keys', [bad])), JSON.stringify(bad)).toMatch(/^XTW_ERR_PEER_BAD_TYPE: 'Option keys': .* is not a valid option key \{key, kind, description\}$/);
    }
    expect(refusal(() => value('Option Keys', key))).toMatch(/ is not a valid list of option keys$/);
  });
});

describe('isFqdn', () => {
  it.each([
    ['expc01.example.com', true], ['localhost', true], ['a-b.c', true], ['10.0.0.11', false], ['1.2', false],
    ['-a.example.com', false], ['a-.example.com', false], ['a..b', false], ['a b', false], ['', false],
    [`${'a'.repeat(63)}.com`, true], [`${'a'.repeat(64)}.com`, false], [Array(64).fill('abc').join('.').slice(0, 253), true], [Array(64).fill('abc').join('.'), false],
  ])('%s → %s', (text, ok) => {
    expect(isFqdn(text)).toBe(ok);
  });
});

describe('checkPeerList (DOMAIN §5.1)', () => {
  const list = (...addresses: string[]): Config => {
    const c: Record<string, unknown> = { ...defaultConfig() };
    addresses.forEach((a, i) => { c[`Alternates Peer ${i + 1} Address`] = a; });
    return c as Config;
  };

  it('a list without gaps or duplicates, and an empty one, pass', () => {
    expect(() => checkPeerList(list())).not.toThrow();
    expect(() => checkPeerList(list('10.0.0.11', '10.0.0.12', '10.0.0.13', '10.0.0.14', '10.0.0.15', '10.0.0.16'))).not.toThrow();
    expect(() => checkPeerList(list('10.0.0.11', '', ''))).not.toThrow();
  });

  it('a gap names the empty peer; a duplicate names the later peer and the address', () => {
    expect(refusal(() => checkPeerList(list('10.0.0.11', '', '10.0.0.13')))).toBe('XTW_ERR_PEER_PEER_GAP: Peer addresses must be entered without gaps: Peer 2 is empty but a later peer is set');
    expect(refusal(() => checkPeerList(list('', '10.0.0.12')))).toMatch(/Peer 1 is empty/);
    expect(refusal(() => checkPeerList(list('10.0.0.11', '10.0.0.12', '10.0.0.11')))).toBe("XTW_ERR_PEER_DUPLICATE_PEER: Peer 3 address '10.0.0.11' duplicates another peer address");
  });
});

describe('software versions (DOMAIN §6.14)', () => {
  it('parses X<major>.<minor>[.<patch>] in any case, with spaces around', () => {
    expect(parseVersion(' x14.3.1 ')).toEqual([14, 3, 1]);
    expect(parseVersion('X8.11')).toEqual([8, 11, 0]);
    for (const bad of ['14.3', 'X14', 'X14.3.1.2', 'X123.1', 'Y14.3', 'X14.3.x']) {
      expect(isVersion(bad), bad).toBe(false);
      expect(refusal(() => parseVersion(bad)), bad).toBe(`XTW_ERR_PEER_BAD_VERSION: Not a valid software version: '${bad}'`);
    }
    expect(isVersion('X15.0')).toBe(true);
  });

  it('compares major, then minor, then patch, as numbers', () => {
    expect(compareVersions('X14.3.1', 'X14.3')).toBeGreaterThan(0);
    expect(compareVersions('X8.11.4', 'X8.9.9')).toBeGreaterThan(0);
    expect(compareVersions('X14.0', 'X12.7.9')).toBeGreaterThan(0);
    expect(compareVersions('X14.3', 'X14.3.0')).toBe(0);
    expect(compareVersions('X14.2.9', 'X14.3')).toBeLessThan(0);
    expect(atLeast('X14.2', 'X14.2')).toBe(true);
    expect(atLeast('X14.1.9', 'X14.2')).toBe(false);
  });

  it('no downgrade; before X8.11.4, only to X8.11.4; the same version is no downgrade', () => {
    expect(() => checkUpgrade('X14.3', 'X15.0')).not.toThrow();
    expect(() => checkUpgrade('X14.3', 'X14.3')).not.toThrow();
    expect(refusal(() => checkUpgrade('X14.3', 'X14.2.1'))).toBe("XTW_ERR_PEER_DOWNGRADE: Downgrade from 'X14.3' to 'X14.2.1' is not supported");
    expect(() => checkUpgrade('X8.10', 'X8.11.4')).not.toThrow();
    expect(refusal(() => checkUpgrade('X8.10', 'X12.5'))).toBe("XTW_ERR_PEER_BAD_VERSION: Not a valid software version: 'X12.5 (systems before X8.11.4 must upgrade to X8.11.4 first)'");
    expect(() => checkUpgrade('X8.11.4', 'X12.5')).not.toThrow();
    expect(refusal(() => checkUpgrade('X14.3', 'fifteen'))).toMatch(/^XTW_ERR_PEER_BAD_VERSION: /);
  });
});
