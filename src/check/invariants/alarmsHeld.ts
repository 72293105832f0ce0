// Safety: an alarm whose condition lasts stays raised (DOMAIN §7.3: raised when the condition
// starts, lowered when it ends). The violation this catches is a peer that re-evaluates a lasting
// condition by clearing its alarms first: the alarm is lowered and raised again at the same instant
// with nothing in between on that peer but other alarm changes — the product's event log would show
// a lower/raise pair at every evaluation (every replication run, say). A lower and a raise that have
// a cause between them (a link came up, then the operator added a peer that is not reachable) are
// two conditions, one ending and one starting, and are left alone.
import type { TraceEvent } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

const isAlarm = (e: TraceEvent) => e.kind === 'alarm.raise' || e.kind === 'alarm.lower';
const keyOf = (e: TraceEvent) => (e.data as { key?: string }).key ?? '';

export const alarmsHeld: Invariant = {
  name: 'alarms-held',
  class: 'safety',
  description: 'no alarm is lowered and raised again with no cause in between while its condition lasts',
  check({ run }) {
    // Per peer: the alarms lowered since that peer's last event that was not an alarm change.
    const lowered = new Map<string, Map<string, TraceEvent>>();
    for (const e of run.events) {
      let mine = lowered.get(e.source);
      if (!isAlarm(e)) {
        mine?.clear();
        continue;
      }
      if (mine === undefined) lowered.set(e.source, (mine = new Map()));
      if (e.kind === 'alarm.lower') {
        mine.set(keyOf(e), e);
        continue;
      }
      const before = mine.get(keyOf(e));
      if (before !== undefined && before.atMs === e.atMs) {
        const { id } = e.data as { id?: string };
        return broken(`${e.source} lowered and raised ${id ?? ''} (${keyOf(e)}) again at the same instant, ${e.atMs} ms, with no cause in between`, [before, e]);
      }
    }
    return HOLDS;
  },
};
