// Safety: an alarm whose condition lasts stays raised (DOMAIN §7.3: raised when the condition
// starts, lowered when it ends). A peer that lowers an alarm and raises the same alarm again at the
// same virtual instant re-evaluated a lasting condition by clearing everything first: the product's
// event log would show a lower/raise pair at every evaluation (every replication run, say).
import type { TraceEvent } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

const keyOf = (e: TraceEvent) => `${e.source}\u0000${(e.data as { key?: string }).key ?? ''}`;

export const alarmsHeld: Invariant = {
  name: 'alarms-held',
  class: 'safety',
  description: 'no alarm is lowered and raised again at the same instant while its condition lasts',
  check({ run }) {
    const loweredAt = new Map<string, TraceEvent>();
    for (const e of run.events) {
      if (e.kind === 'alarm.lower') loweredAt.set(keyOf(e), e);
      else if (e.kind === 'alarm.raise') {
        const lowered = loweredAt.get(keyOf(e));
        if (lowered !== undefined && lowered.atMs === e.atMs) {
          const { id, key } = e.data as { id?: string; key?: string };
          return broken(`${e.source} lowered and raised ${id ?? ''} (${key ?? ''}) again at the same instant, ${e.atMs} ms`, [lowered, e]);
        }
      }
    }
    return HOLDS;
  },
};
