/**
 * What each part of a cluster node (database links, RAS, replication) may use of the node: one
 * narrow interface per part, so a part depends on the few facts and effects it needs and not on the
 * node's whole object. `ClusterNode` (node.ts) implements all three. Types only: a leaf of the wing.
 */
import type { Network, RandomStream, TraceSink } from '../../sim/index.js';
import type { ServiceTimer } from './serviceTimers.js';
import type { AddressMapping, Config, LogRecord, Peer } from '../expressway/index.js';
import type { LinkTable } from './linkTable.js';
import type { PeerLink } from './links.js';
import type { DbMessage } from './protocol.js';
import type { TlsMode } from './tls.js';
import type { ClusterTraceKinds } from './traceKinds.js';

/** Virtual time, and work that belongs to this run of the services (cancelled when they stop). */
export interface NodeClock {
  readonly nowMs: number;
  /** Register one kind of work as the named handler `<peer>/<name>` (when the part is built); its payload is JSON. */
  timer<P = undefined>(name: string, fn: (payload: P) => void): ServiceTimer<P>;
}

/** This peer's place in the cluster, as the Peer N list it acts on and its active list say. */
export interface Membership {
  /** the simulated host's name */
  readonly host: string;
  /** the address clustering binds to */
  readonly clusterIp: string;
  /** the Peer N list it acts on has entries */
  readonly configured: boolean;
  /** clustered since its last boot */
  readonly joined: boolean;
  /** 1-based place in the list it acts on, 0 when absent */
  readonly selfIndex: number;
  readonly primaryIndex: number;
  readonly isPrimary: boolean;
  /**
   * The cluster settings this peer acts on: the saved ones, except while a factory reset is pending
   * (node.ts `clusterSettings`).
   */
  readonly clusterSettings: Config;
  isSelf(address: string): boolean;
  /**
   * The FQDN of the peer this peer's primary index points at in its (ordered) list: its own when it
   * is the primary, else what that peer said in its hello over a link that is up; undefined when unknown.
   */
  primaryFqdn(): string | undefined;
}

/** Effects every part has: the links, the journal, the peer's log, the cluster alarms. */
export interface NodeEffects {
  readonly links: LinkTable;
  readonly trace: TraceSink<ClusterTraceKinds>;
  log(record: LogRecord): void;
  /** re-derive the cluster alarms from the links and configuration now */
  refreshAlarms(): void;
}

/** What the boot-order check hears of a database link: the other side said hello (its database runs), the link came up, or the other side closed it (startOrder.ts). */
export type LinkEvent = 'heard' | 'up' | 'closed';

/** What the cluster-database links use (dbLinks.ts). */
export interface DbLinksContext extends NodeClock, Membership, NodeEffects {
  readonly peer: Pick<Peer, 'serving' | 'fqdn' | 'hostName' | 'config' | 'system' | 'nowUtcMs' | 'applyReplicated' | 'refreshSystemKeyAlarm'>;
  readonly net: Network;
  readonly tlsMode: TlsMode;
  readonly mappingOn: boolean;
  readonly mappings: readonly AddressMapping[];
  /** `clusterdb@<fqdn>` of this peer */
  readonly clusterdbNode: string;
  /** this peer's configuration key generation, for hellos */
  readonly keyEpoch: number;
  /** this subordinate started before its primary (DOMAIN §3 R20), for hellos */
  readonly startedBeforePrimary: boolean;
  tableValues(): Record<string, unknown>;
  reconnectDelayMs(): number;
  nextTransactionPid(): string;
  /** a database link went down: the alarms follow on the seed's timing */
  linkLost(): void;
  /** the other side's database said hello, a link came up, or the other side closed one that was up (boot order, startOrder.ts) */
  linkChanged(link: PeerLink, how: LinkEvent): void;
  /** a replication message arrived on `link` */
  replicationMessage(link: PeerLink, msg: DbMessage): void;
}

/** What RAS liveness uses (ras.ts). */
export interface RasContext extends NodeClock, Pick<Membership, 'host' | 'clusterIp' | 'configured'>, NodeEffects {
  readonly peer: Pick<Peer, 'config' | 'hostName'>;
  readonly net: Network;
  readonly random: RandomStream;
}

/** What configuration replication uses (replication.ts). */
export interface ReplicationContext extends NodeClock, Membership, NodeEffects {
  readonly peer: Pick<Peer, 'config' | 'system' | 'alarms' | 'applyReplicated' | 'hostName'>;
  readonly random: RandomStream;
  /** send on the database link to `link`; false when it is not up */
  sendOnLink(link: PeerLink, msg: DbMessage): boolean;
  /** tell every linked peer who this peer thinks the primary is */
  broadcastPrimaryView(): void;
}
