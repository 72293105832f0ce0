/**
 * The peer's active alarms as the status model holds them: one typed entry per alarm, from which
 * `xStatus Warnings` and the XML API render `Warning/{ID, Reason, State}` (INTERFACES §2.4, §6.3) and
 * the admin pages render their alarm rows (Status > Alarms, the database and restart pages). One
 * model, several renderings: a page and xStatus cannot disagree about which alarms are up.
 */
import { alarmDefinition, formatVirtualTime, TWIN_ID_MARK, type AlarmKey, type PeerObservation } from '../../twin.js';

/**
 * assumption: the twin has no alarm acknowledgement, so every alarm is `Unacknowledged` (the state the
 * captures show). The product numbers each Warning item itself (69, 89, 156 in one capture; how is
 * NOT FOUND); the twin numbers them 1, 2, … in the order they were raised.
 */
export const WARNING_STATE = 'Unacknowledged';

export interface AlarmStatus {
  readonly key: string;
  /** the id as shown: the product's, or a twin id marked "29902 (twin)" */
  readonly id: string;
  /** the alarm type's UUID as shown; a twin-made UUID (no product one) carries "(twin)" as well */
  readonly uuid: string;
  /** title case, as the alarm table shows it ("Warning"); the log line says "warning" (DOMAIN §10.2) */
  readonly severity: string;
  readonly title: string;
  readonly description: string;
  /** `<Title>: <Description>`, the Status > Alarms and log Detail text (DOMAIN §7.1) */
  readonly detail: string;
  /** `<Title> - <Description>`, the status document's Reason (INTERFACES §2.4) */
  readonly reason: string;
  readonly state: string;
  readonly raisedAtMs: number;
  /** virtual time, "T+00:02:03.250" */
  readonly raised: string;
}

export function alarmStatus(o: PeerObservation): AlarmStatus[] {
  return o.alarms.map((a) => {
    const def = alarmDefinition(a.key as AlarmKey);
    const prefix = `${a.title}: `;
    const description = a.detail.startsWith(prefix) ? a.detail.slice(prefix.length) : a.detail;
    return {
      key: a.key,
      id: a.shownId,
      uuid: def.idAssumed === true ? `${def.uuid} ${TWIN_ID_MARK}` : def.uuid,
      severity: a.severity.charAt(0).toUpperCase() + a.severity.slice(1),
      title: a.title,
      description,
      detail: a.detail,
      reason: a.detail.startsWith(prefix) ? `${a.title} - ${description}` : a.detail,
      state: WARNING_STATE,
      raisedAtMs: a.raisedAtMs,
      raised: formatVirtualTime(a.raisedAtMs),
    };
  });
}
