/**
 * Licences across a cluster (DOMAIN §2.3): the licence counts on a peer's option keys, the pool
 * every peer may draw on, and the lost-peer countdown — a peer out of contact keeps its licences in
 * the pool for two weeks (TIMINGS.lostPeerLicenceRetentionMs) while alarms 30012-30017 count the
 * time down, then its licences leave the pool. Pure functions of what one peer knows; the cluster
 * layer says which peers it has lost and since when.
 */
import { DAY_MS, HOUR_MS } from '../../sim/index.js';
import type { AlarmKey } from './alarms.js';
import { pooledLicences, type LicenceKind, type PeerLicences } from './capacity.js';
import type { OptionKey } from './config/schema.js';
import type { MessageParams } from './messages.js';
import { licenceCounts } from './optionKeys.js';
import { TIMINGS } from './timings.js';

/**
 * assumption (DOMAIN §7.2 gives the alarms' texts, not when the first one shows): the countdown
 * alarm is raised once a peer has been out of contact for one hour, counting whole hours, and from
 * the first whole day on counts days.
 */
export const LOST_PEER_COUNTDOWN_FROM_MS = HOUR_MS;

const KIND_OF_TYPE: Readonly<Record<string, LicenceKind>> = {
  rms: 'rms', room: 'room', desktop: 'desktop', traversal: 'traversal', 'non-traversal': 'nonTraversal', turn: 'turn',
};

/** The licence counts on a peer's option keys (feature keys carry none), in the pool's terms. */
export function licencesOf(keys: readonly OptionKey[]): PeerLicences {
  const out: Partial<Record<LicenceKind, number>> = {};
  for (const [type, count] of Object.entries(licenceCounts(keys))) out[KIND_OF_TYPE[type]!] = count;
  return out;
}

/** Another peer as one peer knows it: its licences (from its last hello) and since when it is out of contact. */
export interface KnownPeer {
  readonly address: string;
  readonly licences: PeerLicences;
  /** virtual ms when contact was lost; absent while in contact */
  readonly lostAtMs?: number;
}

export type CountdownStage = 'hours' | 'days' | 'removed';

/** Where a peer lost for `lostForMs` stands in the countdown; undefined before it starts. */
export function countdownStage(lostForMs: number): CountdownStage | undefined {
  if (lostForMs >= TIMINGS.lostPeerLicenceRetentionMs) return 'removed';
  if (lostForMs >= DAY_MS) return 'days';
  if (lostForMs >= LOST_PEER_COUNTDOWN_FROM_MS) return 'hours';
  return undefined;
}

/** The pool this peer may draw on: its own licences and every other peer's still counted (in contact, or lost less than two weeks). */
export function licencePool(own: PeerLicences, peers: readonly KnownPeer[], nowMs: number): Readonly<Partial<Record<LicenceKind, number>>> {
  const counted = peers.filter((p) => p.lostAtMs === undefined || countdownStage(nowMs - p.lostAtMs) !== 'removed');
  return pooledLicences([own, ...counted.map((p) => p.licences)], 'expressway').pooled;
}

const ALARMS: Record<CountdownStage, { one: AlarmKey; several: AlarmKey }> = {
  hours: { one: 'lost-peer-licences-hours', several: 'lost-peers-licences-hours' },
  days: { one: 'lost-peer-licences-days', several: 'lost-peers-licences-days' },
  removed: { one: 'lost-peer-licences-removed', several: 'lost-peers-licences-removed' },
};

/** Every countdown alarm key (a peer lowers those the countdown no longer calls for). */
export const COUNTDOWN_ALARMS: readonly AlarmKey[] = Object.values(ALARMS).flatMap((a) => [a.one, a.several]);

export interface CountdownAlarm {
  readonly key: AlarmKey;
  readonly params: MessageParams;
}

/**
 * The countdown alarms for the peers lost now: per stage, one peer's alarm (30012/30014/30016) or
 * the several-peers one (30013/30015/30017). `{n}` counts whole hours or days (the several-peers
 * alarm the shortest loss: all have been out longer); the removed alarm keeps the retention's days.
 * assumption: `{date}` is the removal day as YYYY-MM-DD (UTC; for several removed peers the latest)
 * and `{details}` lists "<peer> on <date>" — the product's formats are NOT FOUND.
 */
export function countdownAlarms(peers: readonly KnownPeer[], nowMs: number, epochUtcMs: number): CountdownAlarm[] {
  const date = (lostAtMs: number) => new Date(epochUtcMs + lostAtMs + TIMINGS.lostPeerLicenceRetentionMs).toISOString().slice(0, 10);
  const out: CountdownAlarm[] = [];
  for (const stage of ['hours', 'days', 'removed'] as const) {
    const lost = peers.filter((p) => p.lostAtMs !== undefined && countdownStage(nowMs - p.lostAtMs) === stage);
    if (lost.length === 0) continue;
    const unit = stage === 'hours' ? HOUR_MS : DAY_MS;
    const n = stage === 'removed' ? TIMINGS.lostPeerLicenceRetentionMs / DAY_MS : Math.min(...lost.map((p) => Math.floor((nowMs - p.lostAtMs!) / unit)));
    if (lost.length === 1) out.push({ key: ALARMS[stage].one, params: { peer: lost[0]!.address, n, date: date(lost[0]!.lostAtMs!) } });
    else if (stage === 'removed') out.push({ key: ALARMS[stage].several, params: { n, date: date(Math.max(...lost.map((p) => p.lostAtMs!))) } });
    else out.push({ key: ALARMS[stage].several, params: { n, details: lost.map((p) => `${p.address} on ${date(p.lostAtMs!)}`).join(', ') } });
  }
  return out;
}

/** When the countdown alarms next change (a whole hour or day more, or the next stage); undefined when nothing is counting. */
export function nextCountdownChangeMs(peers: readonly KnownPeer[], nowMs: number): number | undefined {
  let next: number | undefined;
  for (const p of peers) {
    if (p.lostAtMs === undefined) continue;
    const lostFor = nowMs - p.lostAtMs;
    const stage = countdownStage(lostFor);
    if (stage === 'removed') continue;
    const unit = stage === 'days' ? DAY_MS : HOUR_MS;
    const at = stage === undefined ? p.lostAtMs + LOST_PEER_COUNTDOWN_FROM_MS : p.lostAtMs + (Math.floor(lostFor / unit) + 1) * unit;
    next = next === undefined ? at : Math.min(next, at);
  }
  return next;
}
