/**
 * Configuration replication from the configuration primary (DOMAIN §5.4, §11.2, §6.17). Every
 * `replicationPeriodMs` each joined peer runs the synchroniser and logs the seed's four lines; a
 * subordinate pulls the primary's replicated configuration over the database link and checks, in
 * order: versions (20008), who the primary is (20017, `primaryMismatch`), cluster settings (20012), itself in the list
 * (20015), the primary's key (manual synchronisation required — wrong upgrade order), conflicting
 * local changes (20011); then applies. `forceConfigUpdate` is `xCommand ForceConfigUpdate`.
 */
import type { Patch } from 'immer';
import {
  compareVersions, defaultConfig, featureKeySet, logLines, peerAddresses, PeerError, REPLICATED_KEYS, TIMINGS,
  type AlarmKey, type ConfigChange, type OptionKey, type TreeReader, type TreeWriter,
} from '../expressway/index.js';
import type { ReplicationContext } from './context.js';
import type { PeerLink } from './links.js';
import { PatchLog, replicatedDigest, syncFor, valuesAfter, type PatchLogState } from './patchLog.js';
import type { DbMessage, PullReply, PullRequest } from './protocol.js';
import { CLUSTER_TIMINGS } from './timings.js';
import type { ServiceTimer } from './serviceTimers.js';

/** Replication alarms a successful run clears (20017, primary disagreement, has its own rule: `primaryMismatch`). */
const REPLICATION_ALARMS: readonly AlarmKey[] = [
  'replication-upgrade-in-progress', 'replication-cluster-settings-mismatch',
  'replication-local-not-in-peer-list', 'replication-manual-sync-required', 'replication-manual-sync-conflict',
  'replication-primary-unreachable', 'replication-error', 'replication-missing-configuration-file',
];

export interface ReplicationState {
  readonly keyEpoch: number;
  readonly primaryKeyOk: boolean;
  readonly aheadOfPrimaryAtUpgrade: boolean;
  readonly generation: number;
  readonly syncedGeneration: number;
  readonly localDirty: readonly string[];
  readonly configFileMissing: boolean;
  readonly pullSawOtherPrimary: boolean;
  readonly requestId: number;
  /** the pull awaiting its reply, and the link it went on (by id) */
  readonly pending: { readonly id: number; readonly link: number } | null;
  readonly log: PatchLogState;
  readonly syncedVersion: number;
  readonly stats: { readonly patchPulls: number; readonly fullPulls: number };
}

export class Replication {
  /** this peer's configuration key generation, as primary (bumped by a re-upgrade) */
  keyEpoch = 1;
  /** the primary's key this subordinate can decrypt with; stale after upgrading ahead of the primary */
  private primaryKeyOk = true;
  /** set when an upgrade is staged while the primary (as its hello said) runs an older version */
  private aheadOfPrimaryAtUpgrade = false;
  /** as primary: bumped whenever replicated configuration changes */
  private generation = 1;
  /** as subordinate: the primary generation last applied, and replicated keys changed here since */
  private syncedGeneration = 0;
  private readonly localDirty = new Set<string>();
  /** the local configuration file is gone (the cluster database was purged) until ForceConfigUpdate */
  private configFileMissing = false;
  /** as subordinate: the last pull found the peer it calls primary not agreeing (20017) */
  private pullSawOtherPrimary = false;
  private requestId = 0;
  private pending: { id: number; link: PeerLink } | undefined;
  /** this peer's replicated-configuration history, which it answers pulls from as primary */
  private readonly log: PatchLog;
  /** as subordinate: the primary's log version last applied (0: none — the next pull is a full one) */
  private syncedVersion = 0;
  /** pulls applied from patches and from the whole configuration (what the twin shows, and tests read) */
  readonly stats = { patchPulls: 0, fullPulls: 0 };

  private readonly keyShare: ServiceTimer<undefined>;
  private readonly running: ServiceTimer<undefined>;
  private readonly pullTimeout: ServiceTimer<number>;

  constructor(private readonly node: ReplicationContext) {
    this.log = new PatchLog(node.peer.config.saved);
    this.keyShare = node.timer('cluster.replication.key-share', () => {
      for (const l of node.links.all) node.sendOnLink(l, { type: 'key-share', keyEpoch: this.keyEpoch });
    });
    this.running = node.timer('cluster.replication.run', () => this.run());
    this.pullTimeout = node.timer<number>('cluster.replication.pull-timeout', (id) => {
      if (this.pending?.id === id) {
        this.pending = undefined;
        this.fail('replication-primary-unreachable');
      }
    });
  }

  // ── Checkpoint (issue #15) ──────────────────────────────────────────────────────────────

  saveState(trees: TreeWriter): ReplicationState {
    return {
      keyEpoch: this.keyEpoch, primaryKeyOk: this.primaryKeyOk, aheadOfPrimaryAtUpgrade: this.aheadOfPrimaryAtUpgrade,
      generation: this.generation, syncedGeneration: this.syncedGeneration, localDirty: [...this.localDirty],
      configFileMissing: this.configFileMissing, pullSawOtherPrimary: this.pullSawOtherPrimary, requestId: this.requestId,
      pending: this.pending ? { id: this.pending.id, link: this.pending.link.id } : null,
      log: this.log.saveState(trees), syncedVersion: this.syncedVersion, stats: { ...this.stats },
    };
  }

  loadState(s: ReplicationState, trees: TreeReader): void {
    this.keyEpoch = s.keyEpoch;
    this.primaryKeyOk = s.primaryKeyOk;
    this.aheadOfPrimaryAtUpgrade = s.aheadOfPrimaryAtUpgrade;
    this.generation = s.generation;
    this.syncedGeneration = s.syncedGeneration;
    this.localDirty.clear();
    for (const k of s.localDirty) this.localDirty.add(k);
    this.configFileMissing = s.configFileMissing;
    this.pullSawOtherPrimary = s.pullSawOtherPrimary;
    this.requestId = s.requestId;
    const link = s.pending ? this.node.links.byId(s.pending.link) : undefined;
    this.pending = s.pending && link ? { id: s.pending.id, link } : undefined;
    this.log.loadState(s.log, trees);
    this.syncedVersion = s.syncedVersion;
    Object.assign(this.stats, s.stats);
  }

  /** Writes the patch log holds now (bounded by PATCH_LOG_MAX_ENTRIES). */
  get patchLogSize(): number {
    return this.log.size;
  }

  start(): void {
    const node = this.node;
    const upgrade = node.peer.system.lastUpgrade;
    const justUpgraded = upgrade !== undefined && upgrade.atMs === node.nowMs;
    // Upgraded while the primary still ran an older version: this peer holds a key the primary will
    // replace, so it cannot decrypt the primary's configuration afterwards (DOMAIN §6.14, §11.2).
    if (justUpgraded && !node.isPrimary && this.aheadOfPrimaryAtUpgrade) this.primaryKeyOk = false;
    this.aheadOfPrimaryAtUpgrade = false;
    if (justUpgraded && node.isPrimary && upgrade.from === upgrade.to) {
      // Re-upgrading the primary with the same package re-shares its key (DOMAIN §6.17 step 2).
      this.keyEpoch++;
      const delay = node.random.int(CLUSTER_TIMINGS.keyShareMinMs, CLUSTER_TIMINGS.keyShareMaxMs);
      this.keyShare.after(delay, undefined);
    }
    // A peer whose services (re)start resynchronises in full at its first pull (patchLog.ts).
    this.syncedVersion = 0;
    this.running.every(TIMINGS.replicationPeriodMs, undefined, node.nowMs + node.random.int(1, TIMINGS.replicationPeriodMs));
  }

  /** An upgrade was installed here (it runs after the reboot): note whether it jumps ahead of the primary. */
  noteUpgradeStaged(version: string): void {
    const node = this.node;
    // Only a live link says what the primary runs now: a hello from before its last reboot is stale.
    const link = node.links.at(node.primaryIndex);
    const primaryVersion = link?.db === 'up' ? link.remote?.version : undefined;
    this.aheadOfPrimaryAtUpgrade = !node.isPrimary && primaryVersion !== undefined && compareVersions(version, primaryVersion) > 0;
  }

  /** Every write to this peer's configuration, whatever its origin: the patch log follows it. */
  noteWrite(patches: readonly Patch[]): void {
    this.log.record(patches, this.node.peer.config.saved);
  }

  /** Track local edits of replicated keys (a subordinate's are overwritten, or conflict, DOMAIN §11.2). */
  noteLocalChange(changes: readonly ConfigChange[]): void {
    const replicated = changes.filter((c) => REPLICATED_KEYS.includes(c.key));
    if (replicated.length === 0) return;
    if (this.node.isPrimary) this.generation++;
    else for (const c of replicated) this.localDirty.add(c.key);
  }

  /** One synchroniser run (DOMAIN §10.2 A). */
  run(): void {
    const node = this.node;
    if (!node.joined || node.selfIndex === 0) return;
    const primary = node.primaryIndex;
    this.checkPrimaryAgreement();
    if (node.isPrimary) {
      // A primary replicates from no one: alarms raised while it was a subordinate (e.g. 20016 while
      // the old primary was off, DOMAIN §6.8) no longer apply; disagreement is 20017's business.
      for (const a of REPLICATION_ALARMS) node.peer.alarms.lower(a);
      this.logRun();
      return;
    }
    // assumption: after the local cluster database was purged a subordinate has no configuration
    // file to synchronise, and says so (20014) until ForceConfigUpdate rebuilds it (DOMAIN §7.1).
    if (this.configFileMissing) return this.fail('replication-missing-configuration-file');
    const link = node.links.at(primary);
    if (!link || link.db !== 'up') {
      this.fail('replication-primary-unreachable');
      return;
    }
    this.pull(link);
  }

  /** `clusterdb_destroy_and_purge_data.sh` ran on this peer: its configuration file is gone. */
  configurationPurged(): void {
    this.configFileMissing = true;
  }

  /**
   * A backup was restored here: the restore (factory reset + restore + restart) writes the
   * configuration file back, so the purge no longer leaves this peer without one (DOMAIN §6.16, §6.18 method 2).
   */
  configurationRestored(): void {
    this.configFileMissing = false;
    this.localDirty.clear();
    this.syncedGeneration = 0;
  }

  /**
   * xCommand ForceConfigUpdate: delete this peer's configuration and pull the primary's (DOMAIN §6.17).
   * The product does not refuse it on the primary: there the pull comes from the peer that was just
   * emptied, so nothing comes back, and the next replication copies the empty configuration to
   * every subordinate — "the cluster configuration would be lost". The twin lets the operator make
   * that mistake (the trap a lab teaches) and the armed-traps report names it.
   */
  forceConfigUpdate(): void {
    const node = this.node;
    if (!node.joined || node.selfIndex === 0) throw new PeerError('XTW_ERR_PEER_NOT_CLUSTERED');
    const defaults = defaultConfig();
    const emptied = Object.fromEntries(REPLICATED_KEYS.map((k) => [k, defaults[k] ?? null]));
    if (node.isPrimary) {
      // A new generation: every subordinate's next pull applies the emptied configuration.
      if (node.peer.applyReplicated(emptied).length > 0) this.generation++;
      return;
    }
    node.peer.applyReplicated(emptied);
    this.localDirty.clear();
    this.syncedGeneration = 0;
    this.syncedVersion = 0;
    this.configFileMissing = false;
    node.peer.alarms.lower('replication-manual-sync-conflict');
    node.peer.alarms.lower('replication-missing-configuration-file');
    const link = node.links.at(node.primaryIndex);
    if (link && link.db === 'up') this.pull(link);
    else this.fail('replication-primary-unreachable');
  }

  received(link: PeerLink, msg: DbMessage): void {
    const node = this.node;
    if (msg.type === 'pull') {
      node.sendOnLink(link, this.reply(msg, link));
    } else if (msg.type === 'pull-reply') {
      if (this.pending?.id !== msg.requestId) return;
      this.pending = undefined;
      this.apply(msg);
    } else if (msg.type === 'key-share') {
      this.primaryKeyOk = true;
    }
  }

  private pull(link: PeerLink): void {
    const id = ++this.requestId;
    this.pending = { id, link };
    this.node.sendOnLink(link, { type: 'pull', requestId: id, since: this.syncedVersion, digest: replicatedDigest(this.node.peer.config.saved) });
    this.pullTimeout.after(CLUSTER_TIMINGS.pullTimeoutMs, id);
  }

  /** Answer a pull: the patches since the subordinate's version when it holds exactly that version, else everything. */
  private reply(pull: PullRequest, link: PeerLink): PullReply {
    const node = this.node;
    const saved = node.peer.config.saved;
    const settings = node.clusterSettings;
    const sync = syncFor(this.log, pull, saved);
    this.log.acknowledge(link.address, pull.since, node.links.all.map((l) => l.address));
    return {
      type: 'pull-reply', requestId: pull.requestId, isPrimary: node.isPrimary, version: node.peer.system.version, primaryIndex: node.primaryIndex,
      peerList: peerAddresses(settings), clusterName: String(settings['Alternates Cluster Name']), ipVersion: String(settings['Alternates Cluster IPVersion']),
      generation: this.generation, keyEpoch: this.keyEpoch, featureKeys: featureKeySet(saved['Option Keys'] as readonly OptionKey[]),
      logVersion: this.log.version, sync,
    };
  }

  private apply(r: PullReply): void {
    const node = this.node;
    const settings = node.clusterSettings;
    const versionOrder = compareVersions(node.peer.system.version, r.version);
    // Peers on different versions do not replicate (DOMAIN §3 R3).
    if (versionOrder !== 0) return this.fail('replication-upgrade-in-progress');
    // The peer this peer's primary index points at must be the primary by its own list. The number
    // itself is not compared: the list is ordered, so the same peer may sit at another index in a
    // list typed in another order — that is the list's disagreement (20012), checked next.
    this.pullSawOtherPrimary = !r.isPrimary;
    this.primaryMismatch();
    if (this.pullSawOtherPrimary) return this.fail('cluster-primary-mismatch');
    const mine = peerAddresses(settings);
    if (mine.join('|') !== r.peerList.join('|') || String(settings['Alternates Cluster Name']) !== r.clusterName || String(settings['Alternates Cluster IPVersion']) !== r.ipVersion) {
      return this.fail('replication-cluster-settings-mismatch');
    }
    if (!r.peerList.some((a) => node.isSelf(a))) return this.fail('replication-local-not-in-peer-list');
    if (!this.primaryKeyOk) return this.fail('replication-manual-sync-required');
    if (this.localDirty.size > 0 && this.syncedGeneration !== 0 && r.generation !== this.syncedGeneration) {
      return this.fail('replication-manual-sync-conflict');
    }
    node.peer.applyReplicated(valuesAfter(r.sync, node.peer.config.saved));
    this.syncedVersion = r.logVersion;
    if (r.sync.kind === 'patches') this.stats.patchPulls++;
    else this.stats.fullPulls++;
    this.syncedGeneration = r.generation;
    this.localDirty.clear();
    // Feature option keys must match the primary's (DOMAIN §3 R15). The sources name no symptom;
    // assumption: the synchroniser reports a generic replication error (20009) while they differ.
    // Each alarm goes straight to its new state: one held by a lasting condition is not lowered
    // and raised again at every run (DOMAIN §7.3: raised when the condition starts, lowered when it ends).
    const features = featureKeySet(node.peer.config.saved['Option Keys'] as readonly OptionKey[]);
    const featuresDiffer = features.join('|') !== r.featureKeys.join('|');
    for (const a of REPLICATION_ALARMS) node.peer.alarms.set(a, a === 'replication-error' && featuresDiffer);
    node.trace.emit(node.host, 'cluster.replicated', { generation: r.generation });
    this.logRun();
  }

  /** Raise one replication alarm; the others are lowered so the page shows the current cause. */
  private fail(key: AlarmKey): void {
    const alarms = this.node.peer.alarms;
    for (const a of REPLICATION_ALARMS) if (a !== key && a !== 'replication-manual-sync-conflict') alarms.lower(a);
    // Another cause now stands in the way: the last pull's word on the primary no longer does.
    if (key !== 'cluster-primary-mismatch' && this.pullSawOtherPrimary) {
      this.pullSawOtherPrimary = false;
      this.primaryMismatch();
    }
    alarms.raise(key);
    this.node.trace.emit(this.node.host, 'cluster.replication.failed', { alarm: key });
  }

  /** Peers disagree about who the primary is (DOMAIN §6.8): mismatch alarm until all agree. */
  private checkPrimaryAgreement(): void {
    this.node.broadcastPrimaryView();
    if (this.node.isPrimary) this.pullSawOtherPrimary = false;
    this.primaryMismatch();
  }

  /**
   * 20017 (DOMAIN §7.1, §11.2): up while a linked peer names another primary, or the peer this
   * subordinate calls primary did not agree at the last pull — one alarm for both views, so it is
   * raised once while they disagree and lowered once when all agree.
   */
  private primaryMismatch(): void {
    const node = this.node;
    const mine = node.primaryFqdn();
    const viewsDiffer = node.links.all.some((l) => l.db === 'up' && l.primaryView !== undefined && !this.samePrimary(l, mine));
    node.peer.alarms.set('cluster-primary-mismatch', viewsDiffer || this.pullSawOtherPrimary);
  }

  /**
   * The peer on `link` means the same primary as this one: the same peer when both know which peer
   * their index points at (the list is ordered, so the same number in two orders names two peers,
   * DOMAIN §5.1, §11.2); otherwise the same index.
   */
  private samePrimary(link: PeerLink, mine: string | undefined): boolean {
    if (mine !== undefined && link.primaryViewFqdn !== undefined) return mine === link.primaryViewFqdn;
    return link.primaryView === this.node.primaryIndex;
  }

  private logRun(): void {
    const node = this.node;
    const peers = peerAddresses(node.clusterSettings).filter(Boolean).map((address) => {
      const link = node.links.withAddress(address);
      const ip = link?.resolution?.ok ? link.resolution.ip : node.isSelf(address) ? node.clusterIp : address;
      const hostName = link?.remote?.fqdn.split('.')[0] ?? (node.isSelf(address) ? node.peer.hostName : address);
      return { address: ip, hostName };
    });
    for (const line of logLines.replicationRunLines({
      atMs: node.nowMs, host: node.peer.hostName, peers, primaryIndex0: node.primaryIndex - 1, localIndex0: node.selfIndex - 1,
    })) node.log(line);
  }
}
