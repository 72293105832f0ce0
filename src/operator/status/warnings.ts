/**
 * `Warnings`: the peer's active alarms in the product's layout (INTERFACES §2.4, §6.3):
 * `Warning[item]/{ID, Reason, State}` — ID is the alarm type's UUID, Reason `<Title> - <Description>`
 * (the log's Detail says `<Title>: <Description>`), no numeric id, severity or time.
 */
import { alarmDefinition, type AlarmKey, type PeerObservation } from '../../twin.js';
import type { StatusRecord } from './tree.js';

/**
 * assumption: the twin has no alarm acknowledgement, so every alarm is `Unacknowledged` (the state the
 * captures show). The product numbers each Warning item itself (69, 89, 156 in one capture; how is
 * NOT FOUND); the twin numbers them 1, 2, … in the order they were raised.
 */
export const WARNING_STATE = 'Unacknowledged';

export function warningsStatus(o: PeerObservation): StatusRecord {
  return {
    Warning: o.alarms.map((a) => ({
      ID: alarmDefinition(a.key as AlarmKey).uuid,
      Reason: a.detail.startsWith(`${a.title}: `) ? `${a.title} - ${a.detail.slice(a.title.length + 2)}` : a.detail,
      State: WARNING_STATE,
    })),
  };
}
