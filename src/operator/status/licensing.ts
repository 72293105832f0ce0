/**
 * The cluster's licences as one peer counts them (DOMAIN §2.3) and the capacity model of its release
 * (§2.1): its own licences, the pool any peer may draw on, and every other peer it has met — in
 * contact, lost (its licences stay in the pool for two weeks, the countdown alarms 30012-30017 run)
 * or removed from the pool. One typed model: `xStatus Licensing` renders it, and so does the admin
 * licence page (pages/licences.ts). assumption: the element and its layout are the twin's (no capture
 * of the product's licence status exists; the management API's licence pool is NOT FOUND in detail).
 */
import { capacityModelFor, countdownStage, TIMINGS, type PeerObservation } from '../../twin.js';
import type { StatusRecord } from './tree.js';

export interface LicenceCounts {
  readonly rms: number;
  readonly room: number;
  readonly desktop: number;
}

export interface LicensedPeer extends LicenceCounts {
  readonly address: string;
  readonly status: 'In contact' | 'Lost' | 'Removed from pool';
  /** UTC "YYYY-MM-DD HH:MM:SS" when contact was lost */
  readonly lostSince?: string;
  /** UTC date its licences leave (or left) the pool */
  readonly removal?: string;
}

export interface Licensing {
  /** "N+1" from X14.2, "Four-peer rule" before (DOMAIN §2.1) */
  readonly capacityModel: string;
  readonly own: LicenceCounts;
  readonly pool: LicenceCounts;
  readonly peers: readonly LicensedPeer[];
}

const counts = (l: { rms?: number; room?: number; desktop?: number }): LicenceCounts => ({ rms: l.rms ?? 0, room: l.room ?? 0, desktop: l.desktop ?? 0 });
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export function licensing(o: PeerObservation, nowMs: number, epochUtcMs: number): Licensing {
  const l = o.licences;
  return {
    capacityModel: capacityModelFor(o.system.version) === 'n-plus-1' ? 'N+1' : 'Four-peer rule',
    own: counts(l.own),
    pool: counts(l.pool),
    peers: l.peers.map((p): LicensedPeer => {
      if (p.lostAtMs === undefined) return { address: p.address, status: 'In contact', ...counts(p.licences) };
      const removed = countdownStage(nowMs - p.lostAtMs) === 'removed';
      return {
        address: p.address, status: removed ? 'Removed from pool' : 'Lost', ...counts(p.licences),
        lostSince: utc(epochUtcMs + p.lostAtMs), removal: utc(epochUtcMs + p.lostAtMs + TIMINGS.lostPeerLicenceRetentionMs).slice(0, 10),
      };
    }),
  };
}

const record = (c: LicenceCounts): StatusRecord => ({ RMS: c.rms, Room: c.room, Desktop: c.desktop });

/** `xStatus Licensing` (the twin's layout). */
export function licensingStatus(l: Licensing): StatusRecord {
  return {
    CapacityModel: l.capacityModel,
    Own: record(l.own),
    Pool: record(l.pool),
    Peer: l.peers.map((p) => ({
      Address: p.address, Status: p.status, ...record(p),
      ...(p.lostSince !== undefined ? { LostSince: p.lostSince } : {}), ...(p.removal !== undefined ? { RemovedOn: p.removal } : {}),
    })),
  };
}
