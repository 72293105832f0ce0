/**
 * The cluster database status as a view model (DOMAIN §5.1 bottom section, §6.18, §11.1): the
 * status word ("Active" when healthy), this peer's clusterdb node, each peer's link as this peer
 * sees it, the database alarms, and — while the database has failed — the recovery methods of
 * DOMAIN §6.18.
 */
import type { LifecycleState, PeerObservation } from '../../twin.js';
import { alarmStatus } from '../status/alarms.js';
import { statusTone, type AlarmRow, type Tone } from './common.js';

export interface DatabasePage {
  readonly title: 'Cluster database';
  readonly peer: string;
  readonly state: LifecycleState;
  /** "Active", "Degraded", "Inactive" or "Not clustered" (only "Active" is the product's, DOMAIN §13.1) */
  readonly status: string;
  readonly tone: Tone;
  readonly joined: boolean;
  /** Erlang node name of this peer's database (DOMAIN §10.2) */
  readonly node: string;
  readonly failed: boolean;
  readonly peers: readonly { readonly index: number; readonly address: string; readonly status: string; readonly tone: Tone }[];
  readonly alarms: readonly AlarmRow[];
  /** DOMAIN §6.18 methods, shown while the database has failed */
  readonly recovery: readonly string[];
}

const DATABASE_ALARMS = new Set([
  'database-failure', 'database-load-failed', 'cluster-database-communication-failure', 'database-synchronize-failed',
  'clusterdb-log-server-frozen', 'expressway-database-failure',
]);

const RECOVERY = [
  'Method 1: send a system snapshot to TAC, remove the peer from the cluster, restore its own earlier backup, then add it back.',
  'Method 2 (last resort): snapshot, remove the peer, run clusterdb_destroy_and_purge_data.sh as root, restore its own backup, then add it back.',
];

export function databasePage(o: PeerObservation): DatabasePage {
  const c = o.clustering;
  const failed = o.state === 'databaseFailure';
  return {
    title: 'Cluster database',
    peer: o.name,
    state: o.state,
    status: c.databaseStatus,
    tone: c.databaseStatus === 'Active' ? 'green' : c.databaseStatus === 'Not clustered' ? 'none' : 'red',
    joined: c.joined,
    node: `clusterdb@${o.fqdn}`,
    failed,
    peers: c.entries.filter((e) => e.address !== '').map((e) => ({ index: e.index, address: e.address, status: e.status, tone: statusTone(e.status) })),
    alarms: alarmStatus(o).filter((a) => DATABASE_ALARMS.has(a.key)),
    recovery: failed ? RECOVERY : [],
  };
}
