/**
 * Status > Alarms as a view model (DOMAIN §7): one row per active alarm of the status model (the
 * entries `xStatus Warnings` renders) — id, severity, title, description and when it was raised — in the order the peer raised them, and whether the alarm
 * icon at the top right of every page is lit (DOMAIN §7.3 [AG-IF]).
 */
import type { PeerObservation } from '../../twin.js';
import { alarmStatus } from '../status/alarms.js';
import type { AlarmRow } from './common.js';

export type { AlarmRow } from './common.js';

export interface AlarmsPage {
  readonly title: 'Alarms';
  readonly peer: string;
  readonly rows: readonly AlarmRow[];
  readonly count: number;
  /** the system-alarm icon shows while any alarm is active */
  readonly iconVisible: boolean;
}

export function alarmsPage(o: PeerObservation): AlarmsPage {
  const rows = alarmStatus(o);
  return { title: 'Alarms', peer: o.name, rows, count: rows.length, iconVisible: rows.length > 0 };
}
