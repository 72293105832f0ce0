// Where a peer finds itself in its own Peer N list (src/cluster/ownPlace.ts, DOMAIN §3 R7, §5.1,
// §6.2, §6.12): by LAN1's address in the family of the *saved* Cluster IP version, by its FQDN in
// any case, or by an FQDN the address mapping maps to LAN1 — and not by LAN1's address of the other
// family. The address it binds is the *active* version's. Its place is recomputed when the saved or
// active configuration changes.
import { describe, expect, it } from 'vitest';
import { OwnPlace } from '../../src/cluster/ownPlace.js';
import { defaultConfig, type Config } from '../../src/expressway/config/schema.js';

function peer(saved: Record<string, unknown>, active: Record<string, unknown> = saved) {
  const base = { ...defaultConfig(), 'Ethernet 1 IP V4 Address': '10.0.0.11', 'Ethernet 1 IP V6 Address': '2001:db8::11' };
  const p = { fqdn: 'expc01.example.com', config: { saved: { ...base, ...saved } as Config, active: { ...base, ...active } as Config } };
  return { p, place: new OwnPlace(p as never) };
}

describe('isSelf', () => {
  it('LAN1\'s IPv4 address on an IPv4 cluster, its FQDN in any case; not another peer, not an empty entry', () => {
    const { place } = peer({});
    expect(place.isSelf('10.0.0.11')).toBe(true);
    expect(place.isSelf('EXPC01.Example.com')).toBe(true);
    expect(place.isSelf('10.0.0.12')).toBe(false);
    expect(place.isSelf('expc02.example.com')).toBe(false);
    expect(place.isSelf('')).toBe(false);
    expect(place.isSelf('2001:db8::11')).toBe(false);
  });

  it('on a saved IPv6 cluster: LAN1\'s IPv6 address in any spelling, no longer its IPv4 one', () => {
    const { place } = peer({ 'Alternates Cluster IPVersion': 'IPv6' }, {});
    expect(place.isSelf('2001:DB8:0:0::11')).toBe(true);
    expect(place.isSelf('10.0.0.11')).toBe(false);
  });

  it('an FQDN mapped to LAN1 while the mapping is on; not while it is off, nor one mapped elsewhere', () => {
    const mappings = [{ fqdn: 'alias.example.com', ip: '10.0.0.11' }, { fqdn: 'other.example.com', ip: '10.0.0.12' }];
    expect(peer({ 'Alternates Cluster AddressMapping Mode': 'On', 'Alternates Cluster AddressMapping Entries': mappings }).place.isSelf('Alias.example.com')).toBe(true);
    expect(peer({ 'Alternates Cluster AddressMapping Mode': 'On', 'Alternates Cluster AddressMapping Entries': mappings }).place.isSelf('other.example.com')).toBe(false);
    expect(peer({ 'Alternates Cluster AddressMapping Mode': 'Off', 'Alternates Cluster AddressMapping Entries': mappings }).place.isSelf('alias.example.com')).toBe(false);
  });

  it('a peer whose LAN1 has no address finds itself only by name', () => {
    const { place } = peer({ 'Ethernet 1 IP V4 Address': '' });
    expect(place.isSelf('expc01.example.com')).toBe(true);
    expect(place.isSelf('10.0.0.11')).toBe(false);
  });
});

describe('its place and its address', () => {
  it('the 1-based place in a list, 0 when absent', () => {
    const { place } = peer({});
    expect(place.selfIndexIn(['10.0.0.12', '10.0.0.11'])).toBe(2);
    expect(place.selfIndexIn(['10.0.0.12'])).toBe(0);
  });

  it('the list of a configuration and the place, kept until the saved or active tree changes', () => {
    const { p, place } = peer({});
    const list = { ...p.config.saved, 'Alternates Peer 1 Address': '10.0.0.12', 'Alternates Peer 2 Address': 'expc01.example.com' } as Config;
    const first = place.listOf(list);
    expect(first.list.slice(0, 3)).toEqual(['10.0.0.12', 'expc01.example.com', '']);
    expect(first.self).toBe(2);
    // The place is keyed on the saved and active trees (a peer's FQDN is fixed in the twin): it is
    // recomputed when either tree is replaced, and only then.
    p.fqdn = 'renamed.example.com';
    expect(place.listOf(list).self).toBe(2);
    p.config.saved = { ...p.config.saved };
    expect(place.listOf(list).self).toBe(0);
    p.fqdn = 'expc01.example.com';
    p.config.active = { ...p.config.active };
    expect(place.listOf(list).self).toBe(2);
  });

  it('binds LAN1 in the family of the active Cluster IP version, canonical; empty when LAN1 has none', () => {
    expect(peer({}).place.clusterIp).toBe('10.0.0.11');
    expect(peer({}, { 'Alternates Cluster IPVersion': 'IPv6', 'Ethernet 1 IP V6 Address': '2001:DB8::0:11' }).place.clusterIp).toBe('2001:db8::11');
    expect(peer({}, { 'Alternates Cluster IPVersion': 'IPv6', 'Ethernet 1 IP V6 Address': '' }).place.clusterIp).toBe('');
  });

  it('the mapping as saved', () => {
    const mappings = [{ fqdn: 'a.example.com', ip: '10.0.0.1' }];
    const { place } = peer({ 'Alternates Cluster AddressMapping Mode': 'On', 'Alternates Cluster AddressMapping Entries': mappings }, {});
    expect(place.mappingOn).toBe(true);
    expect(place.mappings).toEqual(mappings);
    expect(peer({}).place.mappingOn).toBe(false);
  });
});
