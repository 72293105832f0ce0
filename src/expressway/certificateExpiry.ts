/**
 * Server certificate validity alarms (DOMAIN §7.2): 40069 "expires in <n> days" (Alert) while the
 * active server certificate nears its end, 40068 "expired or expires today" (Critical) from its last
 * day on. Pure functions of the certificate and the UTC time; the peer asks them at every boot and
 * again when the answer next changes (`nextCheckUtcMs`), so nothing ticks while nothing changes.
 */
import { DAY_MS } from '../../sim/index.js';
import type { Certificate } from './config/schema.js';
import { daysToExpiry } from './certificates.js';

/**
 * assumption (DOMAIN §7.2 gives the alarm, not when it starts): 40069 is raised from 30 days before
 * the certificate's end — the usual renewal notice; the product's lead time is NOT FOUND.
 */
export const CERTIFICATE_EXPIRY_WARNING_DAYS = 30;

export type CertificateExpiryAlarm =
  | { readonly key: 'server-certificate-expired' }
  | { readonly key: 'server-certificate-expiring'; readonly days: number };

/** Which validity alarm the certificate calls for now, if any ("today" = less than one day left). */
export function certificateExpiryAlarm(cert: Certificate | null, nowUtcMs: number): CertificateExpiryAlarm | undefined {
  if (cert === null) return undefined;
  const days = daysToExpiry(cert, nowUtcMs);
  if (days < 1) return { key: 'server-certificate-expired' };
  if (days <= CERTIFICATE_EXPIRY_WARNING_DAYS) return { key: 'server-certificate-expiring', days };
  return undefined;
}

/** When `certificateExpiryAlarm` next gives another answer (the next whole day to the end); undefined once expired. */
export function nextCheckUtcMs(cert: Certificate | null, nowUtcMs: number): number | undefined {
  if (cert === null) return undefined;
  const days = daysToExpiry(cert, nowUtcMs);
  if (days < 1) return undefined;
  const nextDays = days > CERTIFICATE_EXPIRY_WARNING_DAYS ? CERTIFICATE_EXPIRY_WARNING_DAYS : days - 1;
  // daysToExpiry floors: it reads `nextDays` from the first millisecond after notAfter − (nextDays + 1) days.
  return cert.notAfterMs - (nextDays + 1) * DAY_MS + 1;
}
