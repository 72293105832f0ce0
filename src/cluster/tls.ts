/**
 * TLS verification between peers (DOMAIN §6.13, §11.3). Permissive: certificates are not checked.
 * Enforcing: the presented certificate must be issued by a CA in the verifier's trust store, be
 * within its validity window, and name the configured Peer N address in its CN or a SAN; with the
 * cluster address mapping on, a SAN must equal the FQDN side and the connecting IP the IP side.
 */
import { certificateProblems, type AddressMapping, type Certificate, type CertificateProblem } from '../expressway/index.js';

export type TlsMode = 'Permissive' | 'Enforcing';

export type TlsProblem = CertificateProblem | 'mapping-ip-mismatch';

export interface TlsCheck {
  readonly certificate: Certificate | null;
  /** the Peer N address the verifier has configured for the other side */
  readonly configuredAddress: string;
  /** the IP the other side connected from (or was connected to) */
  readonly remoteIp: string;
  readonly trustedCas: readonly string[];
  readonly mappingOn: boolean;
  readonly mappings: readonly AddressMapping[];
  readonly nowUtcMs: number;
}

/** What is wrong with the other side's certificate, whatever the mode (the pages show it even when Permissive). */
export function tlsProblems(check: TlsCheck): TlsProblem[] {
  const problems: TlsProblem[] = certificateProblems(check.certificate, {
    trustedCas: check.trustedCas,
    expectedName: check.configuredAddress,
    nowUtcMs: check.nowUtcMs,
  });
  if (check.mappingOn) {
    const m = check.mappings.find((x) => x.fqdn === check.configuredAddress.toLowerCase());
    if (m && m.ip !== check.remoteIp) problems.push('mapping-ip-mismatch');
  }
  return problems;
}

/** Whether a link may form: Permissive accepts anything; Enforcing accepts only a clean certificate. */
export function tlsAccepts(mode: TlsMode, problems: readonly TlsProblem[]): boolean {
  return mode === 'Permissive' || problems.length === 0;
}
