/**
 * What the cluster side of a peer (and the endpoint population) writes into the twin's journal
 * (issue #11 §4): each event kind with the type of its data. `source` is the peer's name.
 */
export interface ClusterTraceKinds {
  /** a database link to the Peer N entry `peer` (its address) came up, went down, or failed to connect */
  'cluster.link.up': { readonly peer: string };
  'cluster.link.down': { readonly peer: string };
  'cluster.link.failed': { readonly peer: string; readonly reason: string };
  /** an inbound database connection refused, and why */
  'cluster.db.reject': { readonly from: string; readonly reason: string };
  /** RAS gave up on the peer at `peer` (gatekeeper timeout) */
  'cluster.ras.dead': { readonly peer: string };
  'cluster.replicated': { readonly generation: number };
  'cluster.replication.failed': { readonly alarm: string };
  'endpoints.register': { readonly placed: number; readonly waiting: number };
}
