// Liveness: once the procedure ends, the joined peers agree on one configuration primary, and the
// peer at that index is the one that considers itself primary (DOMAIN §6.8).
import { broken, HOLDS, type Invariant } from './types.js';

export const singlePrimary: Invariant = {
  name: 'single-primary',
  class: 'liveness',
  description: 'exactly one configuration primary is agreed once the procedure ends',
  check({ twin }) {
    const joined = twin.peerNames().map((n) => twin.observe(n)).filter((o) => o.clustering.joined && o.clustering.entries.filter((e) => e.address).length > 1);
    if (joined.length === 0) return HOLDS;
    const views = new Set(joined.map((o) => o.clustering.primaryIndex));
    if (views.size > 1) return broken(`peers disagree on the primary: ${joined.map((o) => `${o.name}→${o.clustering.primaryIndex}`).join(', ')}`);
    const primaries = joined.filter((o) => o.clustering.isPrimary);
    return primaries.length === 1 ? HOLDS : broken(`${primaries.length} peers consider themselves primary`);
  },
};
