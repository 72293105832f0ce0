/**
 * The configuration tree of one peer, as a table (STYLE R14: a declarative table may be long).
 * Keys are the product's xConfiguration paths ("Alternates Peer 1 Address"), so the CLI, the admin
 * pages and the runbooks all name a setting the same way. Each key says whether it is replicated
 * from the configuration primary or stays local (DOMAIN §5.3), and whether a saved value waits for
 * a restart before it acts (DOMAIN §5.5) — and which restart-required alarm says so.
 * Paths marked `cliAssumed` are not in the X15.0 reference (DOMAIN §5.2, §13.3): assumption.
 */
import type { AlarmKey } from '../alarms.js';

export type ConfigScope = 'replicated' | 'local';

export type ValueType =
  | { kind: 'string'; minLength?: number; maxLength: number; pattern?: RegExp; patternText?: string }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'enum'; values: readonly string[] }
  /** an IP address or an FQDN (peer addresses, DNS/NTP servers); empty allowed when `optional` */
  | { kind: 'host'; optional: boolean }
  /** an IP address only; empty allowed when `optional` */
  | { kind: 'ip'; family?: 4 | 6; optional: boolean }
  | { kind: 'mappings' }
  | { kind: 'certificate' }
  | { kind: 'names' }
  | { kind: 'optionKeys' };

/** Which restart-required alarm a pending value raises (DOMAIN §5.5, §7). */
export type RestartAlarm = Extract<AlarmKey, 'restart-required-cluster-configuration' | 'restart-required-ip' | 'restart-required-option-key' | 'restart-required-server-certificate'>;

export interface KeySpec {
  readonly key: string;
  readonly label: string;
  readonly type: ValueType;
  readonly default: ConfigValue;
  readonly scope: ConfigScope;
  /** Saved values wait for a restart before they act, with this alarm meanwhile. */
  readonly restart?: RestartAlarm;
  /** Admin page the field lives on. */
  readonly page: PageName;
  /** Not an xConfiguration path in the product's reference (DOMAIN §13.3): the twin's choice. */
  readonly cliAssumed?: boolean;
  readonly source: string;
}

export type PageName = 'clustering' | 'system' | 'dns' | 'time' | 'ip' | 'protocols' | 'call-routing' | 'zones' | 'security' | 'option-keys' | 'maintenance' | 'administration' | 'snmp' | 'logging';

/** A server certificate as the twin models it: names and validity, never key material. */
export interface Certificate {
  readonly cn: string;
  readonly sans: readonly string[];
  readonly issuer: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
}

export interface AddressMapping {
  readonly fqdn: string;
  readonly ip: string;
}

export interface OptionKey {
  readonly key: string;
  /** a feature key must be identical on every peer; a licence key may differ (DOMAIN §3 R15) */
  readonly kind: 'feature' | 'licence';
  readonly description: string;
  /** licence count for licence keys (rms, room, desktop, traversal, non-traversal) */
  readonly licence?: { type: LicenceType; count: number };
}

export type LicenceType = 'rms' | 'room' | 'desktop' | 'traversal' | 'non-traversal' | 'turn';

export type ConfigValue = string | number | readonly AddressMapping[] | Certificate | null | readonly string[] | readonly OptionKey[];
export type Config = Readonly<Record<string, ConfigValue>>;

export const MAX_PEERS = 6;
export const PEER_INDEXES = [1, 2, 3, 4, 5, 6] as const;

const ON_OFF = { kind: 'enum', values: ['On', 'Off'] } as const;
const HOST_OPT = { kind: 'host', optional: true } as const;

const CLUSTER = 'DOMAIN §5.1, §5.2';

/** System > SNMP's choices (INTERFACES §4); `v3plusTMS` = "v3 plus TMS support". */
export const SNMP_MODES = ['Disabled', 'v3', 'v3plusTMS', 'v2c'] as const;
/** Syslog severities, most severe first (RFC 5424 order; "selected and more severe" are sent). */
export const SYSLOG_SEVERITIES = ['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug'] as const;
export const MAX_SYSLOG_SERVERS = 4;

/** The whole tree. Order is the order pages and `xConfiguration` listings show. */
export const CONFIG_KEYS: readonly KeySpec[] = [
  // System > Clustering (DOMAIN §5.1). Peer-specific: entered on each peer (DOMAIN §5.3).
  { key: 'Alternates Cluster Name', label: 'Cluster name', type: { kind: 'string', maxLength: 128, pattern: /^$|^(?!-)[A-Za-z0-9_-]+(?<!-)(\.(?!-)[A-Za-z0-9_-]+(?<!-))*$/, patternText: 'an FQDN of letters, digits, hyphens and underscores' }, default: '', scope: 'local', page: 'clustering', source: CLUSTER },
  { key: 'Alternates ConfigurationPrimary', label: 'Configuration primary', type: { kind: 'int', min: 1, max: MAX_PEERS }, default: 1, scope: 'local', page: 'clustering', source: CLUSTER },
  { key: 'Alternates Cluster IPVersion', label: 'Cluster IP version', type: { kind: 'enum', values: ['IPv4', 'IPv6'] }, default: 'IPv4', scope: 'local', restart: 'restart-required-cluster-configuration', page: 'clustering', cliAssumed: true, source: CLUSTER },
  // TLS mode: entered on each peer when adding it, and replicates through the cluster database when changed on the primary (DOMAIN §5.3, §5.4 two-layer model).
  { key: 'Alternates Cluster TLSVerificationMode', label: 'TLS verification mode', type: { kind: 'enum', values: ['Permissive', 'Enforcing'] }, default: 'Permissive', scope: 'replicated', restart: 'restart-required-cluster-configuration', page: 'clustering', cliAssumed: true, source: 'DOMAIN §5.1, §6.13' },
  { key: 'Alternates Cluster AddressMapping Mode', label: 'Cluster address mapping enabled', type: ON_OFF, default: 'Off', scope: 'replicated', page: 'clustering', cliAssumed: true, source: 'DOMAIN §6.12' },
  { key: 'Alternates Cluster AddressMapping Entries', label: 'Cluster address mappings', type: { kind: 'mappings' }, default: [], scope: 'replicated', page: 'clustering', cliAssumed: true, source: 'DOMAIN §5.2, §6.12' },
  ...[1, 2, 3, 4, 5, 6].map((n): KeySpec => ({ key: `Alternates Peer ${n} Address`, label: `Peer ${n} address`, type: HOST_OPT, default: '', scope: 'local', restart: 'restart-required-cluster-configuration', page: 'clustering', source: CLUSTER })),

  // System > Administration, DNS, Time (peer-specific, DOMAIN §5.3)
  { key: 'SystemUnit Name', label: 'System name', type: { kind: 'string', maxLength: 50 }, default: '', scope: 'local', page: 'system', source: 'DOMAIN §3 R8' },
  { key: 'IP DNS Hostname', label: 'System host name', type: { kind: 'string', maxLength: 63, pattern: /^$|^(?!-)[A-Za-z0-9-]+(?<!-)$/, patternText: 'letters, digits and hyphens' }, default: '', scope: 'local', page: 'dns', source: 'DOMAIN §3 R9' },
  { key: 'IP DNS Domain Name', label: 'Domain name', type: { kind: 'string', maxLength: 128 }, default: '', scope: 'local', page: 'dns', source: 'DOMAIN §3 R10' },
  ...[1, 2, 3, 4, 5].map((n): KeySpec => ({ key: `IP DNS Server ${n} Address`, label: `DNS server ${n} address`, type: { kind: 'ip', optional: true }, default: '', scope: 'local', page: 'dns', source: 'DOMAIN §3 R11' })),
  ...[1, 2, 3, 4, 5].map((n): KeySpec => ({ key: `NTP Server ${n} Address`, label: `NTP server ${n} address`, type: HOST_OPT, default: '', scope: 'local', page: 'time', source: 'DOMAIN §3 R12' })),
  { key: 'Administration HTTPS Mode', label: 'Web interface (over HTTPS)', type: ON_OFF, default: 'On', scope: 'local', page: 'administration', source: 'DOMAIN §9.1' },
  { key: 'Administration SSH Mode', label: 'SSH service', type: ON_OFF, default: 'On', scope: 'local', page: 'administration', source: 'DOMAIN §9.1' },
  { key: 'Administration AdminPassword', label: 'admin password', type: { kind: 'string', maxLength: 128 }, default: 'TANDBERG', scope: 'local', page: 'administration', cliAssumed: true, source: 'DOMAIN §9.1 (assumption: default value)' },
  { key: 'Administration RootPassword', label: 'root password', type: { kind: 'string', maxLength: 128 }, default: 'TANDBERG', scope: 'local', page: 'administration', cliAssumed: true, source: 'DOMAIN §9.1 (assumption: default value)' },

  // System > Network interfaces (peer-specific; restart 25010, DOMAIN §5.5)
  { key: 'Ethernet 1 IP V4 Address', label: 'LAN 1 IPv4 address', type: { kind: 'ip', family: 4, optional: true }, default: '', scope: 'local', restart: 'restart-required-ip', page: 'ip', source: 'DOMAIN §5.3' },
  { key: 'Ethernet 1 IP V4 SubnetMaskLength', label: 'LAN 1 IPv4 subnet mask length', type: { kind: 'int', min: 1, max: 32 }, default: 24, scope: 'local', restart: 'restart-required-ip', page: 'ip', cliAssumed: true, source: 'DOMAIN §5.3' },
  { key: 'Ethernet 1 IP V6 Address', label: 'LAN 1 IPv6 address', type: { kind: 'ip', family: 6, optional: true }, default: '', scope: 'local', restart: 'restart-required-ip', page: 'ip', source: 'DOMAIN §5.3' },
  { key: 'Ethernet 1 IP V4 StaticNAT Mode', label: 'LAN 1 IPv4 static NAT mode', type: ON_OFF, default: 'Off', scope: 'local', restart: 'restart-required-ip', page: 'ip', source: 'DOMAIN §3 R19' },
  { key: 'Ethernet 1 IP V4 StaticNAT Address', label: 'LAN 1 IPv4 static NAT address', type: { kind: 'ip', family: 4, optional: true }, default: '', scope: 'local', restart: 'restart-required-ip', page: 'ip', source: 'DOMAIN §3 R19' },
  { key: 'Ethernet 2 IP V4 Address', label: 'LAN 2 IPv4 address', type: { kind: 'ip', family: 4, optional: true }, default: '', scope: 'local', restart: 'restart-required-ip', page: 'ip', source: 'DOMAIN §5.3, §9.1' },
  { key: 'Ethernet 2 IP V4 SubnetMaskLength', label: 'LAN 2 IPv4 subnet mask length', type: { kind: 'int', min: 1, max: 32 }, default: 24, scope: 'local', restart: 'restart-required-ip', page: 'ip', cliAssumed: true, source: 'DOMAIN §5.3' },
  { key: 'Ethernet 2 IP V4 StaticNAT Mode', label: 'LAN 2 IPv4 static NAT mode', type: ON_OFF, default: 'Off', scope: 'local', restart: 'restart-required-ip', page: 'ip', source: 'DOMAIN §3 R19' },
  { key: 'Ethernet 2 IP V4 StaticNAT Address', label: 'LAN 2 IPv4 static NAT address', type: { kind: 'ip', family: 4, optional: true }, default: '', scope: 'local', restart: 'restart-required-ip', page: 'ip', source: 'DOMAIN §3 R19' },
  { key: 'IP Gateway', label: 'IPv4 gateway', type: { kind: 'ip', family: 4, optional: true }, default: '', scope: 'local', restart: 'restart-required-ip', page: 'ip', source: 'DOMAIN §5.3' },
  { key: 'IP DualInterfaces', label: 'Use dual network interfaces', type: ON_OFF, default: 'Off', scope: 'local', restart: 'restart-required-ip', page: 'ip', cliAssumed: true, source: 'DOMAIN §8.3 (xCommand Network Interface DualInterfaces)' },

  // Configuration > Protocols, Call routing, Zones (replicated, DOMAIN §5.3)
  { key: 'H323 Mode', label: 'H.323 mode', type: ON_OFF, default: 'On', scope: 'replicated', page: 'protocols', source: 'DOMAIN §3 R14' },
  { key: 'H323 Gatekeeper TimeToLive', label: 'H.323 registration time to live (seconds)', type: { kind: 'int', min: 60, max: 65534 }, default: 1800, scope: 'replicated', page: 'protocols', source: 'DOMAIN §3 R27' },
  { key: 'SIP Mode', label: 'SIP mode', type: ON_OFF, default: 'On', scope: 'replicated', page: 'protocols', source: 'DOMAIN §8.2' },
  { key: 'Call Routed Mode', label: 'Call signaling optimization', type: { kind: 'enum', values: ['Always', 'Optimal'] }, default: 'Always', scope: 'replicated', page: 'call-routing', source: 'DOMAIN §3 R28' },
  { key: 'FindMe Mode', label: 'FindMe mode', type: ON_OFF, default: 'Off', scope: 'replicated', page: 'call-routing', source: 'DOMAIN §5.3' },
  ...[1, 2, 3, 4].map((n): KeySpec => ({ key: `Zones Zone ${n} Name`, label: `Zone ${n} name`, type: { kind: 'string', maxLength: 50 }, default: '', scope: 'replicated', page: 'zones', source: 'DOMAIN §5.3' })),
  // assumption: one peer address per zone slot (the product holds Peer 1..6 per zone); enough to see a
  // zone that neighbours a fellow cluster peer (DOMAIN §3 R18).
  ...[1, 2, 3, 4].map((n): KeySpec => ({ key: `Zones Zone ${n} Neighbor Peer 1 Address`, label: `Zone ${n} peer 1 address`, type: HOST_OPT, default: '', scope: 'replicated', page: 'zones', source: 'DOMAIN §3 R18' })),
  ...[1, 2, 3, 4].map((n): KeySpec => ({ key: `Zones Zone ${n} Type`, label: `Zone ${n} type`, type: { kind: 'enum', values: ['Neighbor', 'TraversalClient', 'TraversalServer', 'DNS'] }, default: 'Neighbor', scope: 'replicated', page: 'zones', source: 'DOMAIN §5.3' })),
  ...[1, 2, 3, 4].map((n): KeySpec => ({ key: `Transform ${n} Pattern String`, label: `Transform ${n} pattern`, type: { kind: 'string', maxLength: 128 }, default: '', scope: 'replicated', page: 'call-routing', source: 'DOMAIN §5.3' })),
  // Search rules (replicated like the rest of the dial plan). assumption: the xConfiguration path and the twin's
  // 4 slots (the product holds many more); written by the REST API's common/searchrule (INTERFACES §3.2).
  ...[1, 2, 3, 4].flatMap((n): KeySpec[] => [
    { key: `Zones Policy SearchRules Rule ${n} Name`, label: `Search rule ${n} name`, type: { kind: 'string', maxLength: 50 }, default: '', scope: 'replicated', page: 'call-routing', cliAssumed: true, source: 'INTERFACES §3.2' },
    { key: `Zones Policy SearchRules Rule ${n} Priority`, label: `Search rule ${n} priority`, type: { kind: 'int', min: 1, max: 65534 }, default: 100, scope: 'replicated', page: 'call-routing', cliAssumed: true, source: 'INTERFACES §3.2 (assumption: default 100)' },
    { key: `Zones Policy SearchRules Rule ${n} Target Name`, label: `Search rule ${n} target`, type: { kind: 'string', maxLength: 50 }, default: '', scope: 'replicated', page: 'call-routing', cliAssumed: true, source: 'INTERFACES §3.2' },
  ]),

  // System > SNMP (peer-specific, AG-CLU; INTERFACES §4). Leaf names from the XCONF auditor's dump regex;
  // the mode leaf is NOT FOUND: assumption `SNMP Mode` (the GK/BC API's leaf) with the admin page's four choices.
  { key: 'SNMP Mode', label: 'SNMP mode', type: { kind: 'enum', values: SNMP_MODES }, default: 'Disabled', scope: 'local', page: 'snmp', cliAssumed: true, source: 'INTERFACES §4 (assumption: leaf name)' },
  { key: 'SNMP SystemDescription', label: 'Description', type: { kind: 'string', maxLength: 255 }, default: '', scope: 'local', page: 'snmp', source: 'INTERFACES §4' },
  { key: 'SNMP CommunityName', label: 'Community name', type: { kind: 'string', minLength: 1, maxLength: 16, pattern: /^[!-~]+$/, patternText: 'printable characters without spaces' }, default: 'public', scope: 'local', page: 'snmp', source: 'INTERFACES §4 (assumption: length bounds)' },
  { key: 'SNMP SystemContact', label: 'System contact', type: { kind: 'string', maxLength: 70 }, default: 'Administrator', scope: 'local', page: 'snmp', source: 'INTERFACES §4' },
  { key: 'SNMP SystemLocation', label: 'Location', type: { kind: 'string', maxLength: 70 }, default: '', scope: 'local', page: 'snmp', source: 'INTERFACES §4' },
  { key: 'SNMP V3UserName', label: 'v3 username', type: { kind: 'string', maxLength: 32, pattern: /^$|^[!-~]+$/, patternText: 'printable characters without spaces' }, default: '', scope: 'local', page: 'snmp', source: 'INTERFACES §4' },
  { key: 'SNMP V3AuthenticationMode', label: 'v3 authentication mode', type: ON_OFF, default: 'On', scope: 'local', page: 'snmp', source: 'INTERFACES §4 (assumption: default On)' },
  { key: 'SNMP V3AuthenticationType', label: 'v3 authentication type', type: { kind: 'enum', values: ['SHA'] }, default: 'SHA', scope: 'local', page: 'snmp', source: 'INTERFACES §4 (SHA only; MD5 removed X14.2)' },
  { key: 'SNMP V3AuthenticationPassword', label: 'v3 authentication password', type: { kind: 'string', maxLength: 64, pattern: /^$|^.{8,}$/, patternText: 'at least 8 characters' }, default: '', scope: 'local', page: 'snmp', source: 'INTERFACES §4' },
  { key: 'SNMP V3PrivacyMode', label: 'v3 privacy mode', type: ON_OFF, default: 'On', scope: 'local', page: 'snmp', source: 'INTERFACES §4 (assumption: default On)' },
  { key: 'SNMP V3PrivacyType', label: 'v3 privacy type', type: { kind: 'enum', values: ['AES'] }, default: 'AES', scope: 'local', page: 'snmp', source: 'INTERFACES §4' },
  { key: 'SNMP V3PrivacyPassword', label: 'v3 privacy password', type: { kind: 'string', maxLength: 64, pattern: /^$|^.{8,}$/, patternText: 'at least 8 characters' }, default: '', scope: 'local', page: 'snmp', source: 'INTERFACES §4' },

  // Maintenance > Logging: up to 4 remote syslog servers (peer-specific, AG-CLU; INTERFACES §5). The xConfiguration
  // leaf names are NOT FOUND: assumption `Logging Server <n> …`. An empty address means the slot is unused.
  ...[1, 2, 3, 4].flatMap((n): KeySpec[] => [
    { key: `Logging Server ${n} Address`, label: `Remote syslog server ${n} address`, type: HOST_OPT, default: '', scope: 'local', page: 'logging', cliAssumed: true, source: 'INTERFACES §5' },
    { key: `Logging Server ${n} Transport`, label: `Remote syslog server ${n} transport`, type: { kind: 'enum', values: ['UDP', 'TCP', 'TLS'] }, default: 'UDP', scope: 'local', page: 'logging', cliAssumed: true, source: 'INTERFACES §5' },
    { key: `Logging Server ${n} Port`, label: `Remote syslog server ${n} port`, type: { kind: 'int', min: 1, max: 65535 }, default: 514, scope: 'local', page: 'logging', cliAssumed: true, source: 'INTERFACES §5 (UDP 514; TLS 6514)' },
    { key: `Logging Server ${n} Format`, label: `Remote syslog server ${n} message format`, type: { kind: 'enum', values: ['Legacy BSD', 'IETF'] }, default: 'Legacy BSD', scope: 'local', page: 'logging', cliAssumed: true, source: 'INTERFACES §5' },
    { key: `Logging Server ${n} Severity`, label: `Remote syslog server ${n} filter by severity`, type: { kind: 'enum', values: SYSLOG_SEVERITIES }, default: 'Informational', scope: 'local', page: 'logging', cliAssumed: true, source: 'INTERFACES §5 (assumption: default Informational)' },
  ]),

  // Maintenance > Security, Option keys, Maintenance mode (peer-specific)
  { key: 'Certificate Server', label: 'Server certificate', type: { kind: 'certificate' }, default: null, scope: 'local', restart: 'restart-required-server-certificate', page: 'security', cliAssumed: true, source: 'DOMAIN §3 R16, §9.1' },
  { key: 'Certificate TrustedCAs', label: 'Trusted CA certificates', type: { kind: 'names' }, default: [], scope: 'local', page: 'security', cliAssumed: true, source: 'DOMAIN §5.3' },
  { key: 'Option Keys', label: 'Option keys', type: { kind: 'optionKeys' }, default: [], scope: 'local', restart: 'restart-required-option-key', page: 'option-keys', cliAssumed: true, source: 'DOMAIN §3 R15, §2.3' },
  { key: 'Maintenance Mode', label: 'Maintenance mode', type: ON_OFF, default: 'Off', scope: 'local', page: 'maintenance', cliAssumed: true, source: 'DOMAIN §6.20' },
];

const BY_KEY = new Map<string, KeySpec>(CONFIG_KEYS.map((s) => [s.key.toLowerCase(), s]));
const EXACT = new Map<string, KeySpec>(CONFIG_KEYS.map((s) => [s.key, s]));

/** The spec of a key, matched case-insensitively as the CLI does; undefined if unknown. */
export function keySpec(key: string): KeySpec | undefined {
  return EXACT.get(key) ?? BY_KEY.get(key.replace(/\s+/g, ' ').trim().toLowerCase());
}

export function defaultConfig(): Config {
  const out: Record<string, ConfigValue> = {};
  for (const s of CONFIG_KEYS) out[s.key] = s.default;
  return out;
}

export function peerAddressKey(n: number): string {
  return `Alternates Peer ${n} Address`;
}

/** The Peer 1..6 address list, '' for empty fields. */
export function peerAddresses(config: Config): string[] {
  return PEER_ADDRESS_KEYS.map((k) => String(config[k] ?? ''));
}

// Built once: peerAddresses runs on hot paths (every restart's factory-reset guard, cluster checks).
const PEER_ADDRESS_KEYS: readonly string[] = PEER_INDEXES.map(peerAddressKey);

export const REPLICATED_KEYS: readonly string[] = CONFIG_KEYS.filter((s) => s.scope === 'replicated').map((s) => s.key);
