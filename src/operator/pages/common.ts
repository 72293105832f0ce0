/**
 * Pieces the admin-page view models share: the alarm row type (the status model's alarm entry) and
 * the colour ("tone") a status string is drawn in. Pure functions of an observation; no rendering.
 */
import type { AlarmStatus } from '../status/alarms.js';

/** How a status string is drawn: DOMAIN §5.1 names green statuses and a blue "Certificate: Invalid …". */
export type Tone = 'green' | 'blue' | 'red' | 'grey' | 'none';

/** One alarm row of an admin page: the status model's alarm entry (src/operator/status/alarms.ts). */
export type AlarmRow = AlarmStatus;

/** Restart-required alarms (20007, 20020, 25010, 30025, 15028, … DOMAIN §5.5). */
export function isRestartAlarm(a: { readonly key: string }): boolean {
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
