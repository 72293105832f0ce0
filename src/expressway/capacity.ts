/**
 * Capacity and licence pooling: per-platform standalone figures (DOMAIN §2.2, X14.0 and X15.x
 * tables), the cluster scaling rule (§2.1, classic four-peer vs X14.2+ N+1, a version choice) and
 * licence pooling (§2.3). It does not count live calls or registrations.
 * Key decision: with mixed platforms the peers that count are the largest ones — the platforms are
 * totally ordered by size (each row dominates the next in every column), and the cluster total is
 * the sum of the counted peers' figures, so adding a peer can never lower it.
 */
import { assert } from '../../sim/index.js';
import { PeerError } from './errors.js';
import { atLeast, compareVersions, MILESTONES } from './version.js';

export type Platform =
  | 'small-vm' | 'medium-vm' | 'large-vm' | 'ce1200' | 'ce1300'
  // Legacy appliances (end of support, DOMAIN §2.2 [AG-OLD], [AG-IF]).
  | 'ce500' | 'ce1000' | 'ce1100' | 'ce1100-10g';

export type Release = 'X14' | 'X15';
export type CapacityModel = 'classic' | 'n-plus-1';

/** One node's standalone figures. Video and audio calls are alternatives, not a sum (DOMAIN §2.1). */
export interface NodeCapacity {
  readonly registrations: number;
  readonly videoCallsNonMra: number;
  readonly videoCallsMra: number;
  readonly audioCalls: number;
  readonly rmsLicences: number;
  readonly mraRegistrations: number;
  readonly turnRelays: number;
}

const row = (registrations: number, video: number, audio: number, rms: number, mra: number, turn: number, videoMra = video): NodeCapacity =>
  Object.freeze({ registrations, videoCallsNonMra: video, videoCallsMra: videoMra, audioCalls: audio, rmsLicences: rms, mraRegistrations: mra, turnRelays: turn });

type Native = 'small-vm' | 'medium-vm' | 'large-vm' | 'ce1200' | 'ce1300';

/** DOMAIN §2.2. X14: [AG-CLU] X14.0 table; X15: [AG-CAP] X15.x table (PRRH off). */
const NATIVE: Record<Release, Record<Native, NodeCapacity>> = {
  X14: {
    'small-vm': row(2000, 40, 40, 75, 200, 1800, 20),
    'medium-vm': row(2500, 100, 200, 100, 2500, 1800),
    'large-vm': row(5000, 500, 1000, 500, 2500, 6000),
    ce1200: row(5000, 500, 1000, 500, 5000, 6000),
    // assumption: CE1300 (X14.3.1+) is absent from the X14.0 table; it gets the CE1200 row.
    ce1300: row(5000, 500, 1000, 500, 5000, 6000),
  },
  X15: {
    'small-vm': row(2000, 40, 40, 75, 200, 1800, 20),
    'medium-vm': row(2500, 150, 300, 150, 2500, 1800),
    'large-vm': row(5000, 500, 1000, 500, 3500, 6000),
    ce1200: row(5000, 500, 1000, 500, 7000, 6000),
    ce1300: row(5000, 500, 1000, 500, 8500, 6000),
  },
};

/** MRA registrations with Fast Path Registration / PRRH (X15, Select image): DOMAIN §2.2 [AG-CAP]. CE1300 not listed: unchanged. */
const PRRH_MRA: Partial<Record<Native, number>> = { ce1200: 7500, 'large-vm': 4000, 'medium-vm': 3000, 'small-vm': 200 };

/**
 * Legacy appliances run as a VM size (DOMAIN §2.2 [AG-OLD]: CE1100 is medium on 1 Gbps NICs, large
 * on 10 Gbps; CE500 groups with medium, CE1000 with large). assumption: their call and registration
 * figures are those of that VM size in the chosen release.
 */
const RUNS_AS: Record<Platform, Native> = {
  'small-vm': 'small-vm', 'medium-vm': 'medium-vm', 'large-vm': 'large-vm', ce1200: 'ce1200', ce1300: 'ce1300',
  ce500: 'medium-vm', ce1000: 'large-vm', ce1100: 'medium-vm', 'ce1100-10g': 'large-vm',
};

/**
 * The size class a platform runs as: peers of one class are "equivalent" (DOMAIN §3 R4: a standard
 * appliance with a 2-core Medium VM is fine, an appliance with an 8-core Large VM is not).
 */
export function platformClass(platform: Platform): string {
  return RUNS_AS[platform];
}

/** Size order, largest first; each entry dominates the next in every NodeCapacity field (tested). */
const SIZE_ORDER: readonly Native[] = ['ce1300', 'ce1200', 'large-vm', 'medium-vm', 'small-vm'];

/**
 * The capacity model a release follows (DOMAIN §2.1, §13 "make it a version parameter"): the N+1
 * model from X14.2 on, the classic four-peer rule before.
 */
export function capacityModelFor(version: string): CapacityModel {
  return atLeast(version, MILESTONES.nPlusOneCapacity) ? 'n-plus-1' : 'classic';
}

/** The capacity table of a release (DOMAIN §2.2). assumption: releases before X14 use the X14.0 table, the oldest DOMAIN gives. */
export function releaseOf(version: string): Release {
  return atLeast(version, MILESTONES.x15CapacityTable) ? 'X15' : 'X14';
}

/** assumption (DOMAIN is silent on mixed versions): a cluster mid-upgrade follows its oldest peer's release. */
export function clusterVersion(versions: readonly string[]): string {
  assert(versions.length > 0, 'clusterVersion needs at least one version');
  return versions.reduce((oldest, v) => (compareVersions(v, oldest) < 0 ? v : oldest));
}

/** The standalone figures of one node. */
export function nodeCapacity(platform: Platform, release: Release, options: { prrh?: boolean } = {}): NodeCapacity {
  const native = RUNS_AS[platform];
  const base = NATIVE[release][native];
  const prrhMra = PRRH_MRA[native];
  if (options.prrh === true && release === 'X15' && prrhMra !== undefined) return { ...base, mraRegistrations: prrhMra };
  return base;
}

/** Maximum peers in a cluster, primary included (DOMAIN §2.1 [AG-CLU]). */
export const MAX_CLUSTER_PEERS = 6;

export interface ClusterCapacity extends NodeCapacity {
  /** How many peers' figures were summed (the largest ones). */
  readonly countedPeers: number;
}

/**
 * Cluster capacity (DOMAIN §2.1): classic — min(n, 4) peers count; N+1 (X14.2+) — min(n − 1, 5)
 * peers count for n ≥ 2 (a single node counts itself). Small VMs add resilience only: a small VM
 * contributes only when it is the first counted peer (an all-small cluster equals one small VM).
 *
 * @example
 * clusterCapacity({ platforms: ['large-vm', 'large-vm', 'large-vm', 'large-vm', 'large-vm'], model: 'classic', release: 'X15' }).videoCallsNonMra // 2000
 */
export function clusterCapacity(o: { platforms: readonly Platform[]; model: CapacityModel; release: Release; prrh?: boolean }): ClusterCapacity {
  const n = o.platforms.length;
  assert(n >= 1, 'clusterCapacity needs at least one peer');
  if (n > MAX_CLUSTER_PEERS) throw new PeerError('XTW_ERR_PEER_TOO_MANY_PEERS', { value: n });
  const counted = o.model === 'classic' ? Math.min(n, 4) : Math.max(1, Math.min(n - 1, 5));
  const largestFirst = [...o.platforms].sort((a, b) => SIZE_ORDER.indexOf(RUNS_AS[a]) - SIZE_ORDER.indexOf(RUNS_AS[b]));
  const totals: Record<keyof NodeCapacity, number> = {
    registrations: 0, videoCallsNonMra: 0, videoCallsMra: 0, audioCalls: 0, rmsLicences: 0, mraRegistrations: 0, turnRelays: 0,
  };
  largestFirst.slice(0, counted).forEach((platform, i) => {
    if (i > 0 && RUNS_AS[platform] === 'small-vm') return; // DOMAIN §2.1: no capacity gain from small VMs
    const node = nodeCapacity(platform, o.release, { prrh: o.prrh ?? false });
    for (const k of Object.keys(totals) as (keyof NodeCapacity)[]) totals[k] += node[k];
  });
  return { ...totals, countedPeers: counted };
}

// ── Licence pooling (DOMAIN §2.3) ────────────────────────────────────────────────────────────

/** Licences installed on one peer (absent = none). */
export interface PeerLicences {
  readonly rms?: number;
  readonly room?: number;
  readonly desktop?: number;
  readonly traversal?: number;
  readonly nonTraversal?: number;
  readonly registrations?: number;
  readonly turn?: number;
}
export type LicenceKind = keyof PeerLicences;

export interface LicencePool {
  /** Cluster-wide totals usable by any peer. */
  readonly pooled: Readonly<Partial<Record<LicenceKind, number>>>;
  /** What each peer keeps for itself (licences that are not shared), in input order. */
  readonly perPeer: readonly Readonly<Partial<Record<LicenceKind, number>>>[];
}

/**
 * Pools the licences of the peers still counted (the caller drops a lost peer after the two-week
 * retention, TIMINGS.lostPeerLicenceRetentionMs). Expressway pools RMS, room and desktop
 * registrations; VCS pools traversal and non-traversal calls but not registrations (DOMAIN §2.3).
 * TURN pooling differs by version (pre-X8.11 pooled [AG-LIC] vs "not shared" [AG-OLD2]):
 * `turnPooled`, default false. Each peer stays limited by its own physical capacity (NodeCapacity).
 *
 * @example
 * pooledLicences([{ desktop: 250, rms: 100 }, { desktop: 250, rms: 100 }, { desktop: 250, rms: 50 }, {}], 'expressway').pooled
 * // { rms: 250, room: 0, desktop: 750 }
 */
export function pooledLicences(peers: readonly PeerLicences[], product: 'expressway' | 'vcs', options: { turnPooled?: boolean } = {}): LicencePool {
  const shared: LicenceKind[] = product === 'expressway' ? ['rms', 'room', 'desktop'] : ['traversal', 'nonTraversal'];
  if (options.turnPooled === true) shared.push('turn');
  const pooled: Partial<Record<LicenceKind, number>> = {};
  for (const kind of shared) pooled[kind] = peers.reduce((sum, p) => sum + (p[kind] ?? 0), 0);
  const perPeer = peers.map((p) => {
    const own: Partial<Record<LicenceKind, number>> = {};
    for (const [kind, count] of Object.entries(p) as [LicenceKind, number | undefined][]) {
      if (!shared.includes(kind) && count !== undefined) own[kind] = count;
    }
    return own;
  });
  return { pooled, perPeer };
}
