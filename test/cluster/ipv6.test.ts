// A cluster on IPv6 (DOMAIN §5.1 "Cluster IP version IPv4 / IPv6", identical on all peers; §6.2;
// §3 R7). The Cluster IP version selects the family the cluster database and RAS bind on LAN1 and
// whether FQDN entries resolve by A or AAAA records; an entry of the other family cannot be reached,
// and a peer that lists itself in the other family is not in its own list (20003).
import { describe, expect, it } from 'vitest';
import { createTwin, type Topology } from '../../src/twin.js';
import { MINUTE } from '../helpers/world.js';

const v6 = (i: number) => `2001:db8::${10 + i}`;
const MEMBERS = [1, 2, 3];

function ipv6Cluster(addressing: 'ip' | 'fqdn' = 'ip', extra: Partial<Topology> = {}): Topology {
  return {
    domain: 'example.com',
    peers: MEMBERS.map((i) => ({ name: `expc0${i}`, lan1: { ipv4: `10.0.0.${10 + i}`, ipv6: v6(i) } })),
    cluster: { name: 'cluster.example.com', peers: MEMBERS.map((i) => `expc0${i}`), primary: 'expc01', tls: 'Permissive', addressing, ipVersion: 'IPv6' },
    ...extra,
  };
}

function others(twin: ReturnType<typeof createTwin>, n: string) {
  return twin.observe(n).clustering.entries.filter((e) => e.address && e.status !== 'This system');
}

describe('cluster on IPv6 peer addresses', () => {
  it('the topology lists every member by its LAN1 IPv6 address and sets Cluster IP version IPv6', () => {
    const twin = createTwin({ seed: 1, topology: ipv6Cluster() });
    for (const n of twin.peerNames()) {
      const o = twin.observe(n);
      expect(o.clustering.entries.slice(0, 3).map((e) => e.address)).toEqual([v6(1), v6(2), v6(3)]);
      expect(o.saved['Alternates Cluster IPVersion']).toBe('IPv6');
    }
  });

  it('links form over IPv6: every entry Active on every peer, no 20004, database Active', () => {
    const twin = createTwin({ seed: 1, topology: ipv6Cluster() });
    twin.advance(5 * MINUTE);
    for (const n of twin.peerNames()) {
      expect(others(twin, n).map((e) => [e.status, e.resolvedIp]), n).toEqual(MEMBERS.filter((i) => `expc0${i}` !== n).map((i) => ['Active', v6(i)]));
      expect(twin.observe(n).alarms.map((a) => a.id), n).not.toContain('20004');
      expect(twin.observe(n).clustering.databaseStatus, n).toBe('Active');
    }
  });

  it('FQDN entries resolve by AAAA records (every peer with a LAN1 IPv6 address gets one) and form over IPv6', () => {
    const twin = createTwin({ seed: 2, topology: ipv6Cluster('fqdn') });
    twin.advance(5 * MINUTE);
    for (const n of twin.peerNames()) {
      expect(others(twin, n).map((e) => [e.status, e.resolvedIp]), n).toEqual(MEMBERS.filter((i) => `expc0${i}` !== n).map((i) => ['Active', v6(i)]));
    }
  });

  it('an IPv6 address written in another form (upper case, zeros spelt out) still names the peer and forms', () => {
    const long = (i: number) => `2001:DB8:0:0:0:0:0:${10 + i}`;
    const t = ipv6Cluster();
    for (const p of t.peers) p.config = Object.fromEntries(MEMBERS.map((m) => [`Alternates Peer ${m} Address`, long(m)]));
    const twin = createTwin({ seed: 3, topology: t });
    twin.advance(5 * MINUTE);
    for (const n of twin.peerNames()) expect(others(twin, n).map((e) => e.status), n).toEqual(['Active', 'Active']);
  });

  it('address mappings to IPv6 addresses work: FQDN entries resolve through the table, no DNS', () => {
    const twin = createTwin({ seed: 4, topology: ipv6Cluster('fqdn', { dns: { registerPeers: false } }) });
    twin.advance(MINUTE);
    for (const n of twin.peerNames()) expect(others(twin, n).map((e) => e.failure), n).toEqual(['unresolved', 'unresolved']);
    const t = ipv6Cluster('fqdn', { dns: { registerPeers: false } });
    t.cluster!.addressMapping = true;
    const mapped = createTwin({ seed: 4, topology: t });
    mapped.advance(5 * MINUTE);
    for (const n of mapped.peerNames()) expect(others(mapped, n).map((e) => [e.status, e.resolvedIp]), n).toEqual(MEMBERS.filter((i) => `expc0${i}` !== n).map((i) => ['Active', v6(i)]));
  });

  it('mixing families: one peer left on Cluster IP version IPv4 with the IPv6 list is not in its own list (20003), and the others show it Failed', () => {
    const t = ipv6Cluster();
    t.peers[2]!.config = { 'Alternates Cluster IPVersion': 'IPv4' };
    const twin = createTwin({ seed: 5, topology: t });
    twin.advance(5 * MINUTE);
    expect(twin.observe('expc03').alarms.map((a) => a.key)).toContain('invalid-cluster-configuration');
    for (const n of ['expc01', 'expc02']) {
      expect(others(twin, n).find((e) => e.address === v6(3))?.status, n).toBe('Failed');
      expect(twin.observe(n).alarms.map((a) => a.key), n).toContain('cluster-communication-failure');
    }
  });

  it('mixing families (DOMAIN §6.2, §11.2 "disagreement ⇒ 20012"; the 20012 row\'s assumption): a subordinate that saves IPv4 shows 20012 while it can still reach the primary; restarted onto IPv4 with FQDN entries it reaches nobody (20004/20006, 20016) and the others show it Failed', () => {
    const twin = createTwin({ seed: 7, topology: ipv6Cluster('fqdn') });
    twin.advance(MINUTE);
    twin.save('expc03', { 'Alternates Cluster IPVersion': 'IPv4' }, { via: 'cli', user: 'admin' });
    twin.advance(3 * MINUTE);
    const ids = (n: string) => twin.observe(n).alarms.map((a) => a.id);
    expect(ids('expc03')).toContain('20012');
    twin.restart('expc03');
    twin.advance(8 * MINUTE);
    expect(ids('expc03')).not.toContain('20012');
    expect(ids('expc03')).toEqual(expect.arrayContaining(['20004', '20006', '20016']));
    for (const n of ['expc01', 'expc02']) {
      expect(others(twin, n).find((e) => e.address === 'expc03.example.com')?.status, n).toBe('Failed');
      expect(ids(n), n).toContain('20004');
    }
  });

  it('mixing families: an IPv4 entry in an IPv6 cluster is never tried (address-family), the IPv6 ones form', () => {
    const t = ipv6Cluster();
    for (const p of t.peers) p.config = { 'Alternates Peer 3 Address': '10.0.0.13' };
    const twin = createTwin({ seed: 6, topology: t });
    twin.advance(5 * MINUTE);
    expect(others(twin, 'expc01').map((e) => [e.address, e.status, e.failure])).toEqual([[v6(2), 'Active', undefined], ['10.0.0.13', 'Failed', 'address-family']]);
  });

  it('an IPv6 cluster needs a LAN1 IPv6 address on every member', () => {
    const t = ipv6Cluster();
    delete t.peers[1]!.lan1.ipv6;
    expect(() => createTwin({ seed: 1, topology: t })).toThrow(/expc02/);
  });
});
