/**
 * The types around a peer: what the box is (its system facts), how it is built (spec and
 * environment), where a change came from, a backup, and who listens to its lifecycle and writes.
 */
import type { Patch } from 'immer';
import type { EventQueue, TraceSink } from '../../sim/index.js';
import type { Config } from './config/schema.js';
import type { ConfigChange, Edits } from './config/store.js';
import type { LogRecord } from './logLines.js';
import type { WebOrigin } from './logTemplates.js';
import type { LifecycleCause, LifecycleState } from './machine.js';
import type { PeerTraceKinds } from './traceKinds.js';
import type { Platform } from './capacity.js';

export type Product = 'expressway-c' | 'expressway-e';
export type Series = 'expressway' | 'expressway-select';

/** What the box is, as opposed to how it is configured. */
export interface PeerSystem {
  product: Product;
  series: Series;
  version: string;
  platform: Platform;
  serial: string;
  /** a package is in /mnt/harddisk/factory-reset/ (absent on a fresh OVA never upgraded, DOMAIN §9.3) */
  factoryResetImage: boolean;
  /** version installed by an upgrade and waiting for the next reboot */
  stagedVersion?: string;
  /** the last upgrade that took effect at a boot (a re-upgrade has from === to, DOMAIN §6.17) */
  lastUpgrade?: { from: string; to: string; atMs: number };
  /** system key file is inconsistent (40055, X14+, DOMAIN §6.19) */
  systemKeyInconsistent: boolean;
  /** the local cluster database is damaged: it stays failed across restarts until purged, restored or reset (DOMAIN §6.18) */
  databaseCorrupt?: boolean;
}

export interface PeerSpec {
  id: string;
  system: PeerSystem;
  config?: Edits;
  poweredOn?: boolean;
}

/** Where a configuration change came from: it decides the log lines. */
export type ChangeOrigin = { via: 'web'; web: WebOrigin } | { via: 'cli'; user: string } | { via: 'replication' } | { via: 'system' };

export interface Backup {
  readonly name: string;
  /** the hardware serial number of the box it was taken on (also in its file name, DOMAIN §6.16) */
  readonly serial: string;
  readonly version: string;
  readonly config: Config;
  readonly takenAtMs: number;
}

export interface PeerEnv {
  readonly queue: EventQueue;
  readonly trace: TraceSink<PeerTraceKinds>;
  /** Virtual time 0 as UTC milliseconds: certificate validity and log timestamps. */
  readonly epochUtcMs: number;
  /** Receives every log line this peer writes (possibly stamped a few ms ahead, as the seed spaces them). */
  readonly log: (record: LogRecord) => void;
  /**
   * Hears of an exception that stopped this peer's lifecycle actor (a model fault: the peer is
   * frozen from then on). Without it the peer journals a `crash` event and nothing more.
   */
  readonly onCrash?: (error: unknown) => void;
}

export type LifecycleListener = (state: LifecycleState, cause: LifecycleCause) => void;
/** Hears each write: its changes (read from `patches`) and immer's patches for the replicated configuration log. */
export type ConfigListener = (changes: readonly ConfigChange[], origin: ChangeOrigin, patches: readonly Patch[]) => void;
