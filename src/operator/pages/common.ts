/**
 * Pieces the admin-page view models share: alarm rows as Status > Alarms shows them, and the colour
 * ("tone") a status string is drawn in. Pure functions of an observation; no rendering.
 */
import { formatVirtualTime, type AlarmView } from '../../twin.js';

/** How a status string is drawn: DOMAIN §5.1 names green statuses and a blue "Certificate: Invalid …". */
export type Tone = 'green' | 'blue' | 'red' | 'grey' | 'none';

export interface AlarmRow {
  readonly key: string;
  readonly id: string;
  /** Title case, as the alarm table shows it ("Warning"); the log line says "warning" (DOMAIN §10.2). */
  readonly severity: string;
  readonly title: string;
  readonly description: string;
  /** "<Title>: <Description>", the display and log Detail text (DOMAIN §7.1) */
  readonly detail: string;
  readonly raisedAtMs: number;
  /** virtual time, "T+00:02:03.250" */
  readonly raised: string;
}

export function alarmRow(a: AlarmView): AlarmRow {
  const prefix = `${a.title}: `;
  return {
    key: a.key,
    id: a.id,
    severity: a.severity.charAt(0).toUpperCase() + a.severity.slice(1),
    title: a.title,
    description: a.detail.startsWith(prefix) ? a.detail.slice(prefix.length) : a.detail,
    detail: a.detail,
    raisedAtMs: a.raisedAtMs,
    raised: formatVirtualTime(a.raisedAtMs),
  };
}

/** Restart-required alarms (20007, 20020, 25010, 30025, 15028, … DOMAIN §5.5). */
export function isRestartAlarm(a: AlarmView): boolean {
  return a.key.startsWith('restart-required');
}

/** Per-peer clustering status colour: Active green, Failed red, Unknown grey (DOMAIN §5.1). */
export function statusTone(status: string): Tone {
  if (status === 'Active') return 'green';
  if (status === 'Failed') return 'red';
  if (status === 'Unknown') return 'grey';
  return 'none';
}

/** Certificate status colour: green when valid, blue "Certificate: Invalid …" (DOMAIN §5.1, §6.12). */
export function certificateTone(certificate: string): Tone {
  if (certificate === '') return 'none';
  return certificate.startsWith('Certificate: Invalid') ? 'blue' : 'green';
}
