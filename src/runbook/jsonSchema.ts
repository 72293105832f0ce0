/**
 * The runbook format (schema.ts) as a JSON Schema (draft-07): the one source of truth that both
 * validates runbooks (load.ts hands it to ajv) and gives editors completion and hover help
 * (scenarios/runbook.schema.json is this object, printed). Every object forbids unknown keys;
 * alternatives are `oneOf`s that live in `definitions`, so load.ts can report the branch the
 * author meant. A declarative table, so longer than a module (STYLE R14). Compile-time checks
 * below tie every property list and enum to the TypeScript types: a change there breaks tsc here.
 * Regenerate the published file with: npx tsx src/runbook/jsonSchema.ts > scenarios/runbook.schema.json
 */
import { pathToFileURL } from 'node:url';
import { MAX_PEERS, MAX_SYSLOG_SERVERS, TRAPS, type ClusterTopology, type EndpointsTopology, type NicSpec, type CertificateSpec, type LifecycleState, type OptionKey, type PageName, type PeerTopology, type Platform, type Topology } from '../twin.js';
import type { FaultSpec } from '../operator/actionTypes.js';
import { MAX_FAULT_LATENCY_MS, MAX_WAIT_MS } from '../operator/bounds.js';
import { STEP_GAP_MS } from './pace.js';
import { bool, every, int, list, map, num, object, oneOfStrings, peerRef, ref, str, type AllKeys, type JsonSchema, type Variant } from './jsonSchemaBuilders.js';
import { HTTP_METHODS, type Bounds, type CheckRanges, type Condition, type HttpStep, type LabHints, type LabSpec, type Objective, type Runbook, type Step, type SyslogCondition, type TimedFault } from './schema.js';

export type { JsonSchema, JsonType } from './jsonSchemaBuilders.js';

export const RUNBOOK_SCHEMA_ID = 'https://expressway-twin.invalid/schemas/runbook.schema.json';

// ── Enumerations, each checked against its TypeScript union ──────────────────────────────────

const PLATFORMS = every<Platform>()(['small-vm', 'medium-vm', 'large-vm', 'ce1200', 'ce1300', 'ce500', 'ce1000', 'ce1100', 'ce1100-10g']);
const PRODUCTS = every<NonNullable<PeerTopology['product']>>()(['expressway-c', 'expressway-e']);
const SERIES = every<NonNullable<PeerTopology['series']>>()(['expressway', 'expressway-select']);
const PAGES = every<PageName>()(['clustering', 'system', 'dns', 'time', 'ip', 'protocols', 'call-routing', 'zones', 'security', 'option-keys', 'maintenance', 'administration', 'snmp', 'logging']);
const RECORD_TYPES = every<NonNullable<NonNullable<Topology['dns']>['records']>[number]['type']>()(['A', 'AAAA']);
const FAULT_KINDS = every<FaultSpec['kind']>()(['partition', 'latency', 'loss', 'nat', 'dns-failure', 'power-loss', 'database-failure']);

/** The key that says what a step does; a step has exactly one (`note` alone is a comment step). */
export const STEP_KINDS = every<Exclude<AllKeys<Step>, 'peer' | 'set' | 'from' | 'expectError' | 'independent' | 'gap'>>()(
  ['tshell', 'page', 'root', 'power', 'restart', 'upgrade', 'backup', 'restore', 'redeploy', 'dns', 'fault', 'heal', 'wait', 'expect', 'http', 'note'],
);
/** The key that says what a condition observes. */
export const CONDITION_KINDS = every<Exclude<AllKeys<Condition>, 'peer' | 'present'>>()(
  ['alarm', 'state', 'status', 'certificate', 'database', 'config', 'active', 'banner', 'log', 'output', 'version', 'factoryReset', 'registrations', 'endpointsWaiting', 'replicated', 'armed', 'syslog'],
);
export { FAULT_KINDS };

// ── Patterns ──────────────────────────────────────────────────────────────────────────────────

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = `${OCTET}(?:\\.${OCTET}){3}`;
/** Loose on purpose: the shape of an IPv6 text; load.ts checks it exactly with the twin's parser. */
const IPV6 = '(?=[0-9A-Fa-f:.]*:)[0-9A-Fa-f:.]{2,45}';
const DURATION_PART = '[0-9]+(?:\\.[0-9]+)?(?:ms|s|m|h|d)';

// ── Definitions ───────────────────────────────────────────────────────────────────────────────

const definitions: Record<string, JsonSchema> = {
  duration: {
    title: 'duration',
    description: 'Virtual time: a string of number+unit parts (ms, s, m, h, d) such as "90s", "2m" or "1h30m", or a non-negative number of milliseconds.',
    examples: ['90s', '2m', '1h30m', 500],
    oneOf: [
      str('duration', 'Number+unit parts, e.g. "90s", "2m", "1h30m", "250ms".', { pattern: `^${DURATION_PART}(?:${DURATION_PART})*$`, examples: ['90s', '2m', '1h30m'] }),
      num('duration in milliseconds', 'A non-negative number of milliseconds.', { minimum: 0 }),
    ],
  },
  ipv4: str('IPv4 address', 'A dotted-quad IPv4 address without leading zeros, e.g. 10.0.0.11.', { pattern: `^${IPV4}$`, examples: ['10.0.0.11'] }),
  ipv6: str('IPv6 address', 'An IPv6 address, e.g. 2001:db8::11.', { pattern: `^${IPV6}$`, examples: ['2001:db8::11'] }),
  ipAddress: str('IP address', 'An IPv4 or IPv6 address, e.g. 10.0.0.11 or 2001:db8::11.', { pattern: `^(?:${IPV4}|${IPV6})$`, examples: ['10.0.0.11', '2001:db8::11'] }),
  version: str('software version', 'An Expressway software version: X, major, minor and optional maintenance number.', { pattern: '^X\\d+\\.\\d+(\\.\\d+)?$', examples: ['X14.3.1', 'X15.0'] }),
  peerName: str('peer name', 'A peer name: a letter, then up to 62 letters, digits or hyphens. It is the host name unless `hostname` says otherwise.', { pattern: '^[A-Za-z][A-Za-z0-9-]{0,62}$', examples: ['expc01'] }),
  peerRef: str('peer', 'The name of a peer in `topology.peers`.', { minLength: 1, examples: ['expc01'] }),
  httpAuth: {
    title: 'HTTP credentials', description: 'Basic credentials for an http step, or "none" to send no Authorization header.',
    oneOf: [
      { title: 'none', description: 'Send no credentials.', const: 'none' },
      object<Exclude<HttpStep['auth'], 'none' | undefined>>()('credentials', 'User and password.', { user: str('user', 'The account.'), password: str('password', 'Its password.') }, ['user', 'password']),
    ],
  },
  peerPair: list('peer pair', 'Two peer names: the two ends of a link.', ref('peerRef', 'peer', 'One end.'), { minItems: 2, maxItems: 2 }),

  nic: object<NicSpec>()('network interface', 'One LAN interface of a peer.', {
    ipv4: ref('ipv4', 'IPv4 address', 'The interface\'s IPv4 address.'),
    prefixLength: int('prefix length', 'IPv4 prefix length of the subnet, 0-32.', { minimum: 0, maximum: 32 }),
    ipv6: ref('ipv6', 'IPv6 address', 'The interface\'s IPv6 address, if any.'),
    staticNat: ref('ipAddress', 'static NAT address', 'The public address of a static NAT in front of this interface (DOMAIN §3 R19).'),
  }, ['ipv4']),

  certificate: {
    ...object<CertificateSpec>()('server certificate', 'The peer\'s server certificate; null for none. Default: one for the peer\'s FQDN from the topology\'s CA.', {
      cn: str('common name', 'Subject common name, usually the peer\'s FQDN.', { minLength: 1 }),
      sans: list('subject alternative names', 'DNS names the certificate is also valid for.', str('SAN', 'One subject alternative name.')),
      issuer: str('issuer', 'The CA that signed it; default the topology\'s CA.'),
      notBefore: str('valid from', 'ISO date or date-time; default a year before the world\'s start.', { pattern: '^\\d{4}-\\d{2}-\\d{2}(T.*)?$' }),
      notAfter: str('valid until', 'ISO date or date-time; default a year after the world\'s start.', { pattern: '^\\d{4}-\\d{2}-\\d{2}(T.*)?$' }),
    }, ['cn']),
    type: ['object', 'null'],
  },

  optionKey: object<OptionKey>()('option key', 'An installed option key. Feature keys must match on every peer; licence keys may differ (DOMAIN §3 R15).', {
    key: str('key', 'The option key text.', { minLength: 1 }),
    kind: oneOfStrings('kind', 'feature or licence.', every<OptionKey['kind']>()(['feature', 'licence'])),
    description: str('description', 'What the key enables, as the Option keys page shows it.'),
    licence: object<NonNullable<OptionKey['licence']>>()('licence', 'For licence keys: which licence and how many.', {
      type: oneOfStrings('licence type', 'The kind of licence.', every<NonNullable<OptionKey['licence']>['type']>()(['rms', 'room', 'desktop', 'traversal', 'non-traversal', 'turn'])),
      count: int('count', 'How many licences the key adds.', { minimum: 0 }),
    }, ['type', 'count']),
  }, ['key', 'kind', 'description']),

  peer: object<PeerTopology>()('peer', 'One Expressway peer: product, version, platform, interfaces, certificate and starting state.', {
    name: ref('peerName', 'name', 'The peer\'s name, used everywhere in the runbook to refer to it.'),
    product: oneOfStrings('product', 'Expressway-C (inside) or Expressway-E (DMZ). Default expressway-c.', PRODUCTS),
    series: oneOfStrings('series', 'Expressway or Expressway Select. Default expressway.', SERIES),
    version: ref('version', 'version', 'Software version; default X14.3.1.'),
    platform: oneOfStrings('platform', 'VM size or appliance (DOMAIN §2.2). Default medium-vm.', PLATFORMS),
    serial: str('serial number', 'Hardware serial number; default derived from the name.'),
    hostname: str('host name', 'System host name; default the peer name.'),
    domain: str('domain', 'DNS domain; default the topology\'s domain.'),
    lan1: ref('nic', 'LAN 1', 'The first LAN interface (required).'),
    lan2: ref('nic', 'LAN 2', 'The second LAN interface (dual-NIC deployments).'),
    dnsServers: list('DNS servers', 'Addresses of the DNS servers the peer uses.', ref('ipAddress', 'DNS server', 'A DNS server address.')),
    ntpServers: list('NTP servers', 'NTP servers (addresses or names).', str('NTP server', 'An NTP server address or name.')),
    certificate: ref('certificate', 'certificate', 'The server certificate; null for none.'),
    trust: list('trusted CAs', 'CA names in the peer\'s trusted CA list; default the topology\'s CA.', str('CA', 'A CA name.')),
    optionKeys: list('option keys', 'Installed option keys.', ref('optionKey', 'option key', 'One option key.')),
    h323: oneOfStrings('H.323', 'H.323 mode On or Off.', every<NonNullable<PeerTopology['h323']>>()(['On', 'Off'])),
    powered: bool('powered', 'false: the peer starts powered off. Default true.'),
    factoryResetImage: bool('factory-reset image', 'A package sits in /mnt/harddisk/factory-reset/ (false models a fresh OVA, DOMAIN §9.3).'),
    systemKeyInconsistent: bool('system key inconsistent', 'The peer starts with a system key that differs from its cluster\'s.'),
    config: map('configuration', 'Other xConfiguration values to start with, by path.'),
  }, ['name', 'lan1']),

  link: object<NonNullable<NonNullable<Topology['network']>['links']>[number]>()('link', 'The round trip between two peers, in place of the default latency on that path.', {
    between: ref('peerPair', 'between', 'The two peers at the ends of the link.'),
    rttMs: num('round trip (ms)', 'Round-trip time between the two peers in milliseconds, half each way. It replaces the default latency on this path (it is not added to it). The product supports up to and including 80 (DOMAIN §3 R5); above that the cluster database link between them fails.', { minimum: 0 }),
    jitterMs: num('jitter (ms)', 'Random variation of each one-way delay, ± milliseconds. The 80 ms verdict reads the mean.', { minimum: 0 }),
  }, ['between', 'rttMs']),

  network: object<NonNullable<Topology['network']>>()('network', 'The network between the peers.', {
    latencyMsMean: num('mean latency (ms)', 'Default one-way latency in milliseconds on every path without a link of its own (a round trip is twice this). Default 0.25.', { minimum: 0 }),
    latencyMsJitter: num('latency jitter (ms)', 'Default jitter of each one-way delay, ± milliseconds.', { minimum: 0 }),
    links: list('links', 'Paths with their own round trip; each replaces the default latency on its path.', ref('link', 'link', 'One link.')),
  }, []),

  dnsRecord: object<NonNullable<NonNullable<Topology['dns']>['records']>[number]>()('DNS record', 'An A or AAAA record in the customer\'s DNS.', {
    name: str('name', 'The DNS name.', { minLength: 1 }),
    type: oneOfStrings('type', 'A (IPv4) or AAAA (IPv6).', RECORD_TYPES),
    value: ref('ipAddress', 'value', 'The address the name resolves to.'),
  }, ['name', 'type', 'value']),

  dns: object<NonNullable<Topology['dns']>>()('DNS', 'The customer\'s DNS.', {
    registerPeers: bool('register peers', 'Give every peer\'s FQDN an A record for its LAN1 IPv4 address, and an AAAA record for its LAN1 IPv6 address when it has one. Default true.'),
    records: list('records', 'Extra DNS records.', ref('dnsRecord', 'record', 'One record.')),
  }, []),

  cluster: object<ClusterTopology>()('cluster', 'Start with these peers already clustered.', {
    name: str('cluster name', 'The cluster name (FQDN).'),
    peers: list('peers', `Peer names in Peer 1..${MAX_PEERS} order; at most ${MAX_PEERS}.`, ref('peerRef', 'peer', 'A peer name.'), { minItems: 1, maxItems: MAX_PEERS }),
    primary: peerRef('primary', 'The configuration primary; default the first peer.'),
    tls: oneOfStrings('TLS verification', 'Cluster TLS verification mode.', every<NonNullable<ClusterTopology['tls']>>()(['Permissive', 'Enforcing'])),
    addressing: oneOfStrings('addressing', 'Peers address each other by IP address or by FQDN.', every<NonNullable<ClusterTopology['addressing']>>()(['ip', 'fqdn'])),
    addressMapping: bool('address mapping', 'Cluster address mapping (FQDN ↔ IP) is on.'),
    ipVersion: oneOfStrings('Cluster IP version', 'IPv4 (default) or IPv6: the peers cluster on their LAN1 address of that family, and FQDNs resolve by A or AAAA records (DOMAIN §5.1, §6.2). IPv6 needs lan1.ipv6 on every member.', every<NonNullable<ClusterTopology['ipVersion']>>()(['IPv4', 'IPv6'])),
  }, ['peers']),

  topology: object<Topology>()('topology', 'The world: peers, network, DNS and an optional existing cluster.', {
    epochUtc: str('start time (UTC)', 'Wall time of virtual 0, ISO UTC; default 2026-11-24T09:00:00Z.', { pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$' }),
    utcOffsetMinutes: int('UTC offset (minutes)', 'Local time zone offset for log time stamps.', { minimum: -720, maximum: 840 }),
    domain: str('domain', 'Default DNS domain; default example.com.'),
    ca: str('CA', 'The CA that issues default certificates and that every peer trusts by default.'),
    peers: list('peers', 'The peers of the world.', ref('peer', 'peer', 'One peer.'), { minItems: 1 }),
    network: ref('network', 'network', 'Latency and links.'),
    dns: ref('dns', 'DNS', 'DNS records.'),
    cluster: ref('cluster', 'cluster', 'An existing cluster to start with.'),
    endpoints: object<EndpointsTopology>()('endpoints', 'Endpoints that register to the peers (DOMAIN §11.4).', {
      count: int('count', 'How many endpoints.', { minimum: 0, maximum: 1_000_000 }),
      protocol: oneOfStrings('protocol', 'h323 (needs H.323 mode on the peer) or sip. Default h323.', every<NonNullable<EndpointsTopology['protocol']>>()(['h323', 'sip'])),
    }, ['count']),
  }, ['peers']),

  fault: { title: 'fault', description: 'A fault injected into the world, chosen by `kind`.', oneOf: faultVariants() },

  timedFault: object<TimedFault>()('timed fault', 'A fault on the timeline.', {
    at: ref('duration', 'at', 'When to inject it, from the start of the run.'),
    fault: ref('fault', 'fault', 'What to inject.'),
    heal: ref('duration', 'heal', 'When to heal it, from the start of the run.'),
  }, ['at', 'fault']),

  heal: {
    title: 'heal', description: '"all" heals every active fault; a number heals the fault with that id.',
    examples: ['all', 1],
    oneOf: [{ title: 'all', description: 'Heal every active fault.', const: 'all' }, int('fault id', 'The id of one active fault.', { minimum: 1 })],
  },

  condition: { title: 'condition', description: 'Something observable that must hold, from a peer\'s point of view.', oneOf: conditionVariants() },
  conditions: {
    title: 'conditions', description: 'One condition, or a list that must all hold.',
    oneOf: [ref('condition', 'condition', 'One condition.'), list('conditions', 'All must hold.', ref('condition', 'condition', 'One condition.'), { minItems: 1 })],
  },

  wait: {
    title: 'wait', description: 'Let virtual time pass: a duration, or until conditions hold (with a limit).',
    examples: ['90s', { until: { peer: 'expc01', alarm: '20004' }, limit: '10m' }],
    oneOf: [
      ref('duration', 'duration', 'How long to wait.'),
      object<Exclude<Variant<Step, 'wait'>['wait'], string | number>>()('wait until', 'Wait until the conditions hold, at most `limit`.', {
        until: ref('conditions', 'until', 'The conditions to wait for.'),
        limit: ref('duration', 'limit', 'Give up after this long: the step fails, unless optional.'),
        optional: bool('optional', 'true: the conditions may not come; reaching the limit does not fail the step (say why in a note). Default false.'),
      }, ['until', 'limit']),
    ],
  },

  step: { title: 'step', description: 'One operator action, wait, expectation or note; the key says which.', oneOf: stepVariants() },
};

function faultVariants(): JsonSchema[] {
  const kind = (k: FaultSpec['kind']) => ({ title: 'kind', description: `The fault kind: ${k}.`, const: k });
  const peers = list('peers', 'Peer names.', peerRef('peer', 'A peer name.'), { minItems: 1 });
  const between = ref('peerPair', 'between', 'Limit it to the path between these two peers; default everywhere.');
  return [
    object<Variant<FaultSpec, 'groups'>>()('partition', 'Cut the network between two groups of peers.', {
      kind: kind('partition'),
      groups: list('groups', 'The two sides of the partition.', peers, { minItems: 2, maxItems: 2 }),
      oneWay: bool('one way', 'Only traffic from the first group to the second is cut.'),
    }, ['kind', 'groups']),
    object<Extract<FaultSpec, { kind: 'latency' }>>()('latency', 'Latency on a path: give either latencyMsMean (added) or rttMs (the round trip), not both.', {
      kind: kind('latency'), between,
      latencyMsMean: num('added latency (ms)', `Added on top of the path's own latency, each way, in milliseconds (a round trip grows by twice this), at most ${MAX_FAULT_LATENCY_MS}.`, { minimum: 0, maximum: MAX_FAULT_LATENCY_MS }),
      rttMs: num('round trip (ms)', `The path's round trip becomes this many milliseconds, half each way, in place of its default latency or link; at most ${2 * MAX_FAULT_LATENCY_MS}. The product supports up to and including 80 (DOMAIN §3 R5).`, { minimum: 0, maximum: 2 * MAX_FAULT_LATENCY_MS }),
      latencyMsJitter: num('latency jitter (ms)', `Random variation in milliseconds, at most ${MAX_FAULT_LATENCY_MS}.`, { minimum: 0, maximum: MAX_FAULT_LATENCY_MS }),
    }, ['kind']),
    object<Variant<FaultSpec, 'lossRatio'>>()('loss', 'Drop a share of packets.', {
      kind: kind('loss'), between, lossRatio: num('loss ratio', 'Share of packets dropped, 0-1.', { minimum: 0, maximum: 1 }),
    }, ['kind', 'lossRatio']),
    object<Variant<FaultSpec, 'inside'>>()('NAT', 'Put peers behind a masquerading NAT.', {
      kind: kind('nat'), inside: peers, publicAddress: ref('ipAddress', 'public address', 'The NAT\'s public address.'),
    }, ['kind', 'inside', 'publicAddress']),
    object<Variant<FaultSpec, 'failure'>>()('DNS failure', 'Make DNS lookups of a name fail.', {
      kind: kind('dns-failure'),
      name: str('name', 'The DNS name whose lookups fail.', { minLength: 1 }),
      failure: oneOfStrings('failure', 'How the lookup fails.', every<Variant<FaultSpec, 'failure'>['failure']>()(['nxdomain', 'servfail', 'timeout'])),
      forPeer: peerRef('for peer', 'Only lookups from this peer fail; default every peer.'),
    }, ['kind', 'name', 'failure']),
    object<Extract<FaultSpec, { kind: 'power-loss' }>>()('power loss', 'The peer loses power.', { kind: kind('power-loss'), peer: peerRef('peer', 'The peer.') }, ['kind', 'peer']),
    object<Extract<FaultSpec, { kind: 'database-failure' }>>()('database failure', 'The peer\'s cluster database fails (DOMAIN §6.18).', {
      kind: kind('database-failure'), peer: peerRef('peer', 'The peer.'),
    }, ['kind', 'peer']),
  ];
}

function bounds(title: string): JsonSchema {
  return object<Bounds>()(title, 'A range: at least `min`, at most `max`.', {
    min: int('min', 'At least this many.', { minimum: 0 }), max: int('max', 'At most this many.', { minimum: 0 }),
  }, []);
}

function conditionVariants(): JsonSchema[] {
  const peer = peerRef('peer', 'The peer whose view is checked.');
  const entry = int('entry', 'The Peer N row of the clustering page, 1-6.', { minimum: 1, maximum: MAX_PEERS });
  const c = <K extends AllKeys<Condition>>(k: K) => object<Variant<Condition, K>>();
  return [
    c('alarm')('alarm condition', 'An alarm is raised (or, with present: false, is not).', {
      peer, alarm: str('alarm', 'Alarm id (e.g. "20004") or catalog key.', { minLength: 1 }), present: bool('present', 'false: the alarm must not be raised. Default true.'),
    }, ['peer', 'alarm']),
    c('state')('state condition', 'The peer\'s lifecycle state.', {
      peer, state: oneOfStrings('state', 'A lifecycle state, e.g. "running".', every<LifecycleState>()(['poweredOff', 'booting', 'running', 'databaseFailure', 'restarting', 'rebooting', 'factoryResetting'])),
    }, ['peer', 'state']),
    c('status')('status condition', 'A row of the clustering page shows this status.', {
      peer,
      status: object<Variant<Condition, 'status'>['status']>()('status', 'Row and expected status.', {
        entry, is: oneOfStrings('is', 'The status shown.', every<Variant<Condition, 'status'>['status']['is']>()(['This system', 'Unknown', 'Failed', 'Active'])),
      }, ['entry', 'is']),
    }, ['peer', 'status']),
    c('certificate')('certificate condition', 'A row of the clustering page shows this certificate verdict.', {
      peer,
      certificate: object<Variant<Condition, 'certificate'>['certificate']>()('certificate', 'Row and expected verdict.', {
        entry, is: oneOfStrings('is', 'Valid or Invalid.', every<Variant<Condition, 'certificate'>['certificate']['is']>()(['Valid', 'Invalid'])),
      }, ['entry', 'is']),
    }, ['peer', 'certificate']),
    c('database')('database condition', 'The cluster database status.', {
      peer, database: oneOfStrings('database', 'The database status.', every<Variant<Condition, 'database'>['database']>()(['Active', 'Inactive', 'Degraded', 'Not clustered'])),
    }, ['peer', 'database']),
    c('config')('config condition', 'Configured (saved) values, by xConfiguration path.', { peer, config: map('config', 'Path → expected value.') }, ['peer', 'config']),
    c('active')('active condition', 'Values in effect (after any restart), by xConfiguration path.', { peer, active: map('active', 'Path → expected value.') }, ['peer', 'active']),
    c('banner')('banner condition', 'The pending-factory-reset banner is shown (true) or not (false).', { peer, banner: bool('banner', 'Shown or not.') }, ['peer', 'banner']),
    c('log')('log condition', 'A log line containing this text exists (or, with present: false, does not).', {
      peer, log: str('log', 'Text to find in the peer\'s log.', { minLength: 1 }), present: bool('present', 'false: no such line. Default true.'),
    }, ['peer', 'log']),
    c('output')('output condition', 'The last action\'s output on this peer contains this text.', { peer, output: str('output', 'Text to find.') }, ['peer', 'output']),
    c('version')('version condition', 'The peer runs this software version.', { peer, version: ref('version', 'version', 'Expected version.') }, ['peer', 'version']),
    c('factoryReset')('factory reset condition', 'The peer has been factory reset (true) or not.', { peer, factoryReset: bool('factory reset', 'Reset or not.') }, ['peer', 'factoryReset']),
    c('registrations')('registrations condition', 'Endpoints registered to the peer, within bounds.', { peer, registrations: bounds('registrations') }, ['peer', 'registrations']),
    c('endpointsWaiting')('waiting endpoints condition', 'Endpoints that found no peer to register to, within bounds.', { endpointsWaiting: bounds('waiting endpoints') }, ['endpointsWaiting']),
    c('replicated')('replicated condition', 'Every clustered peer holds the primary\'s replicated configuration.', {
      replicated: { title: 'replicated', description: 'Always true.', const: true },
    }, ['replicated']),
    c('armed')('armed condition', 'The latent dangers armed now (trap catalog): none, or this trap — on the peer when given.', {
      armed: oneOfStrings('armed', `"none", or a trap: ${TRAPS.map((t) => `${t.id} (${t.title})`).join(', ')}.`, ['none', ...TRAPS.map((t) => t.id)]),
      peer: peerRef('peer', 'Only traps on this peer count.'),
    }, ['armed']),
    c('syslog')('syslog condition', 'The peer\'s log lines as it forwards them to a remote syslog server (INTERFACES §5): some line contains this text (or, with present: false, none does).', {
      peer,
      syslog: object<SyslogCondition>()('syslog', 'Which lines, and the text to find.', {
        server: int('server', 'A remote syslog server slot, 1-4 (Maintenance > Logging): the lines sent to it, in its format and through its severity filter. Without it: every line, in `format`.', { minimum: 1, maximum: MAX_SYSLOG_SERVERS }),
        format: oneOfStrings('format', 'Legacy BSD (RFC 3164, the default) or IETF (RFC 5424). With `server`, that server\'s configured format must be this one.', ['Legacy BSD', 'IETF']),
        contains: str('contains', 'Text a forwarded line contains, header included, e.g. "<166>" or "tvcs: tvcs:".', { minLength: 1 }),
        present: bool('present', 'false: no forwarded line contains it. Default true.'),
      }, ['contains']),
    }, ['peer', 'syslog']),
  ];
}

function stepVariants(): JsonSchema[] {
  const base = {
    note: str('note', 'A note for the timeline.'),
    expectError: str('expect error', 'The action must be refused with this code or message fragment (wrong-way runbooks).'),
    independent: bool('independent', '`xtwin check` may move this step among its independent neighbours.'),
  };
  const actionBase = {
    ...base,
    gap: ref('duration', 'gap', `The operator's pace: virtual time taken after this action before the next step. Default ${STEP_GAP_MS} ms (assumption: an operator spends a second between two actions); 0 reads the next step at the moment of the action, e.g. to see a status before it changes. At most ${MAX_WAIT_MS} ms.`),
  };
  // An http step says what answer it expects in `http.expect` (a status such as 401 or 404): a
  // refusal there is an answer, not a refused action, so `expectError` has no meaning and is refused.
  const { expectError: _, ...httpBase } = actionBase;
  const peer = peerRef('peer', 'The peer the operator acts on.');
  const s = <K extends AllKeys<Step>>(k: K) => object<Variant<Step, K>>();
  return [
    s('tshell')('tshell step', 'Type one line at the admin CLI.', { ...actionBase, peer, tshell: str('tshell', 'The command line, e.g. "xCommand ForceConfigUpdate".', { minLength: 1 }) }, ['peer', 'tshell']),
    s('page')('page step', 'Edit fields on an admin page and press Save.', {
      ...actionBase, peer, page: oneOfStrings('page', 'The admin page.', PAGES), set: map('set', 'xConfiguration path → new value.'),
    }, ['peer', 'page', 'set']),
    s('root')('root step', 'Run a command in the root shell.', { ...actionBase, peer, root: str('root', 'The command, e.g. "clusterdb_destroy_and_purge_data.sh".', { minLength: 1 }) }, ['peer', 'root']),
    s('power')('power step', 'Switch the peer on or off.', { ...actionBase, peer, power: oneOfStrings('power', 'on or off.', every<Variant<Step, 'power'>['power']>()(['on', 'off'])) }, ['peer', 'power']),
    s('restart')('restart step', 'Maintenance > Restart options.', {
      ...actionBase, peer, restart: oneOfStrings('restart', 'restart (services) or reboot (the system).', every<Variant<Step, 'restart'>['restart']>()(['restart', 'reboot'])),
    }, ['peer', 'restart']),
    s('upgrade')('upgrade step', 'Maintenance > Upgrade; runs after the next reboot.', { ...actionBase, peer, upgrade: ref('version', 'upgrade', 'The version to install.') }, ['peer', 'upgrade']),
    s('backup')('backup step', 'Maintenance > Backup.', { ...actionBase, peer, backup: { title: 'backup', description: 'Always true.', const: true } }, ['peer', 'backup']),
    s('restore')('restore step', 'Maintenance > Restore.', {
      ...actionBase, peer, restore: str('restore', 'The name of a backup taken earlier, or "latest".', { minLength: 1 }),
      from: peerRef('from', 'The box the backup was taken on, when it is another one (DOMAIN §6.10: the old peer\'s backup restored onto its replacement). The box keeps its own LAN1 address and option keys (assumption: DOMAIN is silent).'),
    }, ['peer', 'restore']),
    s('redeploy')('redeploy step', 'Deploy a fresh OVA on the powered-off VM (DOMAIN §6.16 rebuild): a new serial number, the same version, LAN1 addressing and admin/root passwords from the install wizard, everything else a fresh system\'s (assumption: DOMAIN gives no list); power it on after.', {
      ...actionBase, peer, redeploy: { title: 'redeploy', description: 'Always true.', const: true },
    }, ['peer', 'redeploy']),
    s('dns')('dns step', 'Change the customer\'s DNS (not a peer setting).', {
      ...actionBase,
      dns: object<Variant<Step, 'dns'>['dns']>()('DNS change', 'Set or (without value) remove a record.', {
        name: str('name', 'The DNS name.', { minLength: 1 }),
        type: oneOfStrings('type', 'A or AAAA.', RECORD_TYPES),
        value: ref('ipAddress', 'value', 'The new address; leave out to remove the record.'),
      }, ['name', 'type']),
    }, ['dns']),
    s('fault')('fault step', 'Inject a fault now.', { ...actionBase, fault: ref('fault', 'fault', 'What to inject.') }, ['fault']),
    s('heal')('heal step', 'Heal faults.', { ...actionBase, heal: ref('heal', 'heal', '"all" or a fault id.') }, ['heal']),
    s('wait')('wait step', 'Let virtual time pass.', { ...base, wait: ref('wait', 'wait', 'A duration, or until/limit.') }, ['wait']),
    s('expect')('expect step', 'Check that conditions hold now.', { ...base, expect: ref('conditions', 'expect', 'What must hold.') }, ['expect']),
    s('http')('http step', 'Send one request to the peer\'s HTTP XML or REST API, in-process (no sockets), as a client such as Centreon or py-expressway would; a REST change is an operator action like any other.', {
      ...httpBase, peer,
      http: object<HttpStep>()('HTTP request', 'The request and, optionally, what the answer must be.', {
        method: oneOfStrings('method', 'The HTTP method. Default GET.', HTTP_METHODS),
        path: str('path', 'Path and query string, e.g. "/getxml?location=/Status/Warnings" or "/api/provisioning/sysinfo".', { pattern: '^/', maxLength: 2000 }),
        headers: { title: 'headers', description: 'Request headers, name → value (e.g. X-CSRF-Header).', type: 'object', additionalProperties: str('header value', 'The header\'s value.') },
        body: { title: 'body', description: 'The request body: text as it is, or a map or list sent as JSON.', type: ['string', 'object', 'array'] },
        auth: ref('httpAuth', 'auth', 'Basic credentials. Default: the peer\'s own admin account. "none": no Authorization header (to see the 401).'),
        expect: object<NonNullable<HttpStep['expect']>>()('expected answer', 'What the answer must be. Without it any 2xx passes and anything else fails the step.', {
          status: int('status', 'The HTTP status, e.g. 200, 201, 401.', { minimum: 100, maximum: 599 }),
          body: str('body', 'Text the answer\'s body contains.', { minLength: 1 }),
        }, []),
      }, ['path']),
    }, ['peer', 'http']),
    object<Variant<Step, 'note'>>()('note step', 'A note on the timeline; does nothing.', { ...base, note: str('note', 'The note.') }, ['note']),
  ];
}

export const RUNBOOK_JSON_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: RUNBOOK_SCHEMA_ID,
  ...object<Runbook>()('expressway-twin runbook', 'A procedure to run against a fresh twin: the world, an optional fault timeline, and steps (DESIGN "Runbooks").', {
    name: str('name', 'The runbook\'s name.', { minLength: 1 }),
    description: str('description', 'What it shows.'),
    procedure: str('procedure', 'The procedure it follows, e.g. "DOMAIN §6.3" or the technote heading.'),
    kind: oneOfStrings('kind', '"procedure" (the right way) or "wrong-way" (its expectations assert the trap).', every<NonNullable<Runbook['kind']>>()(['procedure', 'wrong-way'])),
    seed: { title: 'seed', description: 'The seed of every random choice; same seed, same run.', type: ['number', 'string'] },
    topology: ref('topology', 'topology', 'The world to build.'),
    faults: list('faults', 'Faults on a timeline.', ref('timedFault', 'timed fault', 'One fault.')),
    steps: list('steps', 'What the operator does, in order.', ref('step', 'step', 'One step.')),
    invariants: list('invariants', 'Property-check invariants that apply to this runbook (src/check).', str('invariant', 'An invariant id.', { minLength: 1 })),
    check: object<CheckRanges>()('check ranges', 'Ranges within which xtwin check may vary the world.', {
      extraPeers: object<NonNullable<CheckRanges['extraPeers']>>()('extra peers', 'Up to this many extra subordinates appended to the cluster (only for runbooks that do not rewrite the Peer N list).', {
        max: int('max', 'At most this many extra peers.', { minimum: 0, maximum: MAX_PEERS - 1 }),
      }, ['max']),
      latencyMs: object<NonNullable<CheckRanges['latencyMs']>>()('latency range', 'The network\'s base one-way latency between peers, in milliseconds.', {
        min: num('min', 'Lowest latency (ms).', { minimum: 0 }), max: num('max', 'Highest latency (ms).', { minimum: 0 }),
      }, ['min', 'max']),
      reorderPeers: { title: 'reorder peers', description: 'List the cluster\'s peers in any order, the same on every peer; the primary stays the same peer at its new index (only for runbooks that address no Peer N field or primary by its number).', type: 'boolean' },
    }, []),
    lab: object<LabSpec>()('lab', 'Makes the runbook a training lab: its steps set the lab up; the student does the rest and the objectives are graded.', {
      title: str('title', 'The lab\'s title.', { minLength: 1 }),
      brief: str('brief', 'The task as the trainer hands it out.'),
      hints: object<LabHints>()('hints', 'The lab\'s own advice on the admin pages, where its procedure differs from their general advice.', {
        restart: str('restart', 'Shown on Maintenance > Restart options instead of the general cluster restart sequence.', { minLength: 1 }),
      }, []),
      objectives: list('objectives', 'What is graded.', object<Objective>()('objective', 'Met while all its conditions hold.', {
        title: str('title', 'What the student must achieve.', { minLength: 1 }),
        expect: ref('conditions', 'expect', 'What must hold.'),
      }, ['title', 'expect']), { minItems: 1 }),
    }, ['title', 'objectives']),
  }, ['name', 'topology', 'steps']),
  definitions,
};

/** The published file's text: pretty, 2 spaces, trailing newline. */
export function runbookSchemaText(): string {
  return `${JSON.stringify(RUNBOOK_JSON_SCHEMA, null, 2)}\n`;
}

// Run directly (npx tsx src/runbook/jsonSchema.ts) it prints the schema, so publishing needs no script.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) process.stdout.write(runbookSchemaText());
