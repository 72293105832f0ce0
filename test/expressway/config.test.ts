// Behaviour of one peer's configuration database (DOMAIN §5): defaults, validation that refuses a bad
// write without changing anything (STYLE R8), case-insensitive keys, the "Enforce" label, and the
// replicated-vs-local split of DOMAIN §5.3.
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, defaultConfig, keySpec, REPLICATED_KEYS } from '../../src/expressway/config/schema.js';
import { applyConfigPatches, changesOf, ConfigStore, type Edits } from '../../src/expressway/config/store.js';
import { PeerError, type PeerErrorCode } from '../../src/expressway/errors.js';
import { buildPeer, CLI, errorCode, peerListEdits, traceOf } from './helpers.js';

describe('config: defaults', () => {
  it('a fresh tree holds the documented defaults: Permissive TLS, primary 1, IPv4, H.323 On, empty peer list, mapping Off', () => {
    const d = defaultConfig();
    expect(d['Alternates Cluster TLSVerificationMode']).toBe('Permissive');
    expect(d['Alternates ConfigurationPrimary']).toBe(1);
    expect(d['Alternates Cluster IPVersion']).toBe('IPv4');
    expect(d['H323 Mode']).toBe('On');
    expect(d['Alternates Cluster AddressMapping Mode']).toBe('Off');
    expect(d['Alternates Cluster AddressMapping Entries']).toEqual([]);
    expect(d['Maintenance Mode']).toBe('Off');
    for (let n = 1; n <= 6; n++) expect(d[`Alternates Peer ${n} Address`]).toBe('');
  });

  it('a built peer has every schema key, its spec values active and saved alike, and nothing pending', () => {
    const { peer } = buildPeer();
    expect(Object.keys(peer.config.saved).sort()).toEqual(CONFIG_KEYS.map((s) => s.key).sort());
    expect(peer.config.active).toEqual(peer.config.saved);
    expect(peer.config.active['IP DNS Hostname']).toBe('expc01');
    expect(peer.config.active['Ethernet 1 IP V4 Address']).toBe('10.0.0.11');
    expect(peer.config.pending()).toEqual([]);
    expect(peer.fqdn).toBe('expc01.example.com');
  });
});

/** A bad write, the code it must be refused with, and (when it names one) the offending value. */
const REFUSED: readonly { what: string; edits: Edits; code: PeerErrorCode; value?: unknown; base?: Edits }[] = [
  { what: 'an unknown key', edits: { 'Alternates Cluster Colour': 'blue' }, code: 'XTW_ERR_PEER_UNKNOWN_KEY' },
  { what: 'a wrong type (text for an integer)', edits: { 'Alternates ConfigurationPrimary': 'two' }, code: 'XTW_ERR_PEER_BAD_TYPE', value: 'two' },
  { what: 'a wrong type (number for an address)', edits: { 'Alternates Peer 1 Address': 10 }, code: 'XTW_ERR_PEER_BAD_TYPE', value: 10 },
  { what: 'ConfigurationPrimary 7 (out of range 1..6)', edits: { 'Alternates ConfigurationPrimary': 7 }, code: 'XTW_ERR_PEER_OUT_OF_RANGE', value: 7 },
  { what: 'ConfigurationPrimary 0 (out of range 1..6)', edits: { 'Alternates ConfigurationPrimary': 0 }, code: 'XTW_ERR_PEER_OUT_OF_RANGE', value: 0 },
  { what: 'an invalid IPv4 address in a Peer field', edits: { 'Alternates Peer 1 Address': '10.0.0.300' }, code: 'XTW_ERR_PEER_BAD_ADDRESS', value: '10.0.0.300' },
  { what: 'a malformed name in a Peer field', edits: { 'Alternates Peer 1 Address': 'peer_1!.example.com' }, code: 'XTW_ERR_PEER_BAD_ADDRESS', value: 'peer_1!.example.com' },
  { what: 'an IPv6 address for LAN 1 IPv4', edits: { 'Ethernet 1 IP V4 Address': '2001:db8::1' }, code: 'XTW_ERR_PEER_BAD_IP', value: '2001:db8::1' },
  { what: 'an unknown TLS verification mode', edits: { 'Alternates Cluster TLSVerificationMode': 'Strict' }, code: 'XTW_ERR_PEER_BAD_ENUM', value: 'Strict' },
  { what: 'a gap in the peer list (Peer 2 empty, Peer 3 set)', edits: { 'Alternates Peer 1 Address': '10.0.0.11', 'Alternates Peer 3 Address': '10.0.0.13' }, code: 'XTW_ERR_PEER_PEER_GAP' },
  { what: 'a gap left by clearing a middle peer of a saved list', base: peerListEdits(['10.0.0.11', '10.0.0.12', '10.0.0.13']), edits: { 'Alternates Peer 2 Address': '' }, code: 'XTW_ERR_PEER_PEER_GAP' },
  { what: 'duplicate peer addresses', edits: peerListEdits(['10.0.0.11', '10.0.0.12', '10.0.0.11']), code: 'XTW_ERR_PEER_DUPLICATE_PEER', value: '10.0.0.11' },
  { what: 'duplicate peer names differing only in case', edits: peerListEdits(['expc01.example.com', 'EXPC01.example.com']), code: 'XTW_ERR_PEER_DUPLICATE_PEER', value: 'expc01.example.com' },
  { what: 'a 7th peer', base: peerListEdits(['10.0.0.11', '10.0.0.12', '10.0.0.13', '10.0.0.14', '10.0.0.15', '10.0.0.16']), edits: { 'Alternates Peer 7 Address': '10.0.0.17' }, code: 'XTW_ERR_PEER_TOO_MANY_PEERS', value: 7 },
  { what: 'a bad mapping row', edits: { 'Alternates Cluster AddressMapping Entries': [{ fqdn: 'expc01.example.com', ip: 'not-an-ip' }] }, code: 'XTW_ERR_PEER_BAD_MAPPING' },
  { what: 'a valid edit saved together with an invalid one', edits: { 'SystemUnit Name': 'changed', 'Alternates ConfigurationPrimary': 9 }, code: 'XTW_ERR_PEER_OUT_OF_RANGE', value: 9 },
];

describe('config: a refused write changes nothing (STYLE R8)', () => {
  for (const c of REFUSED) {
    it(`${c.what}: refused with ${c.code}; saved, active, trace and log unchanged`, () => {
      const rig = buildPeer(c.base ? { config: c.base } : {});
      const { peer } = rig;
      const saved = peer.config.saved;
      const active = peer.config.active;
      const traceCount = rig.trace.count;
      const logCount = rig.logs.length;
      let thrown: unknown;
      try {
        peer.save(c.edits, CLI);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(PeerError);
      expect((thrown as PeerError).code).toBe(c.code);
      // The error names the offending value (R8), in its params.
      if (c.value !== undefined) expect(Object.values((thrown as PeerError).params)).toContain(c.value);
      // Identity, not just equality: no new tree was committed at all.
      expect(peer.config.saved).toBe(saved);
      expect(peer.config.active).toBe(active);
      expect(peer.config.pending()).toEqual([]);
      expect(rig.trace.count).toBe(traceCount);
      expect(rig.logs.length).toBe(logCount);
      expect(peer.alarms.list()).toEqual([]);
    });
  }
});

describe('config: accepted spellings', () => {
  it('keys match case-insensitively and with extra spaces, and are stored under the schema spelling', () => {
    const rig = buildPeer();
    rig.peer.save({ 'alternates   cluster NAME': 'cluster1.example.com', 'h323 mode': 'off' }, CLI);
    expect(rig.peer.config.saved['Alternates Cluster Name']).toBe('cluster1.example.com');
    expect(rig.peer.config.active['H323 Mode']).toBe('Off');
    expect(Object.keys(rig.peer.config.saved)).not.toContain('h323 mode');
    expect(traceOf(rig, 'config.change').map((e) => e.data.key)).toEqual(['Alternates Cluster Name', 'H323 Mode']);
  });

  it('the UI label "Enforce" is stored as "Enforcing" (DOMAIN §5.1); so is "enforcing" in any case', () => {
    for (const label of ['Enforce', 'enforce', 'ENFORCING']) {
      const { peer } = buildPeer();
      peer.save({ 'Alternates Cluster TLSVerificationMode': label }, CLI);
      expect(peer.config.saved['Alternates Cluster TLSVerificationMode']).toBe('Enforcing');
    }
  });

  it('addresses are stored canonically: FQDNs lower-case, integers from numeric text', () => {
    const { peer } = buildPeer();
    peer.save({ 'Alternates Peer 1 Address': 'ExpC01.Example.COM', 'Alternates ConfigurationPrimary': '2' }, CLI);
    expect(peer.config.saved['Alternates Peer 1 Address']).toBe('expc01.example.com');
    expect(peer.config.saved['Alternates ConfigurationPrimary']).toBe(2);
  });

  it('saving a value equal to the current one is not a change: no trace event, no alarm', () => {
    const rig = buildPeer();
    const before = rig.trace.count;
    const result = rig.peer.save({ 'IP DNS Hostname': 'expc01', 'Alternates Cluster TLSVerificationMode': 'Permissive' }, CLI);
    expect(result.changes).toEqual([]);
    expect(rig.trace.count).toBe(before);
    expect(rig.peer.alarms.list()).toEqual([]);
  });

  it('a six-peer list without gaps or duplicates is accepted', () => {
    const { peer } = buildPeer();
    const list = ['10.0.0.11', '10.0.0.12', 'expc03.example.com', '10.0.0.14', '10.0.0.15', '2001:db8::16'];
    peer.save(peerListEdits(list), CLI);
    for (let n = 1; n <= 6; n++) expect(peer.config.saved[`Alternates Peer ${n} Address`]).toBe(list[n - 1]);
  });

  it('a 7th peer address is refused even on an empty list (there are six Peer fields)', () => {
    const { peer } = buildPeer();
    expect(errorCode(() => peer.save({ 'Alternates Peer 7 Address': '10.0.0.17' }, CLI))).toBe('XTW_ERR_PEER_TOO_MANY_PEERS');
  });
});

describe('config: replicated vs local (DOMAIN §5.3)', () => {
  // The DOMAIN §5.3 peer-specific items, spelled as schema keys. Written out here, not derived from the schema.
  const LOCAL = [
    'Ethernet 1 IP V4 Address', 'Ethernet 1 IP V4 SubnetMaskLength', 'Ethernet 1 IP V6 Address', 'Ethernet 2 IP V4 Address', 'IP Gateway',
    'IP DNS Server 1 Address', 'IP DNS Server 5 Address', 'IP DNS Hostname', 'IP DNS Domain Name',
    'NTP Server 1 Address', 'NTP Server 5 Address', 'SystemUnit Name',
    'Option Keys', 'Certificate Server', 'Certificate TrustedCAs',
    'Alternates Peer 1 Address', 'Alternates Peer 2 Address', 'Alternates Peer 3 Address', 'Alternates Peer 4 Address', 'Alternates Peer 5 Address', 'Alternates Peer 6 Address',
    'Alternates Cluster Name', 'Alternates ConfigurationPrimary', 'Alternates Cluster IPVersion',
    'Administration HTTPS Mode', 'Administration SSH Mode', 'Maintenance Mode',
  ];
  const REPLICATED = ['H323 Mode', 'Alternates Cluster TLSVerificationMode', 'Alternates Cluster AddressMapping Mode', 'Alternates Cluster AddressMapping Entries', 'SIP Mode', 'Zones Zone 1 Name', 'Transform 1 Pattern String'];

  it('every key is either replicated or local, and REPLICATED_KEYS is exactly the replicated ones', () => {
    for (const s of CONFIG_KEYS) expect(['replicated', 'local']).toContain(s.scope);
    expect([...REPLICATED_KEYS].sort()).toEqual(CONFIG_KEYS.filter((s) => s.scope === 'replicated').map((s) => s.key).sort());
    expect(new Set(CONFIG_KEYS.map((s) => s.key.toLowerCase())).size).toBe(CONFIG_KEYS.length);
  });

  it.each(LOCAL)('%s is local (never replicated)', (key) => {
    expect(keySpec(key)?.scope).toBe('local');
    expect(REPLICATED_KEYS).not.toContain(key);
  });

  it.each(REPLICATED)('%s is replicated', (key) => {
    expect(keySpec(key)?.scope).toBe('replicated');
    expect(REPLICATED_KEYS).toContain(key);
  });
});

describe('config: every write is described by immer patches (STYLE R6)', () => {
  it('a save\'s changes are read from its patches: one per changed key, in the order written, old values from the inverse patches', () => {
    const store = new ConfigStore();
    const r = store.save({ 'SystemUnit Name': 'Edge A', 'H323 Mode': 'Off', 'IP DNS Hostname': store.saved['IP DNS Hostname'] });
    expect(r.patches.map((p) => [p.op, p.path])).toEqual([['replace', ['SystemUnit Name']], ['replace', ['H323 Mode']]]);
    expect(r.changes).toEqual(changesOf(r.patches, r.inversePatches));
    expect(r.changes).toEqual([
      { key: 'SystemUnit Name', from: defaultConfig()['SystemUnit Name'], to: 'Edge A' },
      { key: 'H323 Mode', from: 'On', to: 'Off' },
    ]);
    expect(store.save({ 'H323 Mode': 'Off' })).toMatchObject({ changes: [], patches: [] });
  });

  it('replacing the whole configuration (restore) reports the keys that differ, as patches', () => {
    const store = new ConfigStore();
    const next = { ...store.saved, 'SystemUnit Name': 'Restored', 'H323 Mode': 'Off' };
    const r = store.replaceAllWithPatches(next);
    expect(r.changes.map((c) => c.key)).toEqual(['SystemUnit Name', 'H323 Mode']);
    expect(applyConfigPatches(defaultConfig(), r.patches)).toEqual(next);
  });
});
