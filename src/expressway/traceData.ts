/**
 * The data of a peer's lifecycle and alarm trace events. Both come from small fixed sets, so each
 * combination is one frozen object, shared by every event that carries it — and the trace stores a
 * recurring (source, kind, frozen data) entry once (sim/trace.ts), so these events cost it little
 * more than their times.
 */
import type { AlarmDefinition } from './alarms.js';
import type { LifecycleCause, LifecycleState } from './machine.js';
import type { PeerTraceKinds } from './traceKinds.js';

type StateData = PeerTraceKinds['peer.state'];
type AlarmData = PeerTraceKinds['alarm.raise'];

const LIFECYCLE: Record<string, Record<string, Record<string, StateData>>> = {};
const ALARM = new Map<AlarmDefinition, AlarmData>();

/** `peer.state` data: `{ state, from, cause }`. */
export function lifecycleTraceData(state: LifecycleState, from: LifecycleState, cause: LifecycleCause): StateData {
  const byFrom = (LIFECYCLE[state] ??= {});
  const byCause = (byFrom[from] ??= {});
  return (byCause[cause] ??= Object.freeze({ state, from, cause }));
}

/** `alarm.raise` / `alarm.lower` data: `{ key, id }`; `id` as surfaces show it (a twin id marked "(twin)"). */
export function alarmTraceData(def: AlarmDefinition): AlarmData {
  let data = ALARM.get(def);
  if (data === undefined) ALARM.set(def, (data = Object.freeze({ key: def.key, id: def.shownId })));
  return data;
}
