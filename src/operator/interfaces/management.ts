/**
 * `/api/management/status/…` (INTERFACES §3.3, MTG's captured X8.11.4 replies): a JSON list with one
 * object per cluster peer, `{"peer", "local_peer", "num_recs", "records"}`. Each peer's object is
 * built from that peer's own observation (and its own alarm history in the trace), never from the
 * asked peer's memory.
 *
 * assumptions (NOT FOUND on the product):
 * - who is in the list: the asked peer's Peer 1..6 entries that it sees Active (the data travel over
 *   the cluster; a peer it cannot reach is left out), itself always; the asked peer names itself
 *   `127.0.0.1` (`LOCAL_PEER`), as in MTG's capture — a system that reports its loopback address
 *   rather than its LAN address when it has no Peer list presumably queries itself locally in a cluster
 *   too (INFERRED); the other peers by their address as written in the Peer list;
 * - alarm records: one per alarm type of the twin's catalog (the product lists its 288); `solution_links`
 *   and `parameters` are `"[]"` (the twin keeps no links); `status` is `raised` or `lowered` (no acknowledgement);
 * - resourceusage: calls and TURN relays are truthfully 0 (the twin places none); registrations give
 *   the `_current` counters only (peaks and totals are not modelled and left out), the room/desktop split
 *   as the status model's ResourceUsage (`ENDPOINT_CLASS`);
 * - calls: the twin places no calls, so every call resource has no records.
 */
import { ALARMS, type AlarmDefinition, type Twin } from '../../twin.js';
import { ENDPOINT_CLASS } from '../status/resourceUsage.js';
import type { RestReply } from './restCommon.js';

export interface PeerEnvelope {
  readonly peer: string;
  readonly local_peer: boolean;
  readonly num_recs: number;
  readonly records: readonly unknown[];
}

/** The address the asked peer reports for itself (MTG capture). */
export const LOCAL_PEER = '127.0.0.1';

const CALL_RESOURCE = /^call\/call(?:\/active\/(?:true|false)|\/uuid\/[^/]+)?$/;

/** Records of one peer for a resource, or undefined for a resource the twin does not serve. */
function recordsFor(resource: string): ((twin: Twin, name: string) => unknown[]) | undefined {
  if (resource === 'alarm') return alarmRecords;
  if (resource === 'resourceusage') return (twin, name) => [resourceUsageRecord(twin.observe(name).registrations)];
  if (CALL_RESOURCE.test(resource)) return () => [];
  return undefined;
}

export function managementStatus(twin: Twin, peer: string, resource: string): RestReply | undefined {
  const build = recordsFor(resource.replace(/\/+$/, ''));
  if (build === undefined) return undefined;
  const envelopes: PeerEnvelope[] = envelopePeers(twin, peer).map(({ name, address, local }) => {
    const records = build(twin, name);
    return { peer: address, local_peer: local, num_recs: records.length, records };
  });
  return { status: 200, json: envelopes };
}

/** The peers whose objects the asked peer can give: itself and the listed peers it sees Active. */
export function envelopePeers(twin: Twin, peer: string): { name: string; address: string; local: boolean }[] {
  const o = twin.observe(peer);
  const listed = o.clustering.entries.filter((e) => e.address !== '');
  if (!o.clustering.configured || listed.length === 0) return [{ name: peer, address: LOCAL_PEER, local: true }];
  const out: { name: string; address: string; local: boolean }[] = [];
  for (const e of listed) {
    if (e.status === 'This system') out.push({ name: peer, address: LOCAL_PEER, local: true });
    else if (e.status === 'Active') {
      const name = twin.peerNames().find((n) => twin.observe(n).clustering.entries.some((x) => x.status === 'This system' && x.address === e.address));
      if (name !== undefined) out.push({ name, address: e.address, local: false });
    }
  }
  return out;
}

function alarmRecords(twin: Twin, name: string): unknown[] {
  const history = new Map<string, { first: number; last: number; count: number }>();
  for (const e of twin.events()) {
    if (e.source !== name || e.kind !== 'alarm.raise') continue;
    const uuid = UUID_OF_KEY.get(String(e.data.key));
    if (uuid === undefined) continue;
    const h = history.get(uuid);
    if (h === undefined) history.set(uuid, { first: e.atMs, last: e.atMs, count: 1 });
    else history.set(uuid, { first: h.first, last: e.atMs, count: h.count + 1 });
  }
  const raised = new Set(twin.observe(name).alarms.map((a) => UUID_OF_KEY.get(a.key)));
  const epochMs = twin.logClock.epochUtcMs;
  const seconds = (ms: number) => Math.floor((epochMs + ms) / 1000);
  return ALARM_TYPES.map((def) => {
    const h = history.get(def.uuid);
    return {
      uuid: def.uuid, solution_links: '[]', severity: def.severity, id: def.shownId, status: raised.has(def.uuid) ? 'raised' : 'lowered',
      first_raised: h ? seconds(h.first) : 0, last_raised: h ? seconds(h.last) : 0, total_count: h?.count ?? 0, parameters: '[]',
    };
  });
}

/** One record per alarm type: catalog rows sharing a UUID are one type (DOMAIN §7.3). */
const ALARM_TYPES: readonly AlarmDefinition[] = ALARMS.filter((d, i) => ALARMS.findIndex((x) => x.uuid === d.uuid) === i);
const UUID_OF_KEY: ReadonlyMap<string, string> = new Map(ALARMS.map((d) => [d.key, d.uuid]));

const CALL_GROUPS = ['nontraversal', 'traversal', 'collabedge', 'cloud'] as const;
const MEDIA = ['video', 'audio'] as const;
const COUNTERS = ['current', 'max', 'total'] as const;

function resourceUsageRecord(registrations: number): Record<string, string | number> {
  const record: Record<string, string | number> = { uuid: '' };
  for (const g of CALL_GROUPS) for (const m of MEDIA) for (const c of COUNTERS) record[`call_${g}_${m}_${c}`] = 0;
  for (const g of ['ms_content', 'ms_imp']) for (const c of COUNTERS) record[`call_${g}_${c}`] = 0;
  record.registration_current = registrations;
  record.tp_registration_current = ENDPOINT_CLASS === 'TPRoom' ? registrations : 0;
  record.user_registration_current = ENDPOINT_CLASS === 'UserDevice' ? registrations : 0;
  for (const c of COUNTERS) record[`turnrelay_${c}`] = 0;
  return record;
}
