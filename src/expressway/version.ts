/**
 * Software versions ("X14.3.1") and the upgrade rules of DOMAIN §6.14: no downgrades, pre-X8.11.4
 * systems go through X8.11.4 first, and the version milestones that change clustering behaviour
 * (DOMAIN §1: X8.11 per-peer keys, X12.6 factory reset wipes certificates, X14 system-key alarm).
 */
import { PeerError } from './errors.js';

export type Version = readonly [major: number, minor: number, patch: number];

const VERSION = /^X(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?$/i;

export function parseVersion(text: string): Version {
  const m = VERSION.exec(text.trim());
  if (!m) throw new PeerError('XTW_ERR_PEER_BAD_VERSION', { value: text });
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

export function isVersion(text: string): boolean {
  return VERSION.test(text.trim());
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

export function atLeast(version: string, floor: string): boolean {
  return compareVersions(version, floor) >= 0;
}

/** Reject an upgrade the product refuses (DOMAIN §6.14). */
export function checkUpgrade(from: string, to: string): void {
  parseVersion(to);
  if (compareVersions(to, from) < 0) throw new PeerError('XTW_ERR_PEER_DOWNGRADE', { from, value: to });
  if (!atLeast(from, 'X8.11.4') && compareVersions(to, 'X8.11.4') > 0) {
    throw new PeerError('XTW_ERR_PEER_BAD_VERSION', { value: `${to} (systems before X8.11.4 must upgrade to X8.11.4 first)` });
  }
}

/** Version milestones (DOMAIN §1). */
export const MILESTONES = {
  /** factory reset also removes server certificate, private key and CA trust store */
  factoryResetWipesCertificates: 'X12.6',
  /** "Failed to update key file" alarm and xCommand ForceSystemKeyUpdate */
  systemKeyAlarm: 'X14.0',
  /** unique encryption key per peer: wrong-order upgrades break replication */
  perPeerEncryptionKeys: 'X8.11',
  /** cluster capacity follows the N+1 model (n+1 peers give n× one node, at most 5×) instead of the four-peer rule (DOMAIN §2.1 [AG-CAP]) */
  nPlusOneCapacity: 'X14.2',
  /** the X15.x capacity table replaces the X14.0 one (DOMAIN §2.2) */
  x15CapacityTable: 'X15.0',
} as const;
