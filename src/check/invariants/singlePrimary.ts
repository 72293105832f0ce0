// Liveness: once the procedure ends, the peers of one cluster — joined peers that list each other —
// agree on one configuration primary, and exactly one of them considers itself primary
// (DOMAIN §6.8). A revived old primary that the others have removed is not in their cluster.
import type { PeerObservation } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

function addressesOf(o: PeerObservation): string[] {
  return [String(o.active['Ethernet 1 IP V4 Address'] ?? ''), o.fqdn.toLowerCase()].filter(Boolean);
}

function lists(a: PeerObservation, b: PeerObservation): boolean {
  const mine = a.clustering.entries.map((e) => e.address.toLowerCase());
  return addressesOf(b).some((x) => mine.includes(x));
}

export const singlePrimary: Invariant = {
  name: 'single-primary',
  class: 'liveness',
  description: 'exactly one configuration primary is agreed once the procedure ends',
  check({ twin }) {
    const joined = twin.peerNames().map((n) => twin.observe(n)).filter((o) => o.clustering.joined && o.clustering.entries.filter((e) => e.address).length > 1);
    // Clusters: connected components of "each lists the other".
    const seen = new Set<string>();
    for (const start of joined) {
      if (seen.has(start.name)) continue;
      const component: PeerObservation[] = [];
      const todo = [start];
      while (todo.length) {
        const o = todo.pop()!;
        if (seen.has(o.name)) continue;
        seen.add(o.name);
        component.push(o);
        for (const other of joined) if (!seen.has(other.name) && lists(o, other) && lists(other, o)) todo.push(other);
      }
      if (component.length < 2) continue;
      const views = new Set(component.map((o) => o.clustering.primaryIndex));
      if (views.size > 1) return broken(`peers disagree on the primary: ${component.map((o) => `${o.name}→${o.clustering.primaryIndex}`).join(', ')}`);
      const primaries = component.filter((o) => o.clustering.isPrimary);
      if (primaries.length !== 1) return broken(`${primaries.length} peers of ${component.map((o) => o.name).join(', ')} consider themselves primary`);
    }
    return HOLDS;
  },
};
