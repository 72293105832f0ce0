// Safety: no configuration saved on the primary is lost — for every replicated key an operator saved
// on the final primary, the primary still holds the last value saved there (DOMAIN §6.17: only
// ForceConfigUpdate on a subordinate discards configuration, never on the primary).
import { CONFIG_KEYS } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

const REPLICATED = new Set(CONFIG_KEYS.filter((k) => k.scope === 'replicated').map((k) => k.key));

export const primaryConfigKept: Invariant = {
  name: 'primary-config-kept',
  class: 'safety',
  description: 'no configuration saved on the primary is lost',
  check({ run, twin }) {
    const primary = twin.peerNames().map((n) => twin.observe(n)).find((o) => o.clustering.joined && o.clustering.isPrimary);
    if (!primary) return HOLDS;
    const last = new Map<string, { value: unknown; atMs: number }>();
    for (const e of run.events) {
      if (e.source !== primary.name) continue;
      if (e.kind === 'peer.factory-reset') last.clear();
      if (e.kind !== 'config.change' || !REPLICATED.has(String(e.data.key))) continue;
      if (e.data.via === 'web' || e.data.via === 'cli') last.set(String(e.data.key), { value: e.data.to, atMs: e.atMs });
      else last.delete(String(e.data.key)); // replaced through replication: this peer was not primary then
    }
    for (const [key, { value, atMs }] of last) {
      if (JSON.stringify(primary.saved[key]) !== JSON.stringify(value)) {
        return broken(`${primary.name} lost ${key} = ${JSON.stringify(value)} saved at ${atMs} ms (now ${JSON.stringify(primary.saved[key])})`);
      }
    }
    return HOLDS;
  },
};
