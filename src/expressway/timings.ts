/**
 * Every product timing the twin waits on, as one named constant with its source (STYLE R9).
 * Peer machines read these through named xstate delays; no other module holds a bare duration.
 * Values come from DOMAIN §12 (and the sections it cites); where DOMAIN says NOT FOUND the entry
 * says `assumption:`. Sub-second spacing *between lines of one log sequence* is not here: it is
 * part of each line template in logLines.ts, where it sits next to the seed line it reproduces.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../../sim/index.js';

export const TIMINGS = {
  // ── Lifecycle ────────────────────────────────────────────────────────────────────────────────
  /** Application restart ("Restart"): ≈3 min. DOMAIN §5.5, §12 [AG-MNT]. */
  restartDurationMs: 3 * MINUTE_MS,
  /** Full reboot (application + OS + hardware): ≈5 min. DOMAIN §5.5, §12 [AG-MNT]. */
  rebootDurationMs: 5 * MINUTE_MS,
  /**
   * Power-on of a powered-off peer until it runs. assumption: DOMAIN §12 gives no cold-boot figure;
   * a cold boot goes through the same OS + hardware start as a reboot, so it takes the reboot time.
   */
  bootDurationMs: 5 * MINUTE_MS,
  /** One restart in this many runs a disk check that can time the browser out. DOMAIN §6.14, §12 [AG-MNT]. */
  bootDiskCheckEveryRestarts: 30,
  /** Extra boot time when the disk check runs. assumption: NOT FOUND in DOMAIN §12; two minutes. */
  bootDiskCheckExtraMs: 2 * MINUTE_MS,
  /** Manual `factory-reset` script from the console: ≈20 min. DOMAIN §9.2, §12 [VM-TS]. */
  factoryResetScriptMs: 20 * MINUTE_MS,
  /**
   * Cluster-triggered factory reset that runs on the next restart (DOMAIN §9.1), until the peer boots
   * again. assumption: no duration in DOMAIN; it rebuilds from the same factory-reset image as the
   * script (§9.2), so it takes the script's ≈20 min (the restart itself is included).
   */
  factoryResetOnRestartMs: 20 * MINUTE_MS,
  /**
   * "Continue with upgrade" install (progress bar) before "Reboot system". assumption: NOT FOUND in
   * DOMAIN §6.14; ten minutes. The reboot that follows takes `rebootDurationMs`.
   */
  upgradeInstallMs: 10 * MINUTE_MS,

  // ── Configuration replication (DOMAIN §5.4, §11.2) ─────────────────────────────────────────
  /**
   * Period of the configuration copy from the primary: "approximately 2 minutes" [CG-FORM], [TN].
   * Conflict (DOMAIN §13): [AG-CLU] says a change may take "up to one minute" and legacy VCS polled
   * "approximately every minute" [VCS-X5]; that figure is `replicationPeriodLegacyMs`, a version choice.
   */
  replicationPeriodMs: 2 * MINUTE_MS,
  /** The ≈1 min period of the conflicting sources (DOMAIN §5.4, §13) — select per version. */
  replicationPeriodLegacyMs: 1 * MINUTE_MS,
  /** One periodic synchroniser run, first to last line: ~0.1 s (seed: 116 ms primary, 51 ms subordinate). DOMAIN §5.4, §12 [SEED]. */
  replicationRunDurationMs: 116,
  /**
   * A `clusterConfiguration` table change reaches the other peers through the distributed DB within
   * ~1 ms (seed: primary ,975 → subordinate ,976). DOMAIN §5.4 (INFERRED two-layer model) [SEED].
   */
  clusterTablePropagationMs: 1,
  /** Primary-change alarms ("Cluster primary mismatch", replication errors) clear after ≈2 min. DOMAIN §6.8, §12 [CG-CHG]. */
  primaryChangeClearMs: 2 * MINUTE_MS,
  /** Successful status after clustering changes: "about 5 minutes". DOMAIN §5.4, §12 [CG-TS], [TN]. */
  clusterChangeSettleMs: 5 * MINUTE_MS,
  /** Replace-peer settle: ≈5 min. DOMAIN §6.10, §12 [CG-CHG]. */
  replacePeerSettleMs: 5 * MINUTE_MS,
  /** Cluster alarms clear "typically within 10 minutes" after the last peer is upgraded. DOMAIN §6.14, §12 [AG-MNT]. */
  upgradeAlarmClearMs: 10 * MINUTE_MS,
  /** Wrong-order upgrade fixed by re-upgrading the primary: alarm clears "normally within ten minutes" … DOMAIN §6.17, §12 [CG-TS]. */
  reupgradeClearMinMs: 10 * MINUTE_MS,
  /** … and at most twenty minutes after the reboot. DOMAIN §6.17, §12 [CG-TS]. */
  reupgradeClearMaxMs: 20 * MINUTE_MS,
  /** A VM recreated inside a cluster shows normal status after ≈10 min. DOMAIN §5.4, §12 [VM-TS]. */
  recreatedVmSettleMs: 10 * MINUTE_MS,

  // ── Peer loss as the seed shows it (DOMAIN §10.2 B, §12) ───────────────────────────────────
  /**
   * `mnesia_down` → 20006 "Cluster database communication failure" raised. The seed measures 171 ms
   * (UTCTime ,353 → ,524; 170 ms after the "Failed connecting to node" line); DOMAIN §12 rounds it
   * to ≈0.17 s. 171 keeps the twin's lines byte-identical to the seed.
   */
  mnesiaDownTo20006Ms: 171,
  /** `mnesia_down` → 20004 "Cluster communication failure" raised: 418 ms (,353 → ,771). DOMAIN §10.2, §12 [SEED]. */
  mnesiaDownTo20004Ms: 418,
  /**
   * Spacing of RAS LRQ retransmits to a silent peer. The seed shows LRQ Retransmit at +0 s and +2 s,
   * then Timeout=True at +4 s (DOMAIN §10.2 B; §12 summarises "1–3 s") [SEED].
   */
  rasLrqRetransmitIntervalMs: 2 * SECOND_MS,
  /** Spacing of RAS SCI retransmits: Retransmit at +0 s and +4 s, Timeout=True at +8 s. DOMAIN §10.2 B [SEED]. */
  rasSciRetransmitIntervalMs: 4 * SECOND_MS,
  /** Retransmits logged per RAS request before its Timeout=True line: 2. DOMAIN §10.2 B [SEED]. */
  rasRetransmitCount: 2,
  /**
   * "External Server Communications Failure … gatekeeper timed out", counted from the first logged
   * retransmit (SCI at :53.871 → :58.871): ≈5 s. In the seed it is the same instant as the LRQ
   * Timeout=True line. DOMAIN §11.4, §12 [SEED].
   */
  gatekeeperTimeoutMs: 5 * SECOND_MS,
  /**
   * Period at which a peer queries the others over RAS (SCI/LRQ to UDP 1719). assumption: DOMAIN
   * §11.4 only says peers are "periodically queried"; 10 s puts the seed's first logged retransmit
   * ≈10.5 s after `mnesia_down` within one period.
   */
  rasPeerQueryPeriodMs: 10 * SECOND_MS,
  /** The peer name resolver queues its next run after a DNS failure: `Queue-Time-ms="300000"`. DOMAIN §11.3, §12 [SEED]. */
  peerNameDnsRetryMs: 300_000,
  /**
   * `mnesia_down` → the name resolver's "Triggering forced peer update … queueing next run" line:
   * 16 248 ms in the seed (,353 → :59,601). DOMAIN §10.2 B [SEED]. assumption: the delay is fixed.
   */
  peerLossToNameResolverRunMs: 16_248,

  // ── Configuration change → restart-required (DOMAIN §10.2 C, §12) ──────────────────────────
  /**
   * A cluster configuration change (e.g. TLS mode) → 20007 "Restart required" raised on every peer:
   * ≈0.2 s. The seed shows 225 ms on the primary and 170 ms on the subordinate (both counted from the
   * primary's table insert); 200 ms is DOMAIN §12's figure.
   */
  configChangeTo20007Ms: 200,

  // ── Licences, registrations, DNS (DOMAIN §2.3, §11.4, §12) ────────────────────────────────
  /** A lost peer's shareable licences stay in the pool for two weeks. DOMAIN §2.3, §12 [AG-LIC]. */
  lostPeerLicenceRetentionMs: 14 * DAY_MS,
  /** H.323 registration Time to live, default: 30 min. DOMAIN §3 R27, §11.4, §12 [AG-CLU]. */
  h323RegistrationTtlDefaultMs: 30 * MINUTE_MS,
  /** H.323 registration Time to live suggested for clusters: 60 s. DOMAIN §6.2, §12 [CG-FORM]. */
  h323RegistrationTtlSuggestedMs: 60 * SECOND_MS,
  /** Endpoint DNS SRV cache: ~24 h. DOMAIN §11.4, §12 [CG-CONN]. */
  endpointSrvCacheMs: 24 * HOUR_MS,
  /** Round-robin A-record TTL for cluster failover: ≤1 min. DOMAIN §11.4, §12 [CG-CONN]. */
  roundRobinDnsTtlMaxMs: 1 * MINUTE_MS,

  // ── Network limits (DOMAIN §3 R5, §12) ─────────────────────────────────────────────────────
  /** Maximum round-trip time between any two peers: 80 ms (a 40 ms hop). DOMAIN §3 R5, §12 [CG-REQ]. */
  peerRttMaxMs: 80,
} as const;

export type TimingName = keyof typeof TIMINGS;
