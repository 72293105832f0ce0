/**
 * Builds a world from a checked topology: one host per peer with its interfaces, the network's
 * latencies, DNS records for every peer's FQDN, and each peer's starting configuration — standalone,
 * or already clustered (Peer N list, primary, TLS mode, address mapping) and running.
 */
import type { Dns, Network } from '../../sim/index.js';
import { PEER_INDEXES, peerAddressKey, type Certificate, type PeerSpec } from '../expressway/index.js';
import { TOPOLOGY_DEFAULTS, type PeerTopology, type Topology } from './topology.js';

const YEAR_MS = 365 * 86_400_000;

export function fqdnOf(p: PeerTopology, t: Topology): string {
  return `${(p.hostname ?? p.name).toLowerCase()}.${(p.domain ?? t.domain ?? TOPOLOGY_DEFAULTS.domain).toLowerCase()}`;
}

export function epochUtcMs(t: Topology): number {
  return Date.parse(t.epochUtc ?? TOPOLOGY_DEFAULTS.epochUtc);
}

/** Hosts, interfaces and link latencies. */
export function buildNetwork(t: Topology, net: Network): void {
  const d = t.network ?? {};
  if (d.latencyMsMean !== undefined || d.latencyMsJitter !== undefined) {
    net.setDefaults({ ...(d.latencyMsMean !== undefined ? { latencyMsMean: d.latencyMsMean } : {}), ...(d.latencyMsJitter !== undefined ? { latencyMsJitter: d.latencyMsJitter } : {}) });
  }
  for (const p of t.peers) {
    net.addHost(p.name);
    net.addInterface(p.name, { name: 'lan1', ipv4: p.lan1.ipv4, ipv4PrefixLength: p.lan1.prefixLength ?? 24, ...(p.lan1.ipv6 ? { ipv6: p.lan1.ipv6 } : {}) });
    if (p.lan2) net.addInterface(p.name, { name: 'lan2', ipv4: p.lan2.ipv4, ipv4PrefixLength: p.lan2.prefixLength ?? 24, ...(p.lan2.ipv6 ? { ipv6: p.lan2.ipv6 } : {}) });
  }
  for (const l of d.links ?? []) {
    // The link's round trip replaces the base latency on that path: rttMs 80 is an 80 ms round trip.
    net.latency({ from: l.between[0], to: l.between[1], bidirectional: true, latencyMsMean: l.rttMs / 2, latencyMsJitter: l.jitterMs ?? 0, replacesBase: true, name: `link-${l.between.join('-')}` });
  }
}

export function buildDns(t: Topology, dns: Dns): void {
  if (t.dns?.registerPeers !== false) {
    for (const p of t.peers) {
      dns.setRecord(fqdnOf(p, t), 'A', [p.lan1.ipv4]);
      if (p.lan1.ipv6) dns.setRecord(fqdnOf(p, t), 'AAAA', [p.lan1.ipv6]);
    }
  }
  for (const r of t.dns?.records ?? []) dns.setRecord(r.name, r.type, [r.value]);
}

/** One peer's spec: its system facts and the configuration it starts with. */
export function peerSpec(p: PeerTopology, t: Topology): PeerSpec {
  const fqdn = fqdnOf(p, t);
  const epoch = epochUtcMs(t);
  const ca = t.ca ?? TOPOLOGY_DEFAULTS.ca;
  const certificate: Certificate | null = p.certificate === null ? null : {
    cn: p.certificate?.cn ?? fqdn,
    sans: p.certificate?.sans ?? [fqdn],
    issuer: p.certificate?.issuer ?? ca,
    notBeforeMs: p.certificate?.notBefore ? Date.parse(p.certificate.notBefore) : epoch - YEAR_MS,
    notAfterMs: p.certificate?.notAfter ? Date.parse(p.certificate.notAfter) : epoch + YEAR_MS,
  };
  const config: Record<string, unknown> = {
    'SystemUnit Name': p.name,
    'IP DNS Hostname': p.hostname ?? p.name,
    'IP DNS Domain Name': p.domain ?? t.domain ?? TOPOLOGY_DEFAULTS.domain,
    'Ethernet 1 IP V4 Address': p.lan1.ipv4,
    'Ethernet 1 IP V4 SubnetMaskLength': p.lan1.prefixLength ?? 24,
    ...(p.lan1.ipv6 ? { 'Ethernet 1 IP V6 Address': p.lan1.ipv6 } : {}),
    ...(p.lan1.staticNat ? { 'Ethernet 1 IP V4 StaticNAT Mode': 'On', 'Ethernet 1 IP V4 StaticNAT Address': p.lan1.staticNat } : {}),
    ...(p.lan2 ? { 'IP DualInterfaces': 'On', 'Ethernet 2 IP V4 Address': p.lan2.ipv4, 'Ethernet 2 IP V4 SubnetMaskLength': p.lan2.prefixLength ?? 24 } : {}),
    ...(p.lan2?.staticNat ? { 'Ethernet 2 IP V4 StaticNAT Mode': 'On', 'Ethernet 2 IP V4 StaticNAT Address': p.lan2.staticNat } : {}),
    'Certificate Server': certificate,
    'Certificate TrustedCAs': p.trust ?? [ca],
    'H323 Mode': p.h323 ?? 'On',
    ...(p.optionKeys ? { 'Option Keys': p.optionKeys } : {}),
  };
  (p.dnsServers ?? [TOPOLOGY_DEFAULTS.dnsServer]).slice(0, 5).forEach((s, i) => (config[`IP DNS Server ${i + 1} Address`] = s));
  (p.ntpServers ?? [TOPOLOGY_DEFAULTS.ntpServer]).slice(0, 5).forEach((s, i) => (config[`NTP Server ${i + 1} Address`] = s));
  Object.assign(config, clusterConfig(p, t), p.config ?? {});
  return {
    id: p.name,
    system: {
      product: p.product ?? TOPOLOGY_DEFAULTS.product,
      series: p.series ?? TOPOLOGY_DEFAULTS.series,
      version: p.version ?? TOPOLOGY_DEFAULTS.version,
      platform: p.platform ?? TOPOLOGY_DEFAULTS.platform,
      serial: p.serial ?? serialFor(p.name),
      factoryResetImage: p.factoryResetImage ?? true,
      systemKeyInconsistent: p.systemKeyInconsistent ?? false,
    },
    config,
    poweredOn: p.powered ?? true,
  };
}

/** The Clustering page of a peer that starts inside an existing cluster. */
function clusterConfig(p: PeerTopology, t: Topology): Record<string, unknown> {
  const c = t.cluster;
  if (!c || !c.peers.includes(p.name)) return {};
  const members = c.peers.map((n) => t.peers.find((x) => x.name === n)!);
  const out: Record<string, unknown> = {
    'Alternates Cluster Name': c.name ?? `cluster.${t.domain ?? TOPOLOGY_DEFAULTS.domain}`,
    'Alternates ConfigurationPrimary': c.primary ? c.peers.indexOf(c.primary) + 1 : 1,
    'Alternates Cluster TLSVerificationMode': c.tls ?? 'Permissive',
    ...(c.ipVersion ? { 'Alternates Cluster IPVersion': c.ipVersion } : {}),
  };
  // The cluster runs on LAN1's address of the family its IP version selects (DOMAIN §5.1, §6.2).
  const ipOf = (m: PeerTopology): string => (c.ipVersion === 'IPv6' ? m.lan1.ipv6 ?? '' : m.lan1.ipv4);
  for (const n of PEER_INDEXES) {
    const m = members[n - 1];
    out[peerAddressKey(n)] = m ? (c.addressing === 'fqdn' ? fqdnOf(m, t) : ipOf(m)) : '';
  }
  if (c.addressMapping) {
    out['Alternates Cluster AddressMapping Mode'] = 'On';
    out['Alternates Cluster AddressMapping Entries'] = members.map((m) => ({ fqdn: fqdnOf(m, t), ip: ipOf(m) }));
  }
  return out;
}

/** A stable serial number per peer name, for backup file names (DOMAIN §6.16). */
export function serialFor(name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).toUpperCase().padStart(8, '0');
}
