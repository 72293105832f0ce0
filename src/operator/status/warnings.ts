/**
 * `Warnings`: the peer's active alarms in the product's layout (INTERFACES §2.4, §6.3):
 * `Warning[item]/{ID, Reason, State}` — ID is the alarm type's UUID, Reason `<Title> - <Description>`
 * (the log's Detail says `<Title>: <Description>`), no numeric id, severity or time. A twin-only alarm
 * (no product id, DOMAIN §7.1) shows its twin-made UUID marked "(twin)".
 */
import type { PeerObservation } from '../../twin.js';
import { alarmStatus } from './alarms.js';
import type { StatusRecord } from './tree.js';

export { WARNING_STATE } from './alarms.js';

export function warningsStatus(o: PeerObservation): StatusRecord {
  return { Warning: alarmStatus(o).map((a) => ({ ID: a.uuid, Reason: a.reason, State: a.state })) };
}
