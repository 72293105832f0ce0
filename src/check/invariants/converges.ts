// Liveness: once faults heal and replication has had time, every joined subordinate holds the
// primary's replicated configuration (DOMAIN §5.4).
import { CONFIG_KEYS, peerListInForce } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

const REPLICATED = CONFIG_KEYS.filter((k) => k.scope === 'replicated').map((k) => k.key);

export const converges: Invariant = {
  name: 'converges',
  class: 'liveness',
  description: "after faults heal, every joined subordinate's replicated configuration equals the primary's",
  check({ twin }) {
    const joined = twin.peerNames().map((n) => twin.observe(n)).filter((o) => o.clustering.joined);
    // Each subordinate against the peer its own list names as primary (single-primary reports disagreement).
    for (const o of joined) {
      if (o.clustering.isPrimary) continue;
      const address = peerListInForce(o)[o.clustering.primaryIndex - 1]?.toLowerCase();
      const primary = joined.find((p) => p.clustering.isPrimary && (p.fqdn === address || p.active['Ethernet 1 IP V4 Address'] === address));
      if (!primary) continue;
      const diff = REPLICATED.filter((k) => JSON.stringify(o.saved[k]) !== JSON.stringify(primary.saved[k]));
      if (diff.length) return broken(`${o.name} has not converged to ${primary.name}: ${diff.slice(0, 4).join(', ')}`);
    }
    return HOLDS;
  },
};
