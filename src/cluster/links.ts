/**
 * One peer's view of another Peer N entry: name resolution, the cluster-database link (TLS on
 * TCP 4372) and H.323 RAS liveness. The status the Clustering page shows next to each address is
 * derived from this record (DOMAIN §5.1): "Unknown" before anything was tried, "Failed" once an
 * attempt failed, "Active" while the database link is up and RAS answers.
 *
 * A `PeerLink` is read-only to everyone: its one owner, `LinkTable` (linkTable.ts), changes it
 * through named transitions and checks its invariants after each one.
 */
import type { Connection } from '../../sim/index.js';
import type { Hello } from './protocol.js';
import type { Resolution } from './names.js';
import type { TlsProblem } from './tls.js';
import { CLUSTER_TIMINGS } from './timings.js';

export type DbLinkState = 'unknown' | 'connecting' | 'up' | 'failed';
export type RasState = 'unknown' | 'alive' | 'retrying' | 'dead';

/** Why a database link is not up, in words an operator can act on. */
export type LinkFailure =
  | 'not-joined' // this peer has not restarted into the cluster yet (DOMAIN §6.3)
  | 'unresolved'
  | 'refused'
  | 'timeout'
  | 'reset'
  | 'closed'
  | 'tls-rejected'
  | 'tls-rejected-by-peer'
  | 'unexpected-source' // NAT between peers: the source is not the configured address (DOMAIN §3 R6)
  | 'rejected-by-peer'
  | 'product-mismatch'
  | 'latency' // RTT above 80 ms (DOMAIN §3 R5)
  | 'address-family' // the entry is not in the family the Cluster IP version selects (DOMAIN §5.1, §6.2)
  | 'no-local-address' // this peer's host lacks its own cluster address (a LAN1 address another host has, DOMAIN §3 R7)
  | 'no-contact'; // the peer that opens the connection has not done so

/** The record as its owner writes it; everyone else sees `PeerLink`. @internal */
export interface MutablePeerLink {
  /** this link's number in its table, never reused: pending work names the link by it */
  readonly id: number;
  /** 1-based Peer N index in this peer's list */
  index: number;
  address: string;
  /** when this entry entered the saved Peer N list (the page shows a new, failing entry as "Unknown" at first) */
  addedAtMs: number;
  resolution?: Resolution;
  db: DbLinkState;
  failure?: LinkFailure;
  conn?: Connection;
  /** this side opened the connection */
  initiator: boolean;
  remote?: Hello;
  /** problems with the remote certificate as this side sees them (shown even when Permissive) */
  tlsProblems: readonly TlsProblem[];
  ras: RasState;
  rasSeqNum: number;
  rasAwaiting: boolean;
  /** when the database link last went down (for the seed's mnesia_down timing) */
  downAtMs?: number;
  /** since when this side has waited for the other side to connect */
  waitingSinceMs?: number;
  /** when the other side last connected to this one */
  inboundAtMs?: number;
  /** who the peer says the primary is: an index into its own list, and the FQDN it points at when known */
  primaryView?: number;
  primaryViewFqdn?: string;
}

/** One peer's view of another Peer N entry, read-only outside `LinkTable`. */
export type PeerLink = Readonly<MutablePeerLink>;

/** The link is fully up: database connected and RAS answering. */
export function linkHealthy(link: PeerLink): boolean {
  return link.db === 'up' && link.ras !== 'dead' && link.ras !== 'retrying';
}

/**
 * The word the Clustering page shows for another peer at `nowMs` (DOMAIN §5.1): "Unknown" before
 * anything was tried, and for a newly saved entry that has not joined, "Unknown" until the page has
 * a status for it (CLUSTER_TIMINGS.newEntryUnknownMs) — "Failed" only after a refresh.
 */
export function linkStatusWord(link: PeerLink, nowMs: number): 'Unknown' | 'Failed' | 'Active' {
  if (link.db === 'unknown' || (link.db === 'connecting' && link.failure === undefined)) return 'Unknown';
  if (linkHealthy(link)) return 'Active';
  return nowMs - link.addedAtMs < CLUSTER_TIMINGS.newEntryUnknownMs ? 'Unknown' : 'Failed';
}

/** When this link's page word may next change with time alone (a new entry's "Unknown" ending), if it still can. */
export function statusWordExpiresAtMs(link: PeerLink, nowMs: number): number | undefined {
  const atMs = link.addedAtMs + CLUSTER_TIMINGS.newEntryUnknownMs;
  return atMs > nowMs ? atMs : undefined;
}
