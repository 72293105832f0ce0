/**
 * The certificate the per-peer HTTPS listeners present. A trainer may supply one (`--tls-cert`,
 * `--tls-key`, PEM); otherwise a self-signed one for 127.0.0.1/localhost is generated with the
 * `selfsigned` library (Node's crypto makes keys but not X.509 certificates, and shelling out to the
 * openssl CLI would tie the server to a tool a user's machine may lack) and kept beside the lab
 * database, so clients that pinned it (`curl --cacert`) still trust it after a restart.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { generate } from 'selfsigned';
import type { ServerErrorCode } from './errors.js';

export interface TlsIdentity {
  readonly cert: string;
  readonly key: string;
}

/** assumption: a generated certificate is valid for ten years — it only has to outlive a course. */
const GENERATED_VALIDITY_DAYS = 3650;

export async function tlsIdentity(options: { certFile?: string; keyFile?: string; keepAs?: string }): Promise<TlsIdentity> {
  if (options.certFile !== undefined || options.keyFile !== undefined) {
    if (options.certFile === undefined || options.keyFile === undefined) throw new TlsIdentityError('give both --tls-cert and --tls-key (PEM files), or neither');
    return usable({ cert: readFileSync(options.certFile, 'utf8'), key: readFileSync(options.keyFile, 'utf8') }, `${options.certFile} and ${options.keyFile}`);
  }
  const kept = options.keepAs;
  if (kept !== undefined && existsSync(`${kept}.cert.pem`) && existsSync(`${kept}.key.pem`)) {
    return usable({ cert: readFileSync(`${kept}.cert.pem`, 'utf8'), key: readFileSync(`${kept}.key.pem`, 'utf8') }, `${kept}.cert.pem and ${kept}.key.pem`);
  }
  const notBeforeDate = new Date();
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }, { name: 'organizationName', value: 'expressway-twin' }], {
    algorithm: 'sha256', keyType: 'ec', curve: 'P-256', notBeforeDate, notAfterDate: new Date(notBeforeDate.getTime() + GENERATED_VALIDITY_DAYS * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  if (kept !== undefined) {
    writeFileSync(`${kept}.key.pem`, pems.private, { mode: 0o600 });
    writeFileSync(`${kept}.cert.pem`, pems.cert);
  }
  return { cert: pems.cert, key: pems.private };
}

/** A certificate and key that cannot serve TLS (not PEM, or a key that is not the certificate's). */
export class TlsIdentityError extends Error {
  readonly code: ServerErrorCode = 'XTW_ERR_SERVER_TLS_IDENTITY';
}

/** The pair, once Node's TLS accepts it: a bad file is refused at start, not at the first peer listener. */
function usable(identity: TlsIdentity, where: string): TlsIdentity {
  try {
    createSecureContext({ cert: identity.cert, key: identity.key });
  } catch (e) {
    throw new TlsIdentityError(`${where} cannot serve TLS: ${(e as Error).message}`);
  }
  return identity;
}
