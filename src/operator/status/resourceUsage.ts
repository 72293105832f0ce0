/**
 * `ResourceUsage` in the product's layout (INTERFACES §2.4): the call groups with Current/Max/Total
 * and the registrations. The twin places no calls, so every call counter is truthfully 0.
 * Registrations: Current is the endpoints registered to this peer now; assumption: Max and Total
 * (peak and count since start) are not modelled and are left out rather than invented.
 * TPRoom / UserDevice (room and desktop registrations, read by Centreon's endpoints mode): assumption:
 * the twin does not tell room systems from desktop systems; its endpoints count as `ENDPOINT_CLASS`.
 * TURN relays: the twin relays no media, so 0 (INTERFACES §2.4 layout).
 */
import type { PeerObservation } from '../../twin.js';
import type { StatusRecord } from './tree.js';

const CALL_GROUPS = ['Traversal', 'NonTraversal', 'CollaborationEdge', 'Cloud', 'MicrosoftContent', 'MicrosoftIMP'] as const;

/** assumption: the class the twin's endpoints register as (room systems: endpoints registering directly to the Expressway). */
export const ENDPOINT_CLASS: 'TPRoom' | 'UserDevice' = 'TPRoom';

export function resourceUsageStatus(o: PeerObservation): StatusRecord {
  return {
    Calls: Object.fromEntries(CALL_GROUPS.map((g) => [g, { Current: 0, Max: 0, Total: 0 }])),
    Registrations: { Current: o.registrations },
    TPRoom: { Current: ENDPOINT_CLASS === 'TPRoom' ? o.registrations : 0 },
    UserDevice: { Current: ENDPOINT_CLASS === 'UserDevice' ? o.registrations : 0 },
    TURN: { Relays: { Current: 0, Max: 0, Total: 0 } },
  };
}
