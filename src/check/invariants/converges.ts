// Liveness: once faults heal and replication has had time, every joined subordinate holds the
// primary's replicated configuration (DOMAIN §5.4).
import { CONFIG_KEYS } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

const REPLICATED = CONFIG_KEYS.filter((k) => k.scope === 'replicated').map((k) => k.key);

export const converges: Invariant = {
  name: 'converges',
  class: 'liveness',
  description: "after faults heal, every joined subordinate's replicated configuration equals the primary's",
  check({ twin }) {
    const joined = twin.peerNames().map((n) => twin.observe(n)).filter((o) => o.clustering.joined && o.clustering.entries.some((e) => e.status && e.status !== 'This system'));
    const primaries = joined.filter((o) => o.clustering.isPrimary);
    if (joined.length === 0 || primaries.length !== 1) return HOLDS; // single-primary reports disagreement
    const primary = primaries[0]!;
    const diff = joined.filter((o) => o !== primary && o.clustering.primaryIndex === primary.clustering.primaryIndex)
      .flatMap((o) => REPLICATED.filter((k) => JSON.stringify(o.saved[k]) !== JSON.stringify(primary.saved[k])).map((k) => `${o.name}.${k}`));
    return diff.length === 0 ? HOLDS : broken(`not converged to ${primary.name}: ${diff.slice(0, 4).join(', ')}`);
  },
};
