/**
 * A world to build: the peers (product, version, platform, NICs and addresses, FQDN, certificate
 * and trust, option keys), the network between them, DNS, and the starting state — standalone
 * peers or an existing cluster. `checkTopology` rejects worlds that cannot exist before anything is
 * built, naming the offending value (STYLE R8).
 */
import { isIpAddress, parseAddress } from '../../sim/index.js';
import { isVersion, MAX_PEERS, type OptionKey, type Platform, type Product, type Series } from '../expressway/index.js';
import { TwinError } from './errors.js';

export interface NicSpec {
  ipv4: string;
  prefixLength?: number;
  ipv6?: string;
  /** the public address of a static NAT in front of this interface (DOMAIN §3 R19) */
  staticNat?: string;
}

export interface CertificateSpec {
  cn: string;
  sans?: string[];
  issuer?: string;
  /** ISO dates; defaults: a year before and after the world's start */
  notBefore?: string;
  notAfter?: string;
}

export interface PeerTopology {
  name: string;
  product?: Product;
  series?: Series;
  version?: string;
  platform?: Platform;
  serial?: string;
  /** System host name; default: the peer name */
  hostname?: string;
  domain?: string;
  lan1: NicSpec;
  lan2?: NicSpec;
  dnsServers?: string[];
  ntpServers?: string[];
  /** null: no certificate; default: one for the peer's FQDN from the topology's CA */
  certificate?: CertificateSpec | null;
  trust?: string[];
  optionKeys?: OptionKey[];
  h323?: 'On' | 'Off';
  powered?: boolean;
  /** a package sits in /mnt/harddisk/factory-reset/ (false models a fresh OVA, DOMAIN §9.3) */
  factoryResetImage?: boolean;
  systemKeyInconsistent?: boolean;
  /** any other xConfiguration values to start with */
  config?: Record<string, unknown>;
}

export interface ClusterTopology {
  name?: string;
  /** peer names in Peer N order */
  peers: string[];
  /** the configuration primary, by peer name; default the first */
  primary?: string;
  tls?: 'Permissive' | 'Enforcing';
  addressing?: 'ip' | 'fqdn';
  addressMapping?: boolean;
  /** Cluster IP version (DOMAIN §5.1, §6.2): IPv6 clusters on every member's LAN1 IPv6 address; default IPv4 */
  ipVersion?: 'IPv4' | 'IPv6';
}

/**
 * The path between two peers, with its own delay: `rttMs` is the round trip between them, half each
 * way, in place of the network's base latency on that path (not added to it). DOMAIN §3 R5 supports
 * up to and including 80 ms.
 */
export interface LinkTopology {
  between: [string, string];
  rttMs: number;
  /** uniform ± around the one-way delay (rttMs / 2), in ms; the 80 ms verdict reads the mean */
  jitterMs?: number;
}

export interface Topology {
  /** wall time of virtual 0, ISO UTC; default 2026-11-24T09:00:00Z */
  epochUtc?: string;
  utcOffsetMinutes?: number;
  domain?: string;
  /** the CA that issues the default certificates and that every peer trusts by default */
  ca?: string;
  peers: PeerTopology[];
  network?: { latencyMsMean?: number; latencyMsJitter?: number; links?: LinkTopology[] };
  /** extra DNS records; every peer's FQDN gets an A record for its LAN1 IPv4 address (and AAAA for its IPv6 one) unless `registerPeers` is false */
  dns?: { registerPeers?: boolean; records?: { name: string; type: 'A' | 'AAAA'; value: string }[] };
  cluster?: ClusterTopology;
  /** endpoints that register to the cluster's peers (DOMAIN §11.4) */
  endpoints?: EndpointsTopology;
}

export interface EndpointsTopology {
  count: number;
  /** default h323: H.323 endpoints need H.323 mode on their peer */
  protocol?: 'h323' | 'sip';
}

export const TOPOLOGY_DEFAULTS = {
  epochUtc: '2026-11-24T09:00:00Z',
  utcOffsetMinutes: 0,
  domain: 'example.com',
  ca: 'Example Corp Issuing CA',
  product: 'expressway-c' as Product,
  series: 'expressway' as Series,
  version: 'X14.3.1',
  platform: 'medium-vm' as Platform,
  dnsServer: '10.0.0.2',
  ntpServer: '10.0.0.3',
} as const;

const NAME = /^[A-Za-z][A-Za-z0-9-]{0,62}$/;

/** Every rule a world must satisfy, checked before anything is built. */
export function checkTopology(t: Topology): void {
  if (!t || !Array.isArray(t.peers) || t.peers.length === 0) throw new TwinError('XTW_ERR_TWIN_NO_PEERS', { value: t?.peers });
  if (t.peers.length > MAX_PEERS && t.cluster && t.cluster.peers.length > MAX_PEERS) {
    throw new TwinError('XTW_ERR_TWIN_TOO_MANY_PEERS', { value: t.cluster.peers.length });
  }
  const names = new Set<string>();
  const owners = new Map<string, string>();
  for (const p of t.peers) {
    if (typeof p.name !== 'string' || !NAME.test(p.name)) throw new TwinError('XTW_ERR_TWIN_BAD_NAME', { value: p.name });
    if (names.has(p.name)) throw new TwinError('XTW_ERR_TWIN_DUPLICATE_PEER', { value: p.name });
    names.add(p.name);
    if (p.version !== undefined && !isVersion(p.version)) throw new TwinError('XTW_ERR_TWIN_BAD_VERSION', { value: p.version, peer: p.name });
    const nics: [string, string | undefined][] = [
      ['lan1.ipv4', p.lan1?.ipv4], ['lan1.ipv6', p.lan1?.ipv6], ['lan1.staticNat', p.lan1?.staticNat],
      ['lan2.ipv4', p.lan2?.ipv4], ['lan2.ipv6', p.lan2?.ipv6], ['lan2.staticNat', p.lan2?.staticNat],
    ];
    if (!p.lan1 || typeof p.lan1.ipv4 !== 'string') throw new TwinError('XTW_ERR_TWIN_BAD_ADDRESS', { value: p.lan1?.ipv4, field: 'lan1.ipv4', peer: p.name });
    for (const [field, value] of nics) {
      if (value === undefined) continue;
      if (!isIpAddress(value)) throw new TwinError('XTW_ERR_TWIN_BAD_ADDRESS', { value, field, peer: p.name });
      const canonical = parseAddress(value).text;
      const other = owners.get(canonical);
      if (other) throw new TwinError('XTW_ERR_TWIN_DUPLICATE_ADDRESS', { value, a: other, b: p.name });
      owners.set(canonical, p.name);
    }
  }
  const c = t.cluster;
  if (c) {
    if (!Array.isArray(c.peers) || c.peers.length === 0) throw new TwinError('XTW_ERR_TWIN_BAD_CLUSTER', { value: 'peers must list at least one peer' });
    if (c.peers.length > MAX_PEERS) throw new TwinError('XTW_ERR_TWIN_TOO_MANY_PEERS', { value: c.peers.length });
    const seen = new Set<string>();
    for (const n of c.peers) {
      if (!names.has(n)) throw new TwinError('XTW_ERR_TWIN_UNKNOWN_PEER', { value: n, known: [...names] });
      if (seen.has(n)) throw new TwinError('XTW_ERR_TWIN_DUPLICATE_PEER', { value: n });
      seen.add(n);
    }
    if (c.ipVersion === 'IPv6') {
      const without = c.peers.filter((n) => !t.peers.find((p) => p.name === n)?.lan1.ipv6);
      if (without.length > 0) throw new TwinError('XTW_ERR_TWIN_BAD_CLUSTER', { value: `an IPv6 cluster needs a LAN1 IPv6 address on every member; ${without.join(', ')} has none` });
    }
    if (c.primary !== undefined && !c.peers.includes(c.primary)) throw new TwinError('XTW_ERR_TWIN_BAD_CLUSTER', { value: `primary ${c.primary} is not in the cluster's peers` });
  }
  for (const l of t.network?.links ?? []) {
    for (const n of l.between) if (!names.has(n)) throw new TwinError('XTW_ERR_TWIN_UNKNOWN_PEER', { value: n, known: [...names] });
    if (!(l.rttMs >= 0)) throw new TwinError('XTW_ERR_TWIN_BAD_FAULT', { value: `rttMs must be ≥ 0, got ${String(l.rttMs)}` });
    if (l.jitterMs !== undefined && !(l.jitterMs >= 0)) throw new TwinError('XTW_ERR_TWIN_BAD_FAULT', { value: `jitterMs must be ≥ 0, got ${String(l.jitterMs)}` });
  }
  if (t.endpoints !== undefined && !(Number.isInteger(t.endpoints.count) && t.endpoints.count >= 0 && t.endpoints.count <= 1_000_000)) {
    throw new TwinError('XTW_ERR_TWIN_BAD_CLUSTER', { value: `endpoints.count must be a whole number from 0 to 1000000, got ${String(t.endpoints.count)}` });
  }
  if (t.epochUtc !== undefined && Number.isNaN(Date.parse(t.epochUtc))) throw new TwinError('XTW_ERR_TWIN_BAD_TIME', { value: t.epochUtc });
}
