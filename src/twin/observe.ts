/**
 * What an operator can see of one peer — the data behind its admin pages and `xStatus` — as a
 * frozen plain object built from the peer's own state and its own view of the links. Nothing here
 * reads another peer's memory: statuses come from what this peer learned on the network.
 */
import { linkStatusWord, statusWordExpiresAtMs, type ClusterNode, type LicenceView } from '../cluster/index.js';
import { peerAddresses, type Config, type LifecycleState, type PeerSystem } from '../expressway/index.js';

export interface AlarmView {
  readonly key: string;
  /** the alarm's number: the product's id, or a twin id (29901-29999) */
  readonly id: string;
  /** the id as every surface shows it: a twin id carries "(twin)" (DOMAIN §7.1: no product id) */
  readonly shownId: string;
  readonly severity: string;
  readonly title: string;
  readonly detail: string;
  readonly raisedAtMs: number;
}

export interface PeerEntryView {
  readonly index: number;
  readonly address: string;
  /** "This system", "Unknown", "Failed", "Active" — or '' for an empty field */
  readonly status: string;
  /** green "Certificate: Valid" or blue "Certificate: Invalid (…)" (DOMAIN §5.1, §6.12) */
  readonly certificate: string;
  readonly failure?: string;
  readonly resolvedIp?: string;
}

export interface PeerObservation {
  readonly name: string;
  readonly state: LifecycleState;
  readonly serving: boolean;
  readonly system: Readonly<PeerSystem>;
  readonly hostName: string;
  readonly fqdn: string;
  readonly saved: Config;
  readonly active: Config;
  readonly pending: readonly string[];
  readonly alarms: readonly AlarmView[];
  readonly factoryResetBanner: boolean;
  /** endpoints registered to this peer now */
  readonly registrations: number;
  readonly clustering: {
    readonly configured: boolean;
    readonly joined: boolean;
    readonly isPrimary: boolean;
    readonly primaryIndex: number;
    readonly selfIndex: number;
    /**
     * Where the cluster settings the peer acts on come from: its saved configuration, except while
     * a factory reset is armed with every Peer N entry cleared, when the active one stays in force
     * until the restart (DOMAIN §9.1). `configured`, `isPrimary`, `primaryIndex` and `selfIndex`
     * follow it; `entries` are the page's rows, the saved fields.
     */
    readonly settingsFrom: 'saved' | 'active';
    readonly tlsModeActive: string;
    readonly entries: readonly PeerEntryView[];
    /** "Active" when every link is up; the other values are the twin's (DOMAIN §13.1) */
    readonly databaseStatus: 'Active' | 'Inactive' | 'Degraded' | 'Not clustered';
    /**
     * The twin's own account of replication (no product page shows it): pulls this peer applied from
     * the primary's patches and from its whole configuration, and the writes its patch log holds.
     */
    readonly replication: { readonly patchPulls: number; readonly fullPulls: number; readonly patchLog: number };
  };
  /** this peer's licences, the cluster pool as it counts it, and the peers it has met (lost ones with when) */
  readonly licences: LicenceView;
}

/** The first moment after now at which this peer's observation changes with time alone, if any (a cache's expiry). */
export function observationExpiresAtMs(node: ClusterNode): number | undefined {
  let atMs: number | undefined;
  for (const link of node.links.all) {
    const t = statusWordExpiresAtMs(link, node.queue.nowMs);
    if (t !== undefined && (atMs === undefined || t < atMs)) atMs = t;
  }
  return atMs;
}

export function observePeer(node: ClusterNode, registrations = 0): PeerObservation {
  const peer = node.peer;
  const row = (address: string, i: number): PeerEntryView => {
    if (!address) return { index: i + 1, address, status: '', certificate: '' };
    if (node.isSelf(address)) return { index: i + 1, address, status: 'This system', certificate: '' };
    const link = node.linkAt(i + 1);
    if (!link || !peer.serving) return { index: i + 1, address, status: 'Unknown', certificate: '' };
    // A certificate this peer checked and rejected is shown too: it is why the link failed (DOMAIN §5.1).
    const checked = link.remote !== undefined || link.tlsProblems.length > 0;
    const certificate = !checked ? '' : link.tlsProblems.length === 0 ? 'Certificate: Valid' : `Certificate: Invalid (${link.tlsProblems.join(', ')})`;
    return {
      index: i + 1, address, status: linkStatusWord(link, node.queue.nowMs), certificate,
      ...(link.failure ? { failure: link.failure } : {}),
      ...(link.resolution?.ok ? { resolvedIp: link.resolution.ip } : {}),
    };
  };
  // The page's rows are the saved fields; the database status is the links' in force, which differ
  // while a cleared list waits for the restart (DOMAIN §9.1: the database runs on until then).
  const entries = peerAddresses(peer.config.saved).map(row);
  const inForce = node.settingsFrom === 'saved' ? entries : peerAddresses(node.clusterSettings).map(row);
  const others = inForce.filter((e) => e.status && e.status !== 'This system');
  const joined = node.joined;
  const databaseStatus = !joined ? 'Not clustered' : others.every((e) => e.status === 'Active') ? 'Active' : others.some((e) => e.status === 'Active') ? 'Degraded' : 'Inactive';
  return deepFreeze({
    name: peer.id,
    state: peer.state,
    serving: peer.serving,
    system: { ...peer.system },
    hostName: peer.hostName,
    fqdn: peer.fqdn,
    saved: peer.config.saved,
    active: peer.config.active,
    pending: peer.config.pending(),
    alarms: peer.alarms.list().map((a) => ({ key: a.key, id: a.def.id, shownId: a.def.shownId, severity: a.def.severity, title: a.def.title, detail: a.detail, raisedAtMs: a.raisedAtMs })),
    factoryResetBanner: peer.factoryResetArmed(),
    registrations,
    clustering: {
      configured: node.configured, joined, isPrimary: node.isPrimary, primaryIndex: node.primaryIndex, selfIndex: node.selfIndex, settingsFrom: node.settingsFrom,
      tlsModeActive: String(peer.config.active['Alternates Cluster TLSVerificationMode']), entries,
      databaseStatus: joined && others.length === 0 ? 'Active' : databaseStatus,
      replication: { ...node.replication.stats, patchLog: node.replication.patchLogSize },
    },
    licences: node.licences.view(),
  });
}

/** The cluster settings `o` acts on: the saved ones, or the active ones while its reset is armed with every entry cleared (DOMAIN §9.1). */
export function settingsInForce(o: PeerObservation): Config {
  return o[o.clustering.settingsFrom];
}

/** The Peer N list `o` acts on (six fields, '' for an empty one): a peer whose reset is armed is still a member until it restarts. */
export function peerListInForce(o: PeerObservation): string[] {
  return peerAddresses(settingsInForce(o));
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
