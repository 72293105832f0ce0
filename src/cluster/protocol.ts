/**
 * What peers say to each other on the simulated network — the only way one peer learns about
 * another (no shortcuts through shared memory). The cluster database link (TLS on TCP 4372,
 * DOMAIN §4.1) carries hellos, cluster-table changes and replication pulls; H.323 RAS on UDP 1719
 * carries SCI/SCR liveness queries (DOMAIN §10.2 B).
 */
import type { Patch } from 'immer';
import type { Certificate, Config, PeerLicences } from '../expressway/index.js';
import type { LinkFailure } from './links.js';

export const CLUSTER_DB_PORT = 4372;
export const RAS_PORT = 1719;

/** Who a peer says it is when a database link opens; the TLS handshake is modelled by the certificate in it. */
export interface Hello {
  readonly type: 'hello' | 'welcome';
  readonly fqdn: string;
  readonly certificate: Certificate | null;
  readonly product: string;
  readonly series: string;
  readonly version: string;
  readonly primaryIndex: number;
  /** the FQDN of the peer the sender's primary index points at, when the sender knows it */
  readonly primaryFqdn?: string;
  /** the sender is the configuration primary by its own list */
  readonly isPrimary: boolean;
  /** the sender's cluster tables (TLS mode, address mapping): a subordinate takes its primary's on connect */
  readonly tables: Readonly<Record<string, Config[string]>>;
  readonly keyEpoch: number;
  /** the sender's licences, which every peer counts in the cluster's pool (DOMAIN §2.3) */
  readonly licences: PeerLicences;
  /** the sender is a subordinate that started before its primary and took control (DOMAIN §3 R20, startOrder.ts) */
  readonly startedBeforePrimary?: true;
}

/** Cluster tables replicate through the database at once (DOMAIN §5.4: same millisecond in the seed). */
export interface TableChange {
  readonly type: 'table-change';
  readonly values: Readonly<Record<string, Config[string]>>;
}

/** A subordinate asks for the primary's changes since `since`, saying what it holds now (patchLog.ts). */
export interface PullRequest {
  readonly type: 'pull';
  readonly requestId: number;
  /** the primary's log version this subordinate last applied (0: none) */
  readonly since: number;
  /** digest of this subordinate's replicated configuration now */
  readonly digest: string;
}

/** How the primary's replicated configuration travels: its patches since the subordinate's version, or all of it. */
export type PullSync =
  | { readonly kind: 'patches'; readonly patches: readonly Patch[] }
  | { readonly kind: 'full'; readonly values: Readonly<Record<string, Config[string]>> };

/** The primary's answer to a pull: its replicated configuration and the facts the subordinate checks. */
export interface PullReply {
  readonly type: 'pull-reply';
  readonly requestId: number;
  readonly isPrimary: boolean;
  readonly version: string;
  readonly primaryIndex: number;
  readonly peerList: readonly string[];
  readonly clusterName: string;
  readonly ipVersion: string;
  readonly generation: number;
  readonly keyEpoch: number;
  /** the primary's feature option keys (DOMAIN §3 R15: identical on every peer) */
  readonly featureKeys: readonly string[];
  /** the primary's patch-log version the reply brings the subordinate to */
  readonly logVersion: number;
  readonly sync: PullSync;
}

/** The primary re-shares its configuration key after a re-upgrade (DOMAIN §6.17 step 2). */
export interface KeyShare {
  readonly type: 'key-share';
  readonly keyEpoch: number;
}

/** Periodic agreement check: each peer's view of who the primary is (DOMAIN §6.8). */
export interface PrimaryView {
  readonly type: 'primary-view';
  readonly primaryIndex: number;
  /** the FQDN of the peer that index points at in the sender's (ordered) list, when known */
  readonly primaryFqdn?: string;
}

/** A subordinate's boot-order verdict changed after its hellos went out (DOMAIN §3 R20, startOrder.ts). */
export interface StartOrderNews {
  readonly type: 'start-order';
  readonly startedBeforePrimary: boolean;
}

/** A healthy node re-writes the system key file on every peer (`xCommand ForceSystemKeyUpdate`, DOMAIN §6.19). */
export interface SystemKeyUpdate {
  readonly type: 'system-key';
}

/** The handshake was refused by the side that sends this, and why (a TLS alert in the product). */
export interface Reject {
  readonly type: 'reject';
  readonly reason: LinkFailure;
}

/** The connecting side verified the accepting side's certificate too: the link is up on both. */
export interface Confirm {
  readonly type: 'confirm';
}

export type DbMessage = Hello | TableChange | PullRequest | PullReply | KeyShare | PrimaryView | StartOrderNews | SystemKeyUpdate | Reject | Confirm;

export interface RasMessage {
  readonly type: 'SCI' | 'SCR';
  readonly seqNum: number;
}
