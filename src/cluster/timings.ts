/**
 * Cluster-layer waits the sources do not give (DOMAIN §13): each is an `assumption:` with the
 * reason for its value. Product timings with a source live in src/expressway/timings.ts.
 */
import { TIMINGS } from '../expressway/index.js';

export const CLUSTER_TIMINGS = {
  /** assumption: a failed cluster-database link is retried every 10 s (not documented; keeps the seed's loss sequence within one RAS period). */
  dbReconnectMs: 10_000,
  /**
   * assumption: a Peer N entry just saved shows "Unknown" on the Clustering page for its first 5 s
   * even when its link has already failed — the page a save returns to has no status for it yet;
   * "Failed" appears on a refresh (DOMAIN §5.1, §6.3 step 1; how long is not documented).
   */
  newEntryUnknownMs: 5_000,
  /** assumption: a replication pull unanswered for 5 s counts as "primary unreachable" (20016). */
  pullTimeoutMs: 5_000,
  /**
   * the re-shared key after a primary re-upgrade arrives so that alarms clear 10-20 min after its
   * reboot (DOMAIN §6.17, §12): a subordinate clears at its first replication run after the key
   * arrives, up to one period later — so the key arrives in [10 min, 20 min − one period].
   */
  keyShareMinMs: TIMINGS.reupgradeClearMinMs,
  keyShareMaxMs: TIMINGS.reupgradeClearMaxMs - TIMINGS.replicationPeriodMs,
  /**
   * assumption (DOMAIN §3 R20 "if others start first they *may* try to take control"): a subordinate
   * restarted into a cluster change before its primary was back waits this long for the primary's
   * database before starting the cluster database on its own (startOrder.ts). Subordinates restarted
   * (≈3 min) while the primary reboots (≈5 min) are up two minutes before it, so they do.
   */
  waitForPrimaryAtBootMs: 60_000,
} as const;
