/**
 * The cluster wing's error catalog (STYLE R7). These are not refusals of bad input: a broken link
 * invariant is a bug of the twin, thrown from a cluster node's scheduled work, where the twin records
 * it as a model fault and halts (src/twin/modelFaults.ts) instead of running on in a state the
 * product could not be in.
 */
import { CatalogError } from '../../sim/index.js';

export const CLUSTER_ERRORS = {
  XTW_ERR_CLUSTER_LINK_STATE: 'peer link to {value} broke an invariant: {rule}',
} as const satisfies Record<`XTW_ERR_CLUSTER_${string}`, string>;

export type ClusterErrorCode = keyof typeof CLUSTER_ERRORS;

export class ClusterError extends CatalogError<ClusterErrorCode> {
  constructor(code: ClusterErrorCode, params: Record<string, unknown> = {}) {
    super(CLUSTER_ERRORS, code, params, { prefixCode: true, show: String });
    this.name = 'ClusterError';
  }
}
