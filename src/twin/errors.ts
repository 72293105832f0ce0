/**
 * The twin façade's error catalog (STYLE R7): topologies that cannot exist and faults or actions
 * that name something unknown. Each message names the offending value.
 */
import { CatalogError } from '../../sim/index.js';

export const TWIN_ERRORS = {
  XTW_ERR_TWIN_NO_PEERS: 'a topology needs at least one peer',
  XTW_ERR_TWIN_TOO_MANY_PEERS: 'a cluster has at most 6 peers; the topology lists {value}',
  XTW_ERR_TWIN_DUPLICATE_PEER: 'peer name {value} is used twice',
  XTW_ERR_TWIN_DUPLICATE_ADDRESS: 'address {value} is assigned to both {a} and {b}',
  XTW_ERR_TWIN_UNKNOWN_PEER: 'unknown peer {value} (peers: {known})',
  XTW_ERR_TWIN_BAD_ADDRESS: '{field} of {peer}: {value} is not a valid IP address',
  XTW_ERR_TWIN_BAD_NAME: 'peer name {value} must be letters, digits and hyphens',
  XTW_ERR_TWIN_BAD_VERSION: 'peer {peer}: {value} is not a software version like X14.3.1',
  XTW_ERR_TWIN_BAD_CLUSTER: 'cluster: {value}',
  XTW_ERR_TWIN_BAD_FAULT: 'fault: {value}',
  XTW_ERR_TWIN_BAD_TIME: 'not a valid time: {value}',
  XTW_ERR_TWIN_UNKNOWN_FAULT: 'no active fault with id {value}',
  XTW_ERR_TWIN_BAD_CHECKPOINT: 'the checkpoint cannot be loaded: {value}',
  XTW_ERR_TWIN_UNKNOWN_SCHEDULE: 'no work named {value} is registered with onScheduled on this twin (registered: {known})',
} as const satisfies Record<`XTW_ERR_TWIN_${string}`, string>;

export type TwinErrorCode = keyof typeof TWIN_ERRORS;

export class TwinError extends CatalogError<TwinErrorCode> {
  constructor(code: TwinErrorCode, params: { value: unknown } & Record<string, unknown>) {
    super(TWIN_ERRORS, code, params, { prefixCode: true, show });
    this.name = 'TwinError';
  }
}

function show(v: unknown): string {
  if (Array.isArray(v)) return v.join(', ');
  return typeof v === 'string' ? v : JSON.stringify(v);
}
