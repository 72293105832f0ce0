/** Erlang process ids a peer's clusterdb logs with (fixed per role: the twin's PIDs are labels). */
export const PIDS = { cdb: '<0.159.0>', table: '<0.345.0>', alternates: '<0.557.0>', peerNameResolver: '<0.145.0>', alternatesManager: '<0.142.0>' } as const;
