/**
 * One virtual Expressway peer: its system facts (product, version, platform), its configuration
 * database, its alarms and event log, and its lifecycle actor. It owns what happens *inside* one
 * box — saving pages, pending values and restart-required alarms, restarts, factory reset, upgrade,
 * backup and restore, the system key. What happens *between* boxes is src/cluster's; it listens
 * through `onLifecycle` and `onConfigChange`.
 */
import { createActor, type Actor, type Snapshot } from 'xstate';
import type { EventHandler, EventId } from '../../sim/index.js';
import { AlarmBoard, type ActiveAlarm, type AlarmEvent } from './alarmBoard.js';
import type { AlarmKey } from './alarms.js';
import { ConfigStore, sameValue, type ConfigChange, type Edits, type SaveResult } from './config/store.js';
import { defaultConfig, peerAddresses, type Certificate, type Config } from './config/schema.js';
import { certificateExpiryAlarm, nextCheckUtcMs } from './certificateExpiry.js';
import { PeerError } from './errors.js';
import { configAfterFactoryReset, ResetTrigger } from './factoryReset.js';
import { configAfterFreshInstall, configAfterRestore, FRESH_INSTALL_KEEPS } from './restore.js';
import { alarmLoweredLine, alarmRaisedLine, tvcsEventLine, type LogRecord } from './logLines.js';
import { raisingAlarmLine } from './logTemplates.js';
import { configChangeLines } from './changeLines.js';
import { noParams } from './messages.js';
import { peerLifecycleMachine, SERVING_STATES, type LifecycleCause, type LifecycleEvent, type LifecycleHooks, type LifecycleState, type MachineEvent } from './machine.js';
import { LifecycleTimer } from './lifecycleTimer.js';
import type { PeerState, TreeReader, TreeWriter } from './checkpoint.js';
import { TIMINGS } from './timings.js';
import { testOnlyCrashPoint } from './testSeam.js';
import { alarmTraceData, lifecycleTraceData } from './traceData.js';
import { atLeast, checkUpgrade, MILESTONES } from './version.js';

export type { Product, Series, PeerSystem, PeerSpec, ChangeOrigin, Backup, PeerEnv, LifecycleListener, ConfigListener } from './peerTypes.js';
import type { PeerSystem, PeerSpec, ChangeOrigin, Backup, PeerEnv, LifecycleListener, ConfigListener } from './peerTypes.js';

/** Restart-required alarms and what raises them (DOMAIN §5.5). */
// A TLS verification change is a cluster configuration change: the seed raises 20007 for it, on the
// primary and the subordinate, and nothing else (DOMAIN §10.2 D/E) — 20020 is not raised (see its catalog row).
const CLUSTER_RESTART_ALARMS: readonly AlarmKey[] = ['restart-required-cluster-configuration'];
const OTHER_RESTART_ALARMS: readonly AlarmKey[] = ['restart-required-ip', 'restart-required-option-key', 'restart-required-server-certificate'];
const RESTART_ALARMS: readonly AlarmKey[] = [...CLUSTER_RESTART_ALARMS, ...OTHER_RESTART_ALARMS];
export class Peer {
  readonly id: string;
  readonly system: PeerSystem;
  readonly config: ConfigStore;
  readonly alarms: AlarmBoard;
  private actor: Actor<typeof peerLifecycleMachine>;
  private readonly lifecycleListeners: LifecycleListener[] = [];
  private readonly configListeners: ConfigListener[] = [];
  private readonly backups = new Map<string, Backup>();
  private stateValue: LifecycleState = 'poweredOff';
  /** Factory resets this peer finished (a condition asks "was it reset", long after the trace dropped the event). */
  private factoryResets = 0;
  private readonly resetTrigger = new ResetTrigger();
  /** the next server-certificate validity check (40068/40069), replaced at every boot */
  private certificateCheck: EventId | undefined;
  /** the end of the timed state the lifecycle is in (booting, restarting …) */
  private readonly lifecycleTimer: LifecycleTimer;
  private readonly clusterRestartAlarm: EventHandler<undefined>;
  private readonly certificateTimer: EventHandler<undefined>;
  /** nesting of `send` (an entry hook may send): the timer follows the machine once the outermost send settles */
  private sending = 0;

  constructor(spec: PeerSpec, private readonly env: PeerEnv) {
    this.id = spec.id;
    this.system = { ...spec.system };
    this.config = new ConfigStore(defaultConfig());
    if (spec.config) {
      this.config.save(spec.config);
      this.config.activate();
    }
    this.alarms = new AlarmBoard(env.queue, (event, alarm) => this.alarmChanged(event, alarm));
    // Pending work is named queue data (issue #15): `<peer>/peer.…` handlers, registered once here.
    const timerDone = env.queue.handler(`${spec.id}/peer.lifecycle.timer`, () => this.timerDone());
    this.clusterRestartAlarm = env.queue.handler(`${spec.id}/peer.alarms.cluster-restart`, () => this.refreshRestartAlarms(CLUSTER_RESTART_ALARMS));
    this.certificateTimer = env.queue.handler(`${spec.id}/peer.certificate.check`, () => this.checkCertificateExpiry());
    this.lifecycleTimer = new LifecycleTimer((delayMs) => timerDone.after(delayMs, undefined), (id) => env.queue.cancel(id));
    this.actor = this.startActor(spec.poweredOn ?? true);
  }

  private hooks(): LifecycleHooks {
    return { entered: (state, cause) => this.entered(state, cause), factoryResetArmed: () => this.factoryResetArmed() };
  }

  /** The lifecycle actor, new, or in a checkpoint's state (from `snapshot`: no entry hook runs). */
  private startActor(poweredOn: boolean, snapshot?: Snapshot<unknown>): Actor<typeof peerLifecycleMachine> {
    const actor = createActor(peerLifecycleMachine, { id: this.id, input: { poweredOn, hooks: this.hooks() }, ...(snapshot ? { snapshot } : {}) });
    // An action that throws stops the actor for good: whoever built the peer must hear of it (STYLE R5e, issue #11).
    actor.subscribe({ error: (err) => (this.env.onCrash ? this.env.onCrash(err) : this.env.trace.emit(this.id, 'crash', { error: String(err) })) });
    actor.start();
    return actor;
  }

  // ── Checkpoint (issue #15) ──────────────────────────────────────────────────────────────────

  /** This peer's state as plain JSON; its configuration trees go to `trees`. */
  saveState(trees: TreeWriter): PeerState {
    return {
      system: structuredClone(this.system), config: this.config.saveState(trees), alarms: this.alarms.saveState(),
      backups: [...this.backups.values()].map((b) => ({ name: b.name, serial: b.serial, version: b.version, config: trees.ref(b.config), takenAtMs: b.takenAtMs })),
      state: this.stateValue, factoryResets: this.factoryResets, resetCancelledBy: this.resetTrigger.cancelledBy ?? null,
      certificateCheck: this.certificateCheck ?? null, lifecycleTimer: this.lifecycleTimer.save(),
    };
  }

  /**
   * Take a checkpoint's state; the peer was built from the same spec. Nothing is announced (no
   * trace event, log line or listener call): the world it joins is loaded as a whole.
   */
  loadState(state: PeerState, trees: TreeReader): void {
    for (const k of Object.keys(this.system) as (keyof PeerSystem)[]) delete this.system[k];
    Object.assign(this.system, structuredClone(state.system));
    this.config.loadState(state.config, trees);
    this.alarms.loadState(state.alarms);
    this.backups.clear();
    for (const b of state.backups) this.backups.set(b.name, { name: b.name, serial: b.serial, version: b.version, config: trees.get(b.config), takenAtMs: b.takenAtMs });
    this.stateValue = state.state;
    this.factoryResets = state.factoryResets;
    this.resetTrigger.load(state.resetCancelledBy ?? undefined);
    this.certificateCheck = state.certificateCheck ?? undefined;
    this.lifecycleTimer.load(state.lifecycleTimer);
    this.actor.stop();
    const snapshot = peerLifecycleMachine.resolveState({ value: state.state, context: { hooks: this.hooks(), startRunning: true } });
    this.actor = this.startActor(true, snapshot);
  }

  // ── What the pages and the CLI read ─────────────────────────────────────────────────────────

  get state(): LifecycleState {
    return this.stateValue;
  }

  /** The application is up: it answers on the network and accepts configuration. */
  get serving(): boolean {
    return SERVING_STATES.has(this.stateValue);
  }

  get hostName(): string {
    return String(this.config.active['IP DNS Hostname'] || this.id);
  }

  get fqdn(): string {
    const domain = String(this.config.active['IP DNS Domain Name'] ?? '');
    return domain ? `${this.hostName}.${domain}` : this.hostName;
  }

  /** The pending-factory-reset banner shows (DOMAIN §5.1, §9.1). */
  factoryResetArmed(): boolean {
    return this.resetTrigger.armed;
  }

  /** UTC now, for certificate validity and log timestamps. */
  nowUtcMs(): number {
    return this.env.epochUtcMs + this.env.queue.nowMs;
  }

  onLifecycle(listener: LifecycleListener): void {
    this.lifecycleListeners.push(listener);
  }

  onConfigChange(listener: ConfigListener): void {
    this.configListeners.push(listener);
  }

  // ── What an operator does ────────────────────────────────────────────────────────────────────

  /** Save a page or an xConfiguration line: validate every edit, then apply all (or nothing). */
  save(edits: Edits, origin: ChangeOrigin): SaveResult {
    this.requireServing();
    const result = this.config.save(edits);
    this.afterChange(result, origin);
    return result;
  }

  /** Values pushed by the configuration primary (src/cluster): never validated twice. */
  applyReplicated(values: Readonly<Record<string, Config[string]>>): readonly ConfigChange[] {
    const result = this.config.applyReplicated(values);
    this.afterChange(result, { via: 'replication' });
    return result.changes;
  }

  /** Replace the whole configuration (ForceConfigUpdate pulls, restore). */
  replaceConfig(config: Config, origin: ChangeOrigin): void {
    this.afterChange(this.config.replaceAllWithPatches(config), origin);
  }

  /** Let saved values of `keys` act now, without a restart (the cluster layer decides when). */
  activateKeys(keys: readonly string[]): void {
    this.config.activateKeys(keys);
    this.resetTrigger.follow(this.config.saved, this.config.active);
    this.refreshRestartAlarms();
  }

  send(event: LifecycleEvent): void {
    this.deliver(event);
  }

  restart(): void {
    this.requireServing();
    this.log(tvcsEventLine({ atMs: this.env.queue.nowMs, host: this.hostName, event: 'Restart Requested', detail: 'Restart requested by admin' }));
    this.send({ type: 'RESTART' });
  }

  reboot(): void {
    this.requireServing();
    this.log(tvcsEventLine({ atMs: this.env.queue.nowMs, host: this.hostName, event: 'Reboot Requested', detail: 'Reboot requested by admin' }));
    this.send({ type: 'REBOOT' });
  }

  /**
   * Maintenance > Upgrade: upload and install a package (DOMAIN §6.14). The new version runs after
   * the next reboot; the package also lands in the factory-reset folder (DOMAIN §9.3 fix A).
   */
  upgrade(version: string): void {
    this.requireServing();
    checkUpgrade(this.system.stagedVersion ?? this.system.version, version);
    this.system.stagedVersion = version;
    this.system.factoryResetImage = true;
    this.log(tvcsEventLine({ atMs: this.env.queue.nowMs, host: this.hostName, event: 'Upgrade', detail: `Upgrade complete! The new software will be used on the next reboot (${version})` }));
    this.env.trace.emit(this.id, 'peer.upgrade.staged', { version });
  }

  /** Copy a package into /mnt/harddisk/factory-reset/ over SCP as root (DOMAIN §9.3 fix B). */
  placeFactoryResetImage(): void {
    this.system.factoryResetImage = true;
    this.env.trace.emit(this.id, 'peer.factory-reset-image', { present: true });
  }

  backup(name?: string): Backup {
    this.requireServing();
    const b: Backup = {
      name: name ?? `${this.system.version}_${this.system.serial}_${this.env.queue.nowMs}_backup.tar.gz.enc`,
      serial: this.system.serial,
      version: this.system.version,
      config: this.config.saved,
      takenAtMs: this.env.queue.nowMs,
    };
    this.backups.set(b.name, b);
    this.log(tvcsEventLine({ atMs: this.env.queue.nowMs, host: this.hostName, event: 'Completed System Backup', detail: b.name }));
    return b;
  }

  backupNames(): string[] {
    return [...this.backups.keys()];
  }

  /** A backup taken on this peer, by name or 'latest' (the most recent). */
  findBackup(name: string): Backup {
    const b = name === 'latest' ? [...this.backups.values()].at(-1) : this.backups.get(name);
    if (!b) throw new PeerError('XTW_ERR_PEER_NO_BACKUP', { value: name });
    return b;
  }

  /**
   * Restore a backup — taken here (by name, or 'latest') or, as `from`, on another box (DOMAIN §6.10):
   * refused on a clustered peer and across versions (DOMAIN §6.16); a box restoring another box's
   * backup keeps its own LAN1 addressing and option keys (restore.ts).
   */
  restore(name: string, from?: Backup): void {
    this.requireServing();
    const b = from ?? this.findBackup(name);
    if (peerAddresses(this.config.active).some(Boolean)) throw new PeerError('XTW_ERR_PEER_RESTORE_CLUSTERED');
    if (b.version !== this.system.version) throw new PeerError('XTW_ERR_PEER_RESTORE_VERSION', { backup: b.version, value: this.system.version });
    this.backups.set(b.name, b);
    this.system.databaseCorrupt = false;
    this.replaceConfig(b.serial === this.system.serial ? b.config : configAfterRestore(this.config.saved, b.config), { via: 'system' });
    this.log(tvcsEventLine({ atMs: this.env.queue.nowMs, host: this.hostName, event: 'System restore completed', detail: b.name }));
    this.send({ type: 'RESTART' });
  }

  /**
   * A fresh OVA deployed on this powered-off VM (DOMAIN §6.16 rebuild, VM-TS): a new serial number,
   * the same version, no package in the factory-reset folder (never upgraded, §9.3), a fresh
   * system's configuration (restore.ts); the backups the operator kept stay with the VM's name.
   */
  redeploy(serial: string): void {
    if (this.stateValue !== 'poweredOff') throw new PeerError('XTW_ERR_PEER_REDEPLOY_NOT_OFF', { state: this.stateValue });
    Object.assign(this.system, { serial, factoryResetImage: false, systemKeyInconsistent: false, databaseCorrupt: false });
    delete this.system.stagedVersion;
    delete this.system.lastUpgrade;
    this.alarms.clear();
    this.config.replaceAll(configAfterFreshInstall(this.config.saved));
    this.resetTrigger.follow(this.config.saved, this.config.active);
    this.env.trace.emit(this.id, 'peer.redeployed', { serial, version: this.system.version, kept: [...FRESH_INSTALL_KEEPS] });
  }

  /** xCommand ForceSystemKeyUpdate (X14+, DOMAIN §6.19). */
  forceSystemKeyUpdate(): void {
    this.requireServing();
    this.system.systemKeyInconsistent = false;
    this.refreshSystemKeyAlarm();
  }

  /** Raise the system-key alarm if the key file is inconsistent on a version that has it. */
  refreshSystemKeyAlarm(): void {
    this.alarms.set('key-file-update-failed', this.serving && this.system.systemKeyInconsistent && atLeast(this.system.version, MILESTONES.systemKeyAlarm));
  }

  /** Write one line to this peer's event log. */
  log(record: LogRecord): void {
    this.env.log(record);
  }

  // ── Inside ───────────────────────────────────────────────────────────────────────────────────

  private requireServing(): void {
    if (!this.serving) throw new PeerError('XTW_ERR_PEER_NOT_RUNNING', { state: this.stateValue });
  }

  /** After a write: the trigger, the change log lines (rendered from the write's patches), the listeners, the alarms. */
  private afterChange(write: SaveResult, origin: ChangeOrigin): void {
    const { changes, patches } = write;
    if (changes.length === 0) return;
    this.resetTrigger.follow(this.config.saved, this.config.active);
    const at = {
      atMs: this.env.queue.nowMs, host: this.hostName, fqdn: this.fqdn, received: origin.via === 'replication',
      ...(origin.via === 'web' ? { web: origin.web } : {}),
    };
    for (const c of changes) {
      this.env.trace.emit(this.id, 'config.change', { key: c.key, from: c.from, to: c.to, via: origin.via });
      for (const line of configChangeLines(c, at)) this.log(line);
    }
    // The cluster layer hears first: it may let a peer-list change act at once (no 20007 then).
    for (const l of this.configListeners) l(changes, origin, patches);
    // Other restart-required alarms show at once; a cluster configuration change raises 20007
    // ≈0.2 s later, after the change's own lines (DOMAIN §10.2 D/E, §12).
    this.refreshRestartAlarms(OTHER_RESTART_ALARMS);
    this.clusterRestartAlarm.after(TIMINGS.configChangeTo20007Ms, undefined);
    // Maintenance mode On raises 15015 at once; Off (or the restart that turns it off) lowers it (DOMAIN §6.20).
    this.alarms.set('maintenance-mode', this.config.active['Maintenance Mode'] === 'On');
  }

  private refreshRestartAlarms(keys: readonly AlarmKey[] = RESTART_ALARMS): void {
    const pending = this.config.pendingAlarms();
    for (const key of keys) this.alarms.set(key, pending.has(key as never));
  }

  private alarmChanged(event: AlarmEvent, alarm: ActiveAlarm): void {
    const at = this.env.queue.nowMs;
    const host = this.hostName;
    const params = noParams(alarm.params) ? undefined : alarm.params;
    const data = params === undefined || event === 'lower' ? alarmTraceData(alarm.def) : { ...alarmTraceData(alarm.def), detail: alarm.detail };
    this.env.trace.emit(this.id, event === 'raise' ? 'alarm.raise' : 'alarm.lower', data);
    if (event === 'raise') {
      // The management process's alarm manager writes its developer line first (the seed's 20007);
      // alarms raised by the alarm process go straight to the event (its 20004, 20006) (DOMAIN §10.2 C, D).
      if (alarm.def.process === 'management') this.log(raisingAlarmLine({ atMs: at, host, uuid: alarm.def.uuid, params }));
      this.log(alarmRaisedLine({ atMs: at, host, alarm: alarm.def, params }));
    } else {
      this.log(alarmLoweredLine({ atMs: at, host, alarm: alarm.def, params }));
    }
  }

  /** A timed state (booting, restarting …) ran its course. */
  private timerDone(): void {
    this.lifecycleTimer.fired();
    this.deliver({ type: 'TIMER' });
  }

  /** Hand an event to the machine; once the outermost one has settled, the timed state's timer follows. */
  private deliver(event: MachineEvent): void {
    this.sending++;
    try {
      this.actor.send(event);
    } finally {
      this.sending--;
    }
    if (this.sending === 0) this.lifecycleTimer.follow(this.stateValue);
  }

  private entered(state: LifecycleState, cause: LifecycleCause): void {
    this.lifecycleTimer.entered();
    const previous = this.stateValue;
    this.stateValue = state;
    this.env.trace.emit(this.id, 'peer.state', lifecycleTraceData(state, previous, cause));
    if (state === 'factoryResetting') this.startFactoryReset();
    if (state === 'databaseFailure' && cause === 'DATABASE_FAILED') this.system.databaseCorrupt = true;
    if (state === 'running' && cause === 'DATABASE_RECOVERED') this.system.databaseCorrupt = false;
    if (state === 'running' && previous !== 'databaseFailure') this.boot(previous);
    this.alarms.set('expressway-database-failure', state === 'databaseFailure');
    testOnlyCrashPoint(this.id, state, this.env.queue.nowMs);
    for (const l of this.lifecycleListeners) l(state, cause);
    // A damaged database is still damaged after a restart.
    if (state === 'running' && this.system.databaseCorrupt) this.send({ type: 'DATABASE_FAILED' });
  }

  /** Coming up: pending values act, staged software runs, maintenance mode ends (DOMAIN §5.5, §6.20). */
  private boot(previous: LifecycleState): void {
    const at = this.env.queue.nowMs;
    // Only the boot that ends a *failed* reset keeps everything pending (the trigger stays armed); a
    // later ordinary restart activates as usual even while 15013 is still shown.
    const resetFailed = previous === 'factoryResetting' && !this.finishFactoryReset();
    if (this.system.stagedVersion && previous !== 'restarting') {
      this.system.lastUpgrade = { from: this.system.version, to: this.system.stagedVersion, atMs: at };
      this.system.version = this.system.stagedVersion;
      delete this.system.stagedVersion;
    }
    if (!resetFailed) this.config.activate();
    this.resetTrigger.follow(this.config.saved, this.config.active);
    if (this.config.saved['Maintenance Mode'] === 'On') this.config.save({ 'Maintenance Mode': 'Off' });
    this.refreshRestartAlarms();
    this.refreshSystemKeyAlarm();
    this.checkCertificateExpiry();
    this.alarms.set('maintenance-mode', false);
    this.log(tvcsEventLine({ atMs: at, host: this.hostName, event: 'Application Start', detail: `Expressway ${this.system.version} started` }));
  }

  /** 40068/40069 for the active server certificate, now and whenever the days left next change (DOMAIN §7.2). */
  private checkCertificateExpiry(): void {
    if (this.certificateCheck !== undefined) this.env.queue.cancel(this.certificateCheck);
    this.certificateCheck = undefined;
    if (!this.serving) return; // a peer that is off checks again when it boots
    const cert = (this.config.active['Certificate Server'] ?? null) as Certificate | null;
    const now = this.nowUtcMs();
    const alarm = certificateExpiryAlarm(cert, now);
    if (alarm?.key === 'server-certificate-expiring') this.alarms.raiseOrUpdate(alarm.key, { n: alarm.days });
    else this.alarms.lower('server-certificate-expiring');
    this.alarms.set('server-certificate-expired', alarm?.key === 'server-certificate-expired');
    const next = nextCheckUtcMs(cert, now);
    if (next !== undefined) this.certificateCheck = this.certificateTimer.after(next - now, undefined);
  }

  private startFactoryReset(): void {
    this.alarms.lower('factory-reset-failed');
    this.alarms.raise('factory-reset-started');
  }

  /** Whether this peer has finished a factory reset since the run began. */
  get wasFactoryReset(): boolean {
    return this.factoryResets > 0;
  }

  /** DOMAIN §9.1, §9.3: wipe all but the kept keys — or fail on a fresh OVA with no reset image. */
  private finishFactoryReset(): boolean {
    this.alarms.lower('factory-reset-started');
    if (!this.system.factoryResetImage) {
      this.alarms.raise('factory-reset-failed');
      this.env.trace.emit(this.id, 'peer.factory-reset', { ok: false, reason: 'no image in /mnt/harddisk/factory-reset/' });
      return false;
    }
    this.system.databaseCorrupt = false;
    const after = configAfterFactoryReset(this.config.saved, this.system.version);
    this.alarms.clear();
    this.config.replaceAll(after);
    // What differs from a fresh system after the reset: checkers compare it with the documented set.
    const fresh = defaultConfig();
    const kept = Object.keys(after).filter((k) => !sameValue(after[k], fresh[k]));
    this.factoryResets++;
    this.env.trace.emit(this.id, 'peer.factory-reset', { ok: true, version: this.system.version, kept });
    return true;
  }
}
