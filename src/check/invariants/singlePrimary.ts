// Liveness: once the procedure ends, the peers of one cluster — joined peers that list each other —
// agree on one configuration primary, and exactly one of them considers itself primary
// (DOMAIN §6.8). A revived old primary that the others have removed is not in their cluster.
import { peerListInForce, type PeerObservation } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

function addressesOf(o: PeerObservation): string[] {
  return [String(o.active['Ethernet 1 IP V4 Address'] ?? ''), o.fqdn.toLowerCase()].filter(Boolean);
}

// The lists in force: a peer whose reset is armed with every entry cleared is still a member until it restarts (DOMAIN §9.1).
function lists(a: PeerObservation, b: PeerObservation): boolean {
  const mine = peerListInForce(a).map((x) => x.toLowerCase());
  return addressesOf(b).some((x) => mine.includes(x));
}

/** The peer of `peers` that `o`'s primary index points at in its list, or the entry's address when none. */
function primaryOf(o: PeerObservation, peers: readonly PeerObservation[]): string {
  const address = peerListInForce(o)[o.clustering.primaryIndex - 1]?.toLowerCase() ?? '';
  return peers.find((p) => addressesOf(p).includes(address))?.name ?? address;
}

export const singlePrimary: Invariant = {
  name: 'single-primary',
  class: 'liveness',
  description: 'exactly one configuration primary is agreed once the procedure ends',
  check({ twin }) {
    const joined = twin.peerNames().map((n) => twin.observe(n)).filter((o) => o.clustering.joined && peerListInForce(o).filter(Boolean).length > 1);
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
      // The primary is an index into each peer's own ordered list (DOMAIN §5.1): compare the peers
      // the indices point at, not the numbers (the same number in two orders names two peers).
      const views = new Set(component.map((o) => primaryOf(o, component)));
      if (views.size > 1) {
        const numbers = component.map((o) => `${o.name}→${o.clustering.primaryIndex}`).join(', ');
        return broken(`peers disagree on the primary: ${numbers} (pointing at ${component.map((o) => primaryOf(o, component)).join(', ')})`);
      }
      const primaries = component.filter((o) => o.clustering.isPrimary);
      if (primaries.length !== 1) return broken(`${primaries.length} peers of ${component.map((o) => o.name).join(', ')} consider themselves primary`);
    }
    return HOLDS;
  },
};
