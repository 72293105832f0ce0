/**
 * `xCommand DefaultValuesSet Level: <1..3>` (DOMAIN §8.3, §9.4): configuration back to defaults
 * without a reinstall. DOMAIN quotes only "L1 most items (except L2/L3 items); L2 also
 * remote-authentication items; L3 also all critical items" — which items are critical is NOT FOUND.
 *
 * assumption (DOMAIN §8.3), what each level keeps:
 *
 * | level | resets                         | keeps                                                      |
 * |-------|--------------------------------|------------------------------------------------------------|
 * | 1     | every item not listed below    | remote-authentication items and critical items             |
 * | 2     | level 1 + remote authentication| critical items                                             |
 * | 3     | everything                     | nothing                                                    |
 *
 * Remote-authentication items: the twin models none, so levels 1 and 2 reset the same keys.
 * Critical items — what keeps the box reachable, licensed and in its cluster: LAN1/LAN2 addressing,
 * gateway, dual-interface and static NAT settings, DNS servers, System host name and Domain name,
 * System name, HTTPS/SSH access and the admin/root passwords, option keys, server certificate and
 * trust store, and every System > Clustering field (so a level 1 or 2 reset never arms the
 * factory reset of DOMAIN §9.1; a level 3 reset clears the Peer list and does arm it).
 * Reset values are saved like any other write: restart-flagged keys wait for the next restart.
 */
import { CONFIG_KEYS, type ConfigValue, type PeerObservation } from '../../twin.js';

export type DefaultValuesLevel = 1 | 2 | 3;

/** assumption: the twin has no remote-authentication (LDAP/AD) settings yet; see the table above. */
export const REMOTE_AUTHENTICATION_KEYS: readonly string[] = [];

const CRITICAL_PREFIXES = ['Alternates ', 'Ethernet ', 'IP ', 'Administration ', 'Certificate ', 'Option Keys', 'SystemUnit Name'];

/** The critical items of the assumption table (kept by levels 1 and 2). */
export const CRITICAL_KEYS: readonly string[] = CONFIG_KEYS.map((s) => s.key).filter((k) => CRITICAL_PREFIXES.some((p) => k.startsWith(p)));

/** The keys a reset at `level` returns to their defaults. */
export function keysResetAt(level: DefaultValuesLevel): string[] {
  const kept = new Set(level === 3 ? [] : level === 2 ? CRITICAL_KEYS : [...CRITICAL_KEYS, ...REMOTE_AUTHENTICATION_KEYS]);
  return CONFIG_KEYS.map((s) => s.key).filter((k) => !kept.has(k));
}

/** The edits that reset `level` on a peer: only keys whose saved value is not already the default. */
export function defaultValuesEdits(o: PeerObservation, level: DefaultValuesLevel): Record<string, ConfigValue> {
  const reset = new Set(keysResetAt(level));
  const edits: Record<string, ConfigValue> = {};
  for (const s of CONFIG_KEYS) {
    if (reset.has(s.key) && JSON.stringify(o.saved[s.key] ?? null) !== JSON.stringify(s.default)) edits[s.key] = s.default;
  }
  return edits;
}
