/**
 * `Zones`, `CDR` and `HTTPProxy` in the product's layout (INTERFACES §2.4, §7: the subtrees Centreon's
 * zones and http-proxy-stats modes and MTG's CDR check read). The twin models no call signalling, so:
 *
 * - Zones: DefaultZone and LocalZone with its three subzones (every system lists them, even
 *   standalone), Searches counters all 0 (no searches run), and one `Zone` per configured zone
 *   (`Zones Zone n Name`) with Name, Bandwidth, Status and Type. assumption: the twin models no zone
 *   signalling, so a configured zone reads `ZONE_STATUS`; the captured per-zone Peer/SIP detail is left out.
 * - CDR: Service `off` — the product's default (Call Detail Records Off, AG-LOG142; SXML `off`).
 * - HTTPProxy: Status `Inactive` — assumption: the twin models no HTTP proxy (SXML shows `Inactive`).
 */
import type { PeerObservation } from '../../twin.js';
import type { StatusRecord } from './tree.js';

/** assumption: a configured zone's status (zone signalling is not modelled); Centreon reads anything else as CRITICAL. */
export const ZONE_STATUS = 'Active';
export const CDR_SERVICE = 'off';
export const HTTP_PROXY_STATUS = 'Inactive';

const ZONE_SLOTS = [1, 2, 3, 4] as const;
const bandwidth = (): StatusRecord => ({ LocalUsage: 0, ClusterUsage: 0 });
const subZone = (name: string): StatusRecord => ({ Name: name, Bandwidth: bandwidth() });

export function zonesStatus(o: PeerObservation): StatusRecord {
  const zones = ZONE_SLOTS.map((n) => ({ name: String(o.saved[`Zones Zone ${n} Name`] ?? ''), type: String(o.saved[`Zones Zone ${n} Type`] ?? '') }))
    .filter((z) => z.name !== '');
  return {
    DefaultZone: subZone('DefaultZone'),
    LocalZone: { DefaultSubZone: subZone('DefaultSubZone'), TraversalSubZone: subZone('TraversalSubZone'), ClusterSubZone: subZone('ClusterSubZone') },
    Searches: { Current: 0, CurrentDirected: 0, Total: 0, Dropped: 0, MaxSubSearchExceeded: 0, MaxTargetsExceeded: 0 },
    Zone: zones.map((z) => ({ Name: z.name, Bandwidth: bandwidth(), Status: ZONE_STATUS, Type: z.type })),
  };
}

export function cdrStatus(): StatusRecord {
  return { Service: CDR_SERVICE };
}

export function httpProxyStatus(): StatusRecord {
  return { Status: HTTP_PROXY_STATUS };
}
