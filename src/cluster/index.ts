/**
 * Between peers — the front door of src/cluster (STYLE R2): one `ClusterNode` per peer, reached
 * only through the simulated network; the link statuses the pages show; TLS checks; name rules.
 *
 * @example
 * const node = new ClusterNode(peer, { queue, net, dns, trace, random: rng.stream('cluster/expc01') });
 */
export { ClusterNode, CLUSTER_TABLE_KEYS } from './node.js';
export type { ClusterEnv, ClusterNodeState } from './node.js';
export { linkStatusWord, linkHealthy, statusWordExpiresAtMs } from './links.js';
export type { PeerLink, DbLinkState, RasState, LinkFailure } from './links.js';
export { tlsProblems, tlsAccepts } from './tls.js';
export type { TlsMode, TlsProblem } from './tls.js';
export { CLUSTER_DB_PORT, RAS_PORT } from './protocol.js';
export { CLUSTER_TIMINGS } from './timings.js';
export { EndpointPopulation, REREGISTRATION_WAVES } from './endpoints.js';
export type { EndpointOptions, EndpointsState } from './endpoints.js';
export type { LicenceView } from './licenceWatch.js';
