/**
 * Certificates as the twin models them — names, issuer and validity, never key material — and the
 * checks TLS verification makes (DOMAIN §3 R16, §11.3): is the issuer in the trust store, is the
 * certificate within its validity window, does a configured peer address match its CN or a SAN.
 */
import type { Certificate } from './config/schema.js';

export type CertificateProblem = 'missing' | 'untrusted-issuer' | 'not-yet-valid' | 'expired' | 'name-mismatch';

/** Why `cert` does not identify `expectedName` for a verifier trusting `trustedCas` (empty = valid). */
export function certificateProblems(
  cert: Certificate | null,
  options: { trustedCas: readonly string[]; expectedName: string; nowUtcMs: number },
): CertificateProblem[] {
  if (!cert) return ['missing'];
  const problems: CertificateProblem[] = [];
  if (!options.trustedCas.includes(cert.issuer)) problems.push('untrusted-issuer');
  if (options.nowUtcMs < cert.notBeforeMs) problems.push('not-yet-valid');
  if (options.nowUtcMs > cert.notAfterMs) problems.push('expired');
  if (!certificateNames(cert).includes(options.expectedName.toLowerCase())) problems.push('name-mismatch');
  return problems;
}

/** The names a certificate vouches for: its CN and SANs, lower-case. */
export function certificateNames(cert: Certificate): string[] {
  return [cert.cn, ...cert.sans].map((n) => n.toLowerCase());
}

/** Days until expiry, for alarms 40068/40069 (negative when expired). */
export function daysToExpiry(cert: Certificate, nowUtcMs: number): number {
  return Math.floor((cert.notAfterMs - nowUtcMs) / 86_400_000);
}
