// Safety: the cluster's capacity follows the four-peer rule (DOMAIN §2.1): peers add capacity up
// to four, the fifth and sixth add none, a small VM adds none. The expected figure is computed
// here from the per-node figure, not with the twin's cluster formula.
import { clusterCapacity, nodeCapacity, type Platform } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

export const capacityRule: Invariant = {
  name: 'capacity-four-peer-rule',
  class: 'safety',
  description: 'cluster capacity is min(peers, 4) × one node (× 1 for small VMs)',
  check({ runbook }) {
    const members = runbook.topology.cluster?.peers ?? [];
    if (members.length === 0) return HOLDS;
    const platforms = members.map((n) => (runbook.topology.peers.find((p) => p.name === n)?.platform ?? 'medium-vm') as Platform);
    if (new Set(platforms).size > 1) return HOLDS; // mixed platforms are refused by the requirements (R4)
    const node = nodeCapacity(platforms[0]!, 'X14');
    const factor = platforms[0] === 'small-vm' ? 1 : Math.min(members.length, 4);
    const got = clusterCapacity({ platforms, model: 'classic', release: 'X14' });
    return got.registrations === node.registrations * factor ? HOLDS : broken(`capacity of ${members.length} × ${platforms[0]} is ${got.registrations} registrations, expected ${node.registrations * factor}`);
  },
};
