// Safety: a factory reset happens only where its trigger was met and not cancelled — every Peer N
// field cleared and saved, and the list not saved again since exactly as it was, same order (DOMAIN
// §5.1, §9.1) — replayed from the trace's configuration changes, independently of the twin's own
// trigger code. Each save is judged as a whole (its config.change events are consecutive, at one
// time, from one peer); a slot's old value is read from its change's `from`. Running the
// `factory-reset` script as root is a trigger of its own (DOMAIN §9.2).
import type { TraceEvent } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

const PEER_FIELD = /^Alternates Peer [1-6] Address$/;
/** a slot the trace has not shown yet (a list the topology built) */
const UNKNOWN = '?';

const isPeerChange = (e: TraceEvent | undefined): boolean => e?.kind === 'config.change' && PEER_FIELD.test(String(e.data.key));
const slotOf = (e: TraceEvent) => Number(/Peer (\d)/.exec(String(e.data.key))![1]) - 1;

export const noResetWithoutTrigger: Invariant = {
  name: 'no-reset-without-trigger',
  class: 'safety',
  description: 'a factory reset happens only after every Peer N field was cleared and saved (and not restored in the same order), or the factory-reset script ran',
  check({ run, runbook }) {
    const members = runbook.topology.cluster?.peers ?? [];
    /** the saved Peer N list per peer, as the trace tells it */
    const lists = new Map<string, string[]>();
    for (const p of runbook.topology.peers) lists.set(p.name, members.includes(p.name) ? members.map(() => UNKNOWN) : []);
    /** per peer with a pending reset: the list whose exact restore cancels it */
    const cancelledBy = new Map<string, string[]>();
    /** peers whose pending reset an exact restore cancelled (for the message) */
    const restored = new Set<string>();
    const scripted = new Set<string>();
    const events = run.events;
    for (let k = 0; k < events.length; k++) {
      const e = events[k]!;
      if (e.kind === 'peer.state' && e.data.state === 'factoryResetting' && e.data.cause === 'FACTORY_RESET') scripted.add(e.source);
      if (e.kind === 'peer.state' && e.data.state === 'poweredOff') scripted.delete(e.source); // a power cut abandons the script
      if (isPeerChange(e)) {
        // One save: this event and the Peer N changes right after it, same peer, same time.
        const save = [e];
        while (isPeerChange(events[k + 1]) && events[k + 1]!.source === e.source && events[k + 1]!.atMs === e.atMs) save.push(events[++k]!);
        const list = [...(lists.get(e.source) ?? [])];
        for (const c of save) list[slotOf(c)] = String(c.data.from ?? '');
        const before = [...list];
        for (const c of save) list[slotOf(c)] = String(c.data.to ?? '');
        lists.set(e.source, list);
        const pending = cancelledBy.get(e.source);
        if (list.every((a) => a === '')) {
          if (!pending && before.some((a) => a !== '')) cancelledBy.set(e.source, before);
        } else if (pending && sameList(list, pending)) {
          cancelledBy.delete(e.source);
          restored.add(e.source);
        }
        continue;
      }
      if (e.kind === 'peer.factory-reset') {
        const byScript = scripted.delete(e.source);
        if (e.data.ok !== true) continue;
        if (!byScript && !cancelledBy.has(e.source)) {
          const set = (lists.get(e.source) ?? []).some((a) => a !== '');
          return broken(restored.has(e.source)
            ? `${e.source} was factory reset although its Peer N list was restored as before`
            : set ? `${e.source} was factory reset with Peer N fields still set`
              : `${e.source} was factory reset with no trigger: no Peer N list was cleared and saved since its last reset or build`, [e]);
        }
        lists.set(e.source, []);
        cancelledBy.delete(e.source);
        restored.delete(e.source);
      }
    }
    return HOLDS;
  },
};

/** Same addresses in the same order; trailing empty slots do not count. */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  const trim = (l: readonly string[]) => l.join('|').replace(/\|+$/, '');
  return trim(a) === trim(b);
}
