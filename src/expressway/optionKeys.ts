/**
 * Option keys (DOMAIN §3 R15, §2.3): feature keys must be identical on every peer; licence keys
 * (rich media sessions, room and desktop registrations on Expressway; traversal and non-traversal
 * calls on VCS) may differ and are pooled across the cluster.
 */
import type { LicenceType, OptionKey } from './config/schema.js';

/** The feature keys, sorted: two peers agree when these lists are equal. */
export function featureKeySet(keys: readonly OptionKey[]): string[] {
  return keys.filter((k) => k.kind === 'feature').map((k) => k.description).sort();
}

/** Feature keys present on one side only. */
export function featureKeyDifference(a: readonly OptionKey[], b: readonly OptionKey[]): string[] {
  const x = new Set(featureKeySet(a));
  const y = new Set(featureKeySet(b));
  return [...featureKeySet(a).filter((k) => !y.has(k)), ...featureKeySet(b).filter((k) => !x.has(k))].sort();
}

/** Licence counts a peer contributes to the pool, by type. */
export function licenceCounts(keys: readonly OptionKey[]): Partial<Record<LicenceType, number>> {
  const out: Partial<Record<LicenceType, number>> = {};
  for (const k of keys) if (k.kind === 'licence' && k.licence) out[k.licence.type] = (out[k.licence.type] ?? 0) + k.licence.count;
  return out;
}
