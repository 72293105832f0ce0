/** What a twin is built from: its seed and topology, and how much of its history it keeps. */
import type { Seed } from '../../sim/index.js';
import type { Topology } from './topology.js';

export interface TwinOptions {
  seed: Seed;
  topology: Topology;
  /** record per-packet network events in the trace (off by default: they dominate long runs) */
  tracePackets?: boolean;
  /** record every log line in the trace too */
  traceLogs?: boolean;
  /** keep at most this many trace events in memory (older ones are dropped, still hashed) */
  traceKept?: number;
  /** keep at most this many log lines a peer (default LOG_LINES_KEPT) */
  logLinesKept?: number;
}
