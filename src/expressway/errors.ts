/**
 * The peer model's error catalog (STYLE R7): a rejected configuration write or operator request on
 * one peer. Codes are stable (`XTW_ERR_PEER_*`); the message is the product-style sentence the
 * operator sees and names the field and the offending value. A rejected write changes nothing.
 */
import { CatalogError } from '../../sim/index.js';

export const PEER_ERRORS = {
  XTW_ERR_PEER_UNKNOWN_KEY: 'Unknown configuration item: {key}',
  XTW_ERR_PEER_BAD_TYPE: '{label}: {value} is not a valid {@expected}',
  XTW_ERR_PEER_OUT_OF_RANGE: '{label}: {value} is out of range ({min}..{max})',
  XTW_ERR_PEER_BAD_ENUM: '{label}: {value} is not one of {values}',
  XTW_ERR_PEER_TOO_LONG: '{label}: value is longer than {max} characters',
  XTW_ERR_PEER_BAD_ADDRESS: '{label}: {value} is not a valid IP address or FQDN',
  XTW_ERR_PEER_BAD_IP: '{label}: {value} is not a valid IP{@family} address',
  XTW_ERR_PEER_BAD_PATTERN: '{label}: {value} must be {@pattern}',
  XTW_ERR_PEER_PEER_GAP: 'Peer addresses must be entered without gaps: Peer {n} is empty but a later peer is set',
  XTW_ERR_PEER_DUPLICATE_PEER: 'Peer {n} address {value} duplicates another peer address',
  XTW_ERR_PEER_TOO_MANY_PEERS: 'A cluster has at most 6 peers, got {value}',
  XTW_ERR_PEER_BAD_MAPPING: 'Cluster address mapping {value} must pair an FQDN with an IP address',
  XTW_ERR_PEER_NOT_RUNNING: 'The system is not running (state: {state})',
  XTW_ERR_PEER_NOT_CLUSTERED: 'This system is not part of a cluster',
  XTW_ERR_PEER_BAD_VERSION: 'Not a valid software version: {value}',
  XTW_ERR_PEER_DOWNGRADE: 'Downgrade from {from} to {value} is not supported',
  XTW_ERR_PEER_RESTORE_CLUSTERED: 'Restore is not possible on a clustered peer: remove it from the cluster first',
  XTW_ERR_PEER_RESTORE_VERSION: 'The backup was taken on {backup}; it can only be restored onto the same software version (this system runs {value})',
  XTW_ERR_PEER_NO_BACKUP: 'No backup named {value}',
  XTW_ERR_PEER_REDEPLOY_NOT_OFF: 'A fresh OVA is deployed on a VM that is powered off (this one is {state})',
} as const satisfies Record<`XTW_ERR_PEER_${string}`, string>;

export type PeerErrorCode = keyof typeof PEER_ERRORS;

export class PeerError extends CatalogError<PeerErrorCode> {
  constructor(code: PeerErrorCode, params: Record<string, unknown> = {}) {
    super(PEER_ERRORS, code, params, { prefixCode: false, show });
    this.name = 'PeerError';
  }
}

/** The product quotes a bad value in single quotes and lists choices with slashes; `{@…}` words are not values. */
function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return v.join('/');
  return String(v);
}
