// World builders and a small scenario DSL over the twin façade, for test/cluster and test/twin
// (STYLE R13). Peer i (1-based) is `expc0i` on 10.0.0.(10+i); worlds are standalone or clustered,
// addressed by IP or FQDN. The DSL only calls the façade and reads what it hands up (observe,
// logLines, events), so a test reads like the runbook an operator would follow.
import {
  createTwin, type ActiveFault, type ChangeOrigin, type Edits, type PeerEntryView, type PeerObservation,
  type PeerTopology, type Topology, type TraceEvent, type Twin,
} from '../../src/twin.js';

export const CLI: ChangeOrigin = { via: 'cli', user: 'admin' };
export const SECOND = 1_000;
export const MINUTE = 60_000;
/** DOMAIN §5.4: the ≈2 minute replication period. */
export const REPLICATION_PERIOD = 2 * MINUTE;
/** DOMAIN §5.5: an application restart takes ≈3 minutes; a reboot ≈5. */
export const RESTART = 3 * MINUTE;
export const REBOOT = 5 * MINUTE;
export const DOMAIN_NAME = 'example.com';
export const CLUSTER_NAME = `cluster.${DOMAIN_NAME}`;

export const nameOf = (i: number): string => `expc0${i}`;
export const ipOf = (i: number): string => `10.0.0.${10 + i}`;
export const fqdnOf = (i: number): string => `${nameOf(i)}.${DOMAIN_NAME}`;
/** Peer i's LAN1 IPv6 address, in worlds on Cluster IP version IPv6. */
export const ipv6Of = (i: number): string => `2001:db8::${10 + i}`;

export interface WorldOptions {
  /** how many peers exist (1..9) */
  peers: number;
  /** the first `clustered` peers start as a running cluster (0 = all standalone; default 0) */
  clustered?: number;
  addressing?: 'ip' | 'fqdn';
  tls?: 'Permissive' | 'Enforcing';
  addressMapping?: boolean;
  /** Cluster IP version; IPv6 gives every peer a LAN1 IPv6 address (ipv6Of) and clusters on it */
  ipVersion?: 'IPv4' | 'IPv6';
  /** 1-based index of the configuration primary among the clustered peers (default 1) */
  primary?: number;
  seed?: number;
  /** per-peer overrides, by 1-based index */
  overrides?: Record<number, Partial<PeerTopology>>;
  /** extra topology fields (dns, network …) */
  topology?: Partial<Topology>;
  tracePackets?: boolean;
}

/** The topology a `WorldOptions` describes (exported so topology tests can break it on purpose). */
export function topologyOf(o: WorldOptions): Topology {
  const peers: PeerTopology[] = [];
  const v6 = o.ipVersion === 'IPv6';
  for (let i = 1; i <= o.peers; i++) peers.push({ name: nameOf(i), lan1: { ipv4: ipOf(i), ...(v6 ? { ipv6: ipv6Of(i) } : {}) }, ...o.overrides?.[i] });
  const n = o.clustered ?? 0;
  const members = peers.slice(0, n).map((p) => p.name);
  return {
    domain: DOMAIN_NAME,
    peers,
    ...(n > 0 ? {
      cluster: {
        name: CLUSTER_NAME, peers: members, primary: members[(o.primary ?? 1) - 1]!, tls: o.tls ?? 'Permissive',
        addressing: o.addressing ?? 'ip', ...(o.addressMapping ? { addressMapping: true } : {}), ...(v6 ? { ipVersion: 'IPv6' as const } : {}),
      },
    } : {}),
    ...o.topology,
  };
}

export function world(o: WorldOptions): Scenario {
  const twin = createTwin({ seed: o.seed ?? 1, topology: topologyOf(o), ...(o.tracePackets ? { tracePackets: true } : {}) });
  return new Scenario(twin, o.addressing ?? 'ip');
}

/** The Clustering-page fields a peer needs to be in a cluster of `members` (DOMAIN §6.2, §6.3 step 2). */
export function clusteringPage(members: readonly number[], o: { primary?: number; addressing?: 'ip' | 'fqdn'; tls?: string } = {}): Edits {
  const edits: Record<string, unknown> = {
    'Alternates Cluster Name': CLUSTER_NAME,
    'Alternates ConfigurationPrimary': o.primary ?? 1,
    'Alternates Cluster TLSVerificationMode': o.tls ?? 'Permissive',
  };
  for (let n = 1; n <= 6; n++) {
    const m = members[n - 1];
    edits[`Alternates Peer ${n} Address`] = m === undefined ? '' : o.addressing === 'fqdn' ? fqdnOf(m) : ipOf(m);
  }
  return edits;
}

/** An alarm raise or lower as the trace recorded it. */
export interface AlarmEvent {
  readonly atMs: number;
  readonly peer: string;
  readonly id: string;
  readonly key: string;
  readonly event: 'raise' | 'lower';
}

export class Scenario {
  constructor(readonly twin: Twin, readonly addressing: 'ip' | 'fqdn') {}

  get now(): number {
    return this.twin.nowMs;
  }

  peer(ref: string | number): PeerDsl {
    return new PeerDsl(this, typeof ref === 'number' ? nameOf(ref) : ref);
  }

  /** Peer i's address as the cluster lists it. */
  address(i: number): string {
    return this.addressing === 'fqdn' ? fqdnOf(i) : ipOf(i);
  }

  after(ms: number): this {
    this.twin.advance(ms);
    return this;
  }

  /** Advance until `predicate` holds; the time it took, or undefined if `limitMs` passed first. */
  waitFor(predicate: () => boolean, limitMs: number): number | undefined {
    const from = this.now;
    return this.twin.runUntil(predicate, limitMs) ? this.now - from : undefined;
  }

  heal(): this {
    this.twin.heal();
    return this;
  }

  /** Symmetric partition between two groups of peers (by index or name). */
  partition(a: readonly (string | number)[], b: readonly (string | number)[], oneWay = false): ActiveFault {
    return this.twin.partition(a.map(toName), b.map(toName), { oneWay });
  }

  alarmEvents(filter: { peer?: string | number; id?: string; since?: number; event?: 'raise' | 'lower' } = {}): AlarmEvent[] {
    const peer = filter.peer === undefined ? undefined : toName(filter.peer);
    return this.twin.events()
      .filter((e) => e.kind === 'alarm.raise' || e.kind === 'alarm.lower')
      .map((e) => ({ atMs: e.atMs, peer: e.source, id: String(e.data.id), key: String(e.data.key), event: e.kind === 'alarm.raise' ? 'raise' as const : 'lower' as const }))
      .filter((e) => (peer === undefined || e.peer === peer) && (filter.id === undefined || e.id === filter.id) &&
        (filter.since === undefined || e.atMs >= filter.since) && (filter.event === undefined || e.event === filter.event));
  }

  /** Milliseconds after `since` at which `id` was first raised on `peer`, or undefined. */
  raisedAfter(peer: string | number, id: string, since: number): number | undefined {
    const e = this.alarmEvents({ peer, id, since, event: 'raise' })[0];
    return e === undefined ? undefined : e.atMs - since;
  }

  events(kind: string, filter: { source?: string | number; since?: number } = {}): TraceEvent[] {
    const source = filter.source === undefined ? undefined : toName(filter.source);
    return this.twin.events().filter((e) => e.kind === kind && (source === undefined || e.source === source) && (filter.since === undefined || e.atMs >= filter.since));
  }

  /** Every peer's observation. */
  all(): PeerObservation[] {
    return this.twin.peerNames().map((n) => this.twin.observe(n));
  }

  /** Observations of the peers `refs` (default: all). */
  some(refs?: readonly (string | number)[]): PeerObservation[] {
    return refs === undefined ? this.all() : refs.map((r) => this.twin.observe(toName(r)));
  }

  /**
   * DOMAIN §6.3 "Add a peer", steps 1-3: the primary (`primary`, a peer index) lists peer `n` in its
   * first empty field; every other member does the same; the new peer enters the whole page; it
   * restarts. Returns when the new peer runs again (replication has not necessarily happened yet).
   */
  addPeer(n: number, o: { primary?: number } = {}): void {
    const primary = this.peer(o.primary ?? 1);
    const list = primary.observe().saved;
    const members: number[] = [];
    for (let k = 1; k <= 6; k++) {
      const a = String(list[`Alternates Peer ${k} Address`] ?? '');
      if (a) members.push(indexOfAddress(a));
    }
    const field = `Alternates Peer ${members.length + 1} Address`;
    primary.save({ [field]: this.address(n) });
    for (const m of members) if (m !== (o.primary ?? 1)) this.peer(m).save({ [field]: this.address(n) });
    const primaryIndex = Number(list['Alternates ConfigurationPrimary']);
    this.peer(n).save(clusteringPage([...members, n], { primary: primaryIndex, addressing: this.addressing, tls: String(list['Alternates Cluster TLSVerificationMode']) }));
    this.peer(n).restartAndWait();
  }

  /** Every listed peer reports database status Active and none shows 20004/20006. */
  healthy(refs?: readonly (string | number)[]): boolean {
    return this.some(refs).every((o) => o.clustering.databaseStatus === 'Active' && !o.alarms.some((a) => LINK_ALARMS.includes(a.id)));
  }
}

/** A log line's `UTCTime="YYYY-MM-DD HH:MM:SS,mmm"` as UTC milliseconds (DOMAIN §10.2). */
export function utcMs(line: string): number {
  const m = /UTCTime="(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d),(\d{3})"/.exec(line);
  if (!m) throw new Error(`no UTCTime with milliseconds in: ${line}`);
  return Date.parse(`${m[1]}T${m[2]}.${m[3]}Z`);
}

/** Index of the first line at or after `from` matching each pattern in turn; -1 entries where the order breaks. */
export function inOrder(lines: readonly string[], patterns: readonly (string | RegExp)[], from = 0): number[] {
  const at: number[] = [];
  let i = from;
  for (const p of patterns) {
    const j = lines.findIndex((l, k) => k >= i && (typeof p === 'string' ? l.includes(p) : p.test(l)));
    at.push(j);
    if (j >= 0) i = j + 1;
  }
  return at;
}

/** The alarms of a broken link (DOMAIN §7.1). */
export const LINK_ALARMS: readonly string[] = ['20004', '20006'];

function indexOfAddress(a: string): number {
  const m = /^(?:10\.0\.0\.(\d+)|expc0(\d)\.)/.exec(a);
  if (!m) throw new Error(`not a world address: ${a}`);
  return m[1] !== undefined ? Number(m[1]) - 10 : Number(m[2]);
}

export class PeerDsl {
  constructor(readonly s: Scenario, readonly name: string) {}

  get twin(): Twin {
    return this.s.twin;
  }

  observe(): PeerObservation {
    return this.twin.observe(this.name);
  }

  save(edits: Edits): this {
    this.twin.save(this.name, edits, CLI);
    return this;
  }

  restart(): this {
    this.twin.restart(this.name);
    return this;
  }

  /** Restart and wait until the application runs again. */
  restartAndWait(): this {
    this.twin.restart(this.name);
    this.s.waitFor(() => this.observe().state === 'running', 30 * MINUTE);
    return this;
  }

  rebootAndWait(): this {
    this.twin.reboot(this.name);
    this.s.waitFor(() => this.observe().state === 'running', 30 * MINUTE);
    return this;
  }

  powerOff(): this {
    this.twin.powerOff(this.name);
    return this;
  }

  powerOn(): this {
    this.twin.powerOn(this.name);
    return this;
  }

  /** Cut this peer off from `others`: both ways, only its outbound traffic, or only inbound. */
  partitionFrom(others: readonly (string | number)[], mode: 'both' | 'outbound' | 'inbound' = 'both'): ActiveFault {
    const them = others.map(toName);
    if (mode === 'inbound') return this.twin.partition(them, [this.name], { oneWay: true });
    return this.twin.partition([this.name], them, { oneWay: mode === 'outbound' });
  }

  alarmIds(): string[] {
    return this.observe().alarms.map((a) => a.id);
  }

  hasAlarm(id: string): boolean {
    return this.observe().alarms.some((a) => a.id === id);
  }

  /** The Clustering page row for Peer N. */
  entry(n: number): PeerEntryView {
    const e = this.observe().clustering.entries[n - 1];
    if (!e) throw new Error(`no Peer ${n} row`);
    return e;
  }

  /** Statuses of every other listed peer, as "n:Status". */
  statuses(): string[] {
    return this.observe().clustering.entries.filter((e) => e.address && e.status !== 'This system').map((e) => `${e.index}:${e.status}`);
  }

  saved(key: string): unknown {
    return this.observe().saved[key];
  }

  logLines(): string[] {
    return this.twin.logLines(this.name);
  }
}

function toName(ref: string | number): string {
  return typeof ref === 'number' ? nameOf(ref) : ref;
}

/** The error a call throws, for asserting on its code and named value. */
export function thrown(fn: () => unknown): (Error & { code?: string; value?: unknown; params?: Record<string, unknown> }) | undefined {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  return undefined;
}
