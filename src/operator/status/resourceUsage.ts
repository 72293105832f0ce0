/**
 * `ResourceUsage` in the product's layout (INTERFACES §2.4): the call groups with Current/Max/Total
 * and the registrations. The twin places no calls, so every call counter is truthfully 0.
 * Registrations: Current is the endpoints registered to this peer now; assumption: Max and Total
 * (peak and count since start) are not modelled and are left out rather than invented.
 */
import type { PeerObservation } from '../../twin.js';
import type { StatusRecord } from './tree.js';

const CALL_GROUPS = ['Traversal', 'NonTraversal', 'CollaborationEdge', 'Cloud', 'MicrosoftContent', 'MicrosoftIMP'] as const;

export function resourceUsageStatus(o: PeerObservation): StatusRecord {
  return {
    Calls: Object.fromEntries(CALL_GROUPS.map((g) => [g, { Current: 0, Max: 0, Total: 0 }])),
    Registrations: { Current: o.registrations },
  };
}
