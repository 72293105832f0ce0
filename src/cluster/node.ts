/**
 * The cluster side of one peer (DESIGN "The cluster"): which Peer N entries it links to, the
 * cluster-database links and RAS liveness with them, and the cluster alarms that follow (20003,
 * 20004, 20006, 20018, 20019, 40049, NTP). It learns about other peers only from what arrives on the
 * simulated network. Replication runs are in replication.ts, database links in dbLinks.ts, RAS in
 * ras.ts: each sees this node only through its narrow context (context.ts); the links belong to the
 * LinkTable (linkTable.ts); the alarms are derived by clusterAlarms.ts.
 */
import type { Dns, DnsReply, EventHandler, EventQueue, Network, RandomStream, TraceSink } from '../../sim/index.js';
import { logLines, PEER_INDEXES, peerAddressKey, peerAddresses, type AddressMapping, type Config, type ChangeOrigin, type ConfigChange, type LifecycleState, type Peer } from '../expressway/index.js';
import type { PeerLink } from './links.js';
import { LinkTable, type LinkTableState } from './linkTable.js';
import { clusterAlarms, DERIVED_CLUSTER_ALARMS } from './clusterAlarms.js';
import type { DbLinksContext, LinkEvent, RasContext, ReplicationContext } from './context.js';
import type { DbMessage } from './protocol.js';
import { PIDS } from './pids.js';
import { OwnPlace } from './ownPlace.js';
import { ServiceTimers, type ServiceTimer, type ServiceTimersState } from './serviceTimers.js';
import { resolutionOf, resolvePeerAddress, type Resolution } from './names.js';
import { CLUSTER_TIMINGS } from './timings.js';
import { TIMINGS, type TreeReader, type TreeWriter } from '../expressway/index.js';
import type { TlsMode } from './tls.js';
import { DbLinks, type DbLinksState } from './dbLinks.js';
import type { ClusterTraceKinds } from './traceKinds.js';
import { Ras, type RasSocketState } from './ras.js';
import { Replication, type ReplicationState } from './replication.js';
import { LicenceWatch, type LicenceWatchState } from './licenceWatch.js';
import { StartOrder, type StartOrderState } from './startOrder.js';

export interface ClusterEnv {
  readonly queue: EventQueue;
  readonly net: Network;
  readonly dns: Dns;
  readonly trace: TraceSink<ClusterTraceKinds>;
  readonly random: RandomStream;
  /** Hears of an exception thrown by work this node scheduled (a model fault); without it the exception goes on up the queue. */
  readonly onFault?: (error: unknown) => void;
}

/** Keys that live in the cluster database tables and replicate at once from any peer (DOMAIN §5.4). */
export const CLUSTER_TABLE_KEYS: readonly string[] = [
  'Alternates Cluster TLSVerificationMode',
  'Alternates Cluster AddressMapping Mode',
  'Alternates Cluster AddressMapping Entries',
];

export interface ClusterNodeState {
  readonly transactionPid: number;
  readonly timers: ServiceTimersState;
  readonly links: LinkTableState;
  readonly db: DbLinksState;
  readonly ras: RasSocketState;
  readonly replication: ReplicationState;
  readonly licences: LicenceWatchState;
  readonly startOrder: StartOrderState;
}

export class ClusterNode implements DbLinksContext, RasContext, ReplicationContext {
  readonly links = new LinkTable();
  readonly db: DbLinks;
  readonly ras: Ras;
  readonly replication: Replication;
  readonly licences: LicenceWatch;
  readonly startOrder: StartOrder;
  private readonly timers: ServiceTimers;
  private readonly place: OwnPlace;
  private transactionPid = 14215;
  private readonly alarmsLater: ServiceTimer<undefined>;
  private readonly resolveLater: ServiceTimer<number>;
  private readonly dnsAnswer: EventHandler<DnsReply>;

  constructor(readonly peer: Peer, readonly env: ClusterEnv) {
    this.place = new OwnPlace(peer);
    this.timers = new ServiceTimers(env.queue, peer.id, env.onFault);
    this.alarmsLater = this.timer('cluster.alarms.refresh', () => this.refreshAlarms());
    this.dnsAnswer = env.queue.handler<DnsReply>(`${peer.id}/cluster.resolve.answer`, ({ answer, context }) => {
      const link = this.links.byId(context as number);
      if (link) this.resolvedAs(link, resolutionOf(answer));
    });
    this.resolveLater = this.timer<number>('cluster.resolve.retry', (linkId) => {
      const link = this.links.byId(linkId);
      if (link) this.resolve(link);
    });
    this.db = new DbLinks(this);
    this.ras = new Ras(this);
    this.replication = new Replication(this);
    this.licences = new LicenceWatch(this);
    this.startOrder = new StartOrder(this, (v) => this.db.broadcastStartOrder(v));
    peer.onLifecycle((state) => this.lifecycleChanged(state));
    peer.onConfigChange((changes, origin, patches) => {
      this.replication.noteWrite(patches);
      this.configChanged(changes, origin);
    });
    if (peer.serving) this.start();
  }

  get host(): string {
    return this.peer.id;
  }

  get queue(): EventQueue {
    return this.env.queue;
  }

  get nowMs(): number {
    return this.env.queue.nowMs;
  }

  get net(): Network {
    return this.env.net;
  }

  get trace(): TraceSink<ClusterTraceKinds> {
    return this.env.trace;
  }

  get random(): RandomStream {
    return this.env.random;
  }

  get keyEpoch(): number {
    return this.replication.keyEpoch;
  }

  get startedBeforePrimary(): boolean {
    return this.startOrder.startedBeforePrimary;
  }

  /**
   * The cluster settings this peer acts on: the saved ones, except while every Peer N entry is
   * cleared and saved with the factory reset pending. Then "nothing happens at save time except a
   * banner" until the restart (DOMAIN §9.1): the peer goes on with the settings in force — its links,
   * its place, the primary it names and what it tells the others. A list typed back in another order
   * is a list of its own again, and disagrees with the others' (DOMAIN §11.2: 20012, 20017).
   */
  get clusterSettings(): Config {
    return this.peer.config[this.settingsFrom];
  }

  /** Which configuration `clusterSettings` comes from (the observation shows it to traps and checks). */
  get settingsFrom(): 'saved' | 'active' {
    const cleared = !peerAddresses(this.peer.config.saved).some(Boolean);
    return cleared && this.peer.factoryResetArmed() ? 'active' : 'saved';
  }

  /** The Peer N list it acts on has entries: the peer is configured as part of a cluster. */
  get configured(): boolean {
    return this.place.listOf(this.clusterSettings).list.some(Boolean);
  }

  /** Clustered since its last boot: its cluster database runs with the others (DOMAIN §6.3). */
  get joined(): boolean {
    // A peer in database failure answers RAS but its database does not replicate (DOMAIN §6.18).
    return this.peer.state === 'running' && this.place.listOf(this.peer.config.active).self > 0;
  }

  /** 1-based index of this peer in the list it acts on, 0 when absent. */
  get selfIndex(): number {
    return this.place.listOf(this.clusterSettings).self;
  }

  get primaryIndex(): number {
    return Number(this.clusterSettings['Alternates ConfigurationPrimary']);
  }

  get isPrimary(): boolean {
    return this.selfIndex > 0 && this.selfIndex === this.primaryIndex;
  }

  primaryFqdn(): string | undefined {
    if (this.isPrimary) return this.peer.fqdn.toLowerCase();
    const link = this.links.at(this.primaryIndex);
    return link?.db === 'up' ? link.remote?.fqdn.toLowerCase() : undefined;
  }

  get tlsMode(): TlsMode {
    return this.peer.config.active['Alternates Cluster TLSVerificationMode'] as TlsMode;
  }

  get mappingOn(): boolean {
    return this.place.mappingOn;
  }

  get mappings(): readonly AddressMapping[] {
    return this.place.mappings;
  }

  get clusterIp(): string {
    return this.place.clusterIp;
  }

  get clusterdbNode(): string {
    return logLines.clusterdbNode(this.peer.fqdn);
  }

  isSelf(address: string): boolean {
    return this.place.isSelf(address);
  }

  linkAt(index: number): PeerLink | undefined {
    return this.links.at(index);
  }

  sendOnLink(link: PeerLink, msg: DbMessage): boolean {
    return this.db.send(link, msg);
  }

  broadcastPrimaryView(): void {
    this.db.broadcastPrimaryView();
  }

  replicationMessage(link: PeerLink, msg: DbMessage): void {
    this.replication.received(link, msg);
  }

  nextTransactionPid(): string {
    return `<0.${this.transactionPid++}.425>`;
  }

  log(record: logLines.LogRecord): void {
    this.peer.log(record);
  }

  /** Register work that belongs to a run of the services (all of it is cancelled when they stop). */
  timer<P = undefined>(name: string, fn: (payload: P) => void): ServiceTimer<P> {
    return this.timers.handler(name, fn);
  }

  // ── Checkpoint (issue #15) ────────────────────────────────────────────────────────────────

  /** This node's state as JSON: links (with their connections by the network's reference), its parts, its pending work. */
  saveState(trees: TreeWriter): ClusterNodeState {
    return {
      transactionPid: this.transactionPid, timers: this.timers.saveState(), links: this.links.saveState((c) => this.db.connectionRef(c)),
      db: this.db.saveState(), ras: this.ras.saveState(), replication: this.replication.saveState(trees), licences: this.licences.saveState(), startOrder: this.startOrder.saveState(),
    };
  }

  /** Take a checkpoint's state, after the network's (connections, listener and socket are re-attached here). */
  loadState(s: ClusterNodeState, trees: TreeReader): void {
    this.transactionPid = s.transactionPid;
    const helloIds = new Set(s.db.byHello.map(([ref]) => (ref as { id: number }).id));
    this.links.loadState(s.links, (ref, link) => this.db.reattach(ref, link, helloIds));
    this.db.loadState(s.db);
    this.ras.loadState(s.ras);
    this.replication.loadState(s.replication, trees);
    this.licences.loadState(s.licences);
    this.startOrder.loadState(s.startOrder);
    this.timers.loadState(s.timers);
  }

  // ── Services start and stop with the application ──────────────────────────────────────────

  private lifecycleChanged(state: LifecycleState): void {
    if (state === 'running' || state === 'databaseFailure') this.start();
    else {
      // A member going down with cluster settings that take effect at this restart (DOMAIN §3 R20, startOrder.ts).
      const member = this.place.listOf(this.peer.config.active).self > 0;
      this.startOrder.wentDown(member && this.peer.config.pending().some((k) => k.startsWith('Alternates ')));
      this.stop();
    }
  }

  private start(): void {
    this.stop();
    this.rebuildLinks();
    this.startOrder.start();
    this.ras.start();
    this.db.start();
    this.replication.start();
    this.refreshAlarms();
  }

  private stop(): void {
    this.timers.cancelAll();
    this.db.stop();
    this.ras.stop();
    for (const l of this.links.all) this.links.forget(l);
  }

  private configChanged(changes: readonly ConfigChange[], origin: ChangeOrigin): void {
    if (!this.peer.serving) return;
    const keys = changes.map((c) => c.key);
    const touchesLinks = keys.some((k) => k.startsWith('Alternates Peer ') || k.startsWith('Alternates Cluster AddressMapping') || k.startsWith('IP DNS') || k === 'Alternates ConfigurationPrimary');
    if (touchesLinks && !this.onlyTheBanner(changes)) {
      this.activateListIfMembershipKept();
      this.rebuildLinks();
      this.db.reconcile();
    }
    if (origin.via !== 'replication') {
      const table = changes.filter((c) => CLUSTER_TABLE_KEYS.includes(c.key));
      if (table.length > 0) this.db.broadcastTableChange(Object.fromEntries(table.map((c) => [c.key, c.to])));
      this.replication.noteLocalChange(changes);
    }
    if (keys.includes('Alternates ConfigurationPrimary')) this.db.broadcastPrimaryView();
    this.alarmsLater.after(TIMINGS.configChangeTo20007Ms, undefined);
  }

  /**
   * The save changed Peer N fields only, and the list in force is the one that was: clearing every
   * entry (or the exact restore that cancels it) does nothing at save time but the banner (DOMAIN
   * §9.1) — not even a reconnect sooner than it would have come.
   */
  private onlyTheBanner(changes: readonly ConfigChange[]): boolean {
    if (!changes.every((c) => c.key.startsWith('Alternates Peer '))) return false;
    const savedBefore = peerAddresses({ ...this.peer.config.saved, ...Object.fromEntries(changes.map((c) => [c.key, c.from])) });
    // An empty saved list left the running one in force (clusterSettings), armed or not.
    const before = savedBefore.some(Boolean) ? savedBefore : peerAddresses(this.peer.config.active);
    return before.join('|') === peerAddresses(this.clusterSettings).join('|');
  }

  /**
   * A joined peer whose own entry is still in its saved list, spelt the same, takes the list at
   * once: adding, removing or re-ordering *other* peers needs no restart here (DOMAIN §6.3 restarts
   * only the new peer; §6.4 and §6.5 compact the list without one). Joining, leaving (the
   * factory-reset trigger) or changing its own address (§6.11) waits for a restart (20007).
   * assumption: DOMAIN §13.9 leaves open whether existing peers restart. While a factory reset is
   * pending (every entry was cleared, §9.1) no list takes effect before the restart, except the
   * exact restore that cancels it: a peer that is leaving does not take a new list.
   */
  private activateListIfMembershipKept(): void {
    const saved = peerAddresses(this.peer.config.saved);
    const active = peerAddresses(this.peer.config.active);
    const ownSaved = saved[this.place.selfIndexIn(saved) - 1];
    const ownActive = active[this.place.selfIndexIn(active) - 1];
    if (this.joined && ownSaved !== undefined && ownSaved === ownActive && !this.peer.factoryResetArmed()) {
      this.peer.activateKeys(PEER_INDEXES.map((n) => peerAddressKey(n)));
    }
  }

  /** Match links to the Peer N list it acts on, keeping the state of entries that did not change. */
  rebuildLinks(): void {
    const links = this.links.rebuild(peerAddresses(this.clusterSettings), (a) => this.isSelf(a), (gone) => this.db.drop(gone), this.queue.nowMs);
    for (const l of links) this.resolve(l);
  }

  /** Resolve one entry: mapping first, DNS second; a DNS failure is queued for 300,000 ms (DOMAIN §11.3). */
  resolve(link: PeerLink): void {
    const servers = [1, 2, 3, 4, 5].map((n) => this.peer.config.active[`IP DNS Server ${n} Address`]).filter(Boolean);
    const now = resolvePeerAddress(link.address, {
      dns: this.env.dns, fromHost: this.host, mappingOn: this.mappingOn, mappings: this.mappings,
      hasDnsServer: servers.length > 0, family: this.peer.config.active['Alternates Cluster IPVersion'] === 'IPv6' ? 6 : 4,
    }, this.dnsAnswer, link.id);
    if (now) this.resolvedAs(link, now);
  }

  /** `link` resolved (now, or when DNS answered): a failure is queued for 300,000 ms (DOMAIN §11.3). */
  private resolvedAs(link: PeerLink, r: Resolution): void {
    if (!this.links.includes(link)) return;
    this.links.resolved(link, r);
    if (!r.ok) {
      this.log(logLines.peerNameResolverQueueLine({ atMs: this.nowMs, host: this.peer.hostName, node: this.clusterdbNode, pid: PIDS.peerNameResolver }));
      this.resolveLater.after(TIMINGS.peerNameDnsRetryMs, link.id);
    }
    // A DNS answer arrives later than the links were reconciled: act on it now rather than at the
    // next retry (otherwise an FQDN cluster waits up to 10 s and may report 20016 meanwhile).
    if ((!r.ok || r.via === 'dns') && this.peer.serving) this.db.reconcile();
  }

  // ── Alarms that follow from the links and the configuration ───────────────────────────────

  refreshAlarms(): void {
    if (!this.peer.serving) return;
    const on = clusterAlarms({
      configured: this.configured, selfIndex: this.selfIndex, joined: this.joined, links: this.links.all,
      nowMs: this.nowMs, active: this.peer.config.active, tlsMode: this.tlsMode, startedBeforePrimary: this.startedBeforePrimary,
    });
    for (const key of DERIVED_CLUSTER_ALARMS) this.peer.alarms.set(key, on.has(key));
    this.licences.refresh();
  }

  linkChanged(link: PeerLink, how: LinkEvent): void {
    this.startOrder.linkEvent(link, how);
  }

  /** Link lost: the seed's timing — 20006 at +171 ms, 20004 at +418 ms (DOMAIN §10.2 B). */
  linkLost(): void {
    this.alarmsLater.after(TIMINGS.mnesiaDownTo20006Ms, undefined);
    this.alarmsLater.after(TIMINGS.mnesiaDownTo20004Ms, undefined);
  }

  /**
   * `xCommand ForceSystemKeyUpdate` (DOMAIN §6.19): alone, a node repairs its own key file; in a
   * cluster it must run on a node *without* the alarm, which re-writes the key on every peer.
   * assumption: run on a node that has the alarm while clustered, it changes nothing.
   * @returns whether it did anything
   */
  forceSystemKeyUpdate(): boolean {
    const clustered = this.joined && this.links.all.some((l) => l.db === 'up');
    if (clustered && this.peer.system.systemKeyInconsistent) return false;
    this.peer.forceSystemKeyUpdate();
    if (clustered) this.db.broadcastSystemKey();
    return true;
  }

  /** The cluster-table keys and their values, for hellos and table changes. */
  tableValues(): Record<string, unknown> {
    return Object.fromEntries(CLUSTER_TABLE_KEYS.map((k) => [k, this.peer.config.saved[k]]));
  }

  reconnectDelayMs(): number {
    return CLUSTER_TIMINGS.dbReconnectMs;
  }
}
