// Safety: no peer loses its configuration to a factory reset the runbook does not intend (one it
// expects with `factoryReset: true`). A power cut between "clear every Peer N field" and "put them
// back" is the classic way to lose a peer (DOMAIN §9.1).
import { conditionList } from '../../runbook/conditions.js';
import { broken, HOLDS, type Invariant } from './types.js';

export const noUnplannedReset: Invariant = {
  name: 'no-unplanned-factory-reset',
  class: 'safety',
  description: 'no peer is factory reset unless the runbook expects it',
  check({ run, runbook }) {
    const intended = new Set<string>();
    for (const s of runbook.steps) {
      if (!('expect' in s)) continue;
      for (const c of conditionList(s.expect)) if ('factoryReset' in c && c.factoryReset) intended.add(c.peer);
    }
    const resets = run.events.filter((e) => e.kind === 'peer.factory-reset' && e.data.ok === true && !intended.has(e.source));
    return resets.length === 0 ? HOLDS : broken(`${resets.map((e) => e.source).join(', ')} factory reset without the runbook intending it`, resets);
  },
};
