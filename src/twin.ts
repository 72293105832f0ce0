/**
 * The Twin: one simulated world — clock, seeded chance, network, DNS, peers and their cluster
 * nodes — and the one façade every front end uses (DESIGN layers). It applies operator requests to
 * a peer, injects and heals faults, advances virtual time, and hands up frozen observations, the
 * trace and each peer's log. Same seed + same topology + same calls ⇒ same trace hash.
 *
 * @example
 * const twin = createTwin({ seed: 42, topology });
 * twin.save('expc01', { 'Alternates Peer 2 Address': '10.0.0.12' }, { via: 'cli', user: 'admin' });
 * twin.advance(120_000);
 * twin.observe('expc01').clustering.entries;
 */
import { CatalogError, checkJson, Dns, EventQueue, Network, Rng, SimError, Trace, type EventHandler, type Json, type Seed, type TraceEvent, type TraceSink } from '../sim/index.js';
import { ClusterNode, EndpointPopulation } from './cluster/index.js';
import { Peer, type Backup, type ChangeOrigin, type Edits, type LogRecord, type SaveResult } from './expressway/index.js';
import { TwinError } from './twin/errors.js';
import { LogStore } from './twin/logStore.js';
import type { ClusterTraceKinds } from './cluster/traceKinds.js';
import type { PeerTraceKinds } from './expressway/traceKinds.js';
import { PACKET_KINDS, sinkOf, type TwinOwnTraceKinds, type TwinTraceKinds } from './twin/traceKinds.js';
import { ModelFaultError, modelFaultOf, type ModelFault, type ModelFaultSource } from './twin/modelFaults.js';
import { observationExpiresAtMs, observePeer, type PeerObservation } from './twin/observe.js';
import { checkTopology, TOPOLOGY_DEFAULTS, type Topology } from './twin/topology.js';
import { TrapWatch, type TrapWindow } from './twin/trapWatch.js';
import { buildDns, buildNetwork, epochUtcMs, peerSpec, serialFor } from './twin/world.js';
import { followLan1 } from './twin/lan1.js';
import { FaultBook, type ActiveFault, type LatencyFault } from './twin/faults.js';
import { loadWorld, saveWorld, type TwinCheckpoint, type WorldParts } from './twin/checkpoint.js';
import type { TwinOptions } from './twin/options.js';

export type { TwinOptions } from './twin/options.js';

export class Twin {
  readonly seed: Seed;
  readonly topology: Topology;
  // The kernel's parts stay inside: front ends use the verbs below (schedule, subscribe, note …).
  private readonly queue = new EventQueue();
  private readonly trace: Trace<TwinTraceKinds>;
  /** the journal as the writer of the twin's own kinds (and those `note`d from above) */
  private readonly own: TraceSink<TwinOwnTraceKinds>;
  private readonly rng: Rng;
  private readonly net: Network;
  private readonly dns: Dns;
  private readonly logs: LogStore;
  private readonly peers = new Map<string, Peer>();
  private readonly nodes = new Map<string, ClusterNode>();
  private readonly faults: FaultBook;
  private readonly endpoints: EndpointPopulation | undefined;
  private readonly observed = new Map<string, { stamp: string; observation: PeerObservation; expiresAtMs: number | undefined }>();
  /** Errors inside the model, in the order met; the first one halts the world (twin/modelFaults.ts). */
  private readonly faultLog: ModelFault[] = [];
  private readonly isFaulted = (): boolean => this.faultLog.length > 0;
  private readonly traps: TrapWatch;
  /** work the layers above schedule as data, by name (onScheduled) */
  private readonly scheduled = new Map<string, EventHandler<Json>>();

  constructor(private readonly options: TwinOptions) {
    checkTopology(options.topology);
    this.seed = options.seed;
    this.topology = options.topology;
    this.trace = new Trace(this.queue, {
      record: (k) => (options.tracePackets || !PACKET_KINDS.has(k)) && (options.traceLogs || k !== 'log'),
      ...(options.traceKept !== undefined ? { maxKept: options.traceKept } : {}),
    });
    this.rng = Rng.fromSeed(options.seed);
    this.own = sinkOf<TwinOwnTraceKinds>(this.trace);
    // The kernel writes its own kinds (net.*, dns.*), whose data the twin's schema leaves as the kernel's.
    const kernelTrace = this.trace as unknown as Trace;
    this.net = new Network({ queue: this.queue, rng: this.rng, trace: kernelTrace });
    this.dns = new Dns({ queue: this.queue, rng: this.rng, trace: kernelTrace });
    this.logs = new LogStore(this.queue, sinkOf<Pick<TwinOwnTraceKinds, 'log'>>(this.trace), {
      epochUtcMs: epochUtcMs(options.topology),
      utcOffsetMinutes: options.topology.utcOffsetMinutes ?? TOPOLOGY_DEFAULTS.utcOffsetMinutes,
    }, options.logLinesKept);
    buildNetwork(options.topology, this.net);
    buildDns(options.topology, this.dns);
    for (const p of options.topology.peers) {
      const peer = new Peer(peerSpec(p, options.topology), {
        queue: this.queue, trace: sinkOf<PeerTraceKinds>(this.trace), epochUtcMs: this.logs.clock.epochUtcMs, log: this.logs.sink(p.name),
        onCrash: (e) => this.recordFault(e, 'peer', p.name),
      });
      this.peers.set(p.name, peer);
      if (p.powered === false) this.net.setHostUp(p.name, false);
      peer.onLifecycle((state) => {
        this.net.setHostUp(p.name, state !== 'poweredOff');
        // Before the cluster node starts on it: the host answers on the LAN1 address the peer booted with (DOMAIN §6.9).
        if (state === 'running') followLan1(this.net, p.name, peer.config.active);
      });
      this.nodes.set(p.name, new ClusterNode(peer, { queue: this.queue, net: this.net, dns: this.dns, trace: sinkOf<ClusterTraceKinds>(this.trace), random: this.rng.stream(`cluster/${p.name}`), onFault: (e) => this.recordFault(e, 'cluster', p.name) }));
    }
    const ep = options.topology.endpoints;
    this.endpoints = ep && ep.count > 0
      ? new EndpointPopulation([...this.peers.values()], { count: ep.count, protocol: ep.protocol ?? 'h323' }, { queue: this.queue, trace: sinkOf<ClusterTraceKinds>(this.trace) })
      : undefined;
    this.faults = new FaultBook({
      net: this.net, dns: this.dns, own: this.own,
      checkPeer: (n) => void this.peer(n), powerOff: (n) => this.peer(n).send({ type: 'POWER_OFF' }),
      powerOnIfOff: (n) => {
        if (this.peer(n).state !== 'poweredOff') return;
        this.net.setHostUp(n, true);
        this.peer(n).send({ type: 'POWER_ON' });
      },
    });
    this.traps = new TrapWatch({ peerNames: () => this.peerNames(), observe: (n) => this.observe(n) }, this.queue, (l) => this.subscribe(l));
  }

  // ── Reading ───────────────────────────────────────────────────────────────────────────────

  get nowMs(): number {
    return this.queue.nowMs;
  }

  peerNames(): string[] {
    return [...this.peers.keys()];
  }

  observe(name: string): PeerObservation {
    // Nothing changes a peer without firing an event or writing the trace, so an observation
    // stays valid until one of those counters moves (waits poll this every virtual second) — or
    // until time alone changes a page word (a new Peer N entry's "Unknown", DOMAIN §5.1).
    const stamp = `${this.queue.fired}/${this.trace.count}`;
    const hit = this.observed.get(name);
    if (hit && hit.stamp === stamp && (hit.expiresAtMs === undefined || this.queue.nowMs < hit.expiresAtMs)) return hit.observation;
    const node = this.node(name);
    const observation = observePeer(node, this.endpoints?.on(name) ?? 0);
    this.observed.set(name, { stamp, observation, expiresAtMs: observationExpiresAtMs(node) });
    return observation;
  }

  logLines(name: string): string[] {
    return this.logs.formatted(this.peer(name).id);
  }

  /**
   * The peer's kept log records, oldest first, as the twin holds them (not a copy: read, never
   * change). A record, once filed, is never changed and stays the same object while kept — the lab
   * server stores each one once, as it is filed, instead of in every checkpoint (issue #15).
   */
  logRecords(name: string): readonly LogRecord[] {
    return this.logs.records(this.peer(name).id);
  }

  /** Whether the peer finished a factory reset in this run (the trace may have dropped that event). */
  wasFactoryReset(name: string): boolean {
    return this.peer(name).wasFactoryReset;
  }

  events(): readonly TraceEvent[] {
    return this.trace.all();
  }

  hash(): string {
    return this.trace.hash();
  }

  /** The peers' log clock: virtual time 0 as UTC, and the UTC offset their log lines are written in. */
  get logClock(): LogStore['clock'] {
    return this.logs.clock;
  }

  /** Called with every trace event from now on; returns the unsubscribe function. */
  subscribe(listener: (event: TraceEvent) => void): () => void {
    return this.trace.subscribe(listener);
  }

  /**
   * Called with each log line a peer writes from now on (peer name, the line as `logLines` gives it),
   * trace or not; returns the unsubscribe. For front ends that forward lines (remote syslog); a
   * listener must not change the world.
   */
  onLogLine(listener: (peer: string, line: string) => void): () => void {
    return this.logs.listen(listener);
  }

  /** Writes an event of a layer above the twin (a runbook step, say) into the journal, now; its kind and data follow the schema. */
  note<K extends keyof TwinOwnTraceKinds>(source: string, kind: K, data: TwinOwnTraceKinds[K]): void {
    this.own.emit(source, kind, data);
  }

  /** Endpoints that found no peer to register to (all down, full, or the cluster at capacity). */
  endpointsWaiting(): number {
    return this.endpoints?.waiting ?? 0;
  }

  /** The cluster's registration capacity by the four-peer rule (0 without endpoints). */
  registrationCapacity(): number {
    return this.endpoints?.capacity() ?? 0;
  }

  /** Latent dangers armed now (src/twin/traps.ts), each with when and by which trace event it armed. */
  armedTraps(): TrapWindow[] {
    return this.traps.armed();
  }

  /** Trap windows that closed but still count: a danger that was real for a while (catalog `exposure`). */
  trapExposures(): TrapWindow[] {
    return this.traps.closedExposures();
  }

  /** A fault the operator or a runbook injected, until healed. */
  activeFaults(): ActiveFault[] {
    return this.faults.list();
  }

  /** The world as plain JSON (issue #15): `restoreTwin(same options, it)` has the same state and future. */
  checkpoint(): TwinCheckpoint {
    return saveWorld(this.parts());
  }

  /** @internal Load a checkpoint into this freshly built twin (use `restoreTwin`). */
  loadCheckpoint(checkpoint: TwinCheckpoint): this {
    loadWorld(this.parts(), checkpoint);
    return this;
  }

  private parts(): WorldParts {
    const { options, queue, rng, trace, net, dns, peers, nodes, endpoints, faults, traps, logs, faultLog: modelFaults, observed } = this;
    return { options, queue, rng, trace, net, dns, peers, nodes, endpoints, faults, traps, logs, modelFaults, observed };
  }

  /** Errors met inside the model, oldest first: empty in a faithful world. After the first the twin is halted. */
  modelFaults(): readonly ModelFault[] {
    return this.faultLog;
  }

  // ── Time ──────────────────────────────────────────────────────────────────────────────────

  /** Let virtual time pass; stops at a model fault (and throws ModelFaultError). */
  advance(durationMs: number): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) throw new SimError('XTW_ERR_SIM_BAD_DELAY', { value: durationMs });
    this.change(() => this.queue.runUntilTrue(this.isFaulted, this.queue.nowMs + durationMs), 'kernel');
  }

  /** Run until `predicate` holds or `limitMs` of virtual time pass; true if it held. */
  runUntil(predicate: () => boolean, limitMs: number): boolean {
    return this.change(() => this.queue.runUntilTrue(() => this.isFaulted() || predicate(), this.queue.nowMs + limitMs), 'kernel');
  }

  /**
   * Names work a layer above schedules on the twin (a runbook's timeline faults): `schedule(atMs,
   * name, payload)` then calls `fn(payload)` at that time, as part of the world (an exception it
   * throws is a model fault). Pending work is data — the name and a JSON payload — so a checkpoint
   * keeps it (issue #15); a twin that loads one must have the same names registered first
   * (`restoreTwin`'s `prepare`). Each name once per twin.
   */
  onScheduled(name: string, fn: (payload: Json) => void): void {
    this.scheduled.set(name, this.queue.handler(`above/${name}`, fn));
  }

  /** Runs the work registered as `name` with `payload` (plain JSON) at virtual time `atMs` (not before now). Returns an id for `cancel`. */
  schedule(atMs: number, name: string, payload: Json): number {
    const handler = this.scheduled.get(name);
    if (!handler) throw new TwinError('XTW_ERR_TWIN_UNKNOWN_SCHEDULE', { value: name, known: [...this.scheduled.keys()] });
    return handler.at(atMs, checkJson(payload, `the payload of scheduled ${name}`));
  }

  /** Cancels a scheduled callback; false if it already ran or was cancelled. */
  cancel(id: number): boolean {
    return this.queue.cancel(id);
  }

  // ── One peer's surfaces (validated by the peer; errors are PeerErrors) ────────────────────

  save(name: string, edits: Edits, origin: ChangeOrigin): SaveResult {
    return this.change(() => this.peer(name).save(edits, origin));
  }

  restart(name: string): void {
    this.change(() => this.peer(name).restart());
  }

  reboot(name: string): void {
    this.change(() => this.peer(name).reboot());
  }

  powerOff(name: string): void {
    this.change(() => this.peer(name).send({ type: 'POWER_OFF' }));
  }

  powerOn(name: string): void {
    this.change(() => {
      this.net.setHostUp(name, true);
      this.peer(name).send({ type: 'POWER_ON' });
    });
  }

  upgrade(name: string, version: string): void {
    this.change(() => {
      this.peer(name).upgrade(version);
      this.node(name).replication.noteUpgradeStaged(version);
    });
  }

  /** xCommand ForceConfigUpdate; on the primary it empties the cluster's configuration (DOMAIN §6.17), and the traps report says so. */
  forceConfigUpdate(name: string): void {
    const node = this.node(name);
    const onPrimary = node.joined && node.isPrimary;
    this.change(() => node.replication.forceConfigUpdate());
    if (onPrimary) this.traps.notePrimaryWipe(name, this.nowMs, this.trace.count);
    else this.traps.noteRebuilt(name, this.nowMs, this.trace.count);
  }

  /** @returns false when it had no effect (run on a clustered node that has the alarm, DOMAIN §6.19) */
  forceSystemKeyUpdate(name: string): boolean {
    return this.change(() => this.node(name).forceSystemKeyUpdate());
  }

  backup(name: string): Backup {
    return this.change(() => this.peer(name).backup());
  }

  /** The backups kept for a peer (Maintenance > Backup and restore), oldest first. */
  backups(name: string): string[] {
    return this.peer(name).backupNames();
  }

  /** Restore a backup onto `name`: its own, or one taken on the box `from` (DOMAIN §6.10 configuration migration). */
  restore(name: string, backupName: string, from?: string): void {
    this.change(() => {
      this.peer(name).restore(backupName, from === undefined || from === name ? undefined : this.peer(from).findBackup(backupName));
      this.node(name).replication.configurationRestored();
    });
    this.traps.noteRebuilt(name, this.nowMs, this.trace.count);
  }

  /** A fresh OVA on the powered-off VM, with a new serial number (DOMAIN §6.16 rebuild): its configuration file is new. */
  redeploy(name: string): void {
    this.change(() => (this.peer(name).redeploy(serialFor(`${name}@${this.nowMs}`)), this.node(name).replication.configurationRestored()));
  }

  /** Root: copy the upgrade package into /mnt/harddisk/factory-reset/ (DOMAIN §9.3 fix B). */
  placeFactoryResetImage(name: string): void {
    this.change(() => this.peer(name).placeFactoryResetImage());
  }

  /** Root: the `factory-reset` script (DOMAIN §9.2). */
  factoryReset(name: string): void {
    this.change(() => this.peer(name).send({ type: 'FACTORY_RESET' }));
  }

  /** The cluster database on a peer fails (DOMAIN §6.18): a fault, not an operator action. */
  failDatabase(name: string): void {
    this.change(() => this.peer(name).send({ type: 'DATABASE_FAILED' }));
  }

  /** Root: `clusterdb_destroy_and_purge_data.sh` (DOMAIN §6.18 method 2). */
  purgeClusterDatabase(name: string): void {
    this.change(() => {
      this.peer(name).send({ type: 'DATABASE_RECOVERED' });
      this.node(name).replication.configurationPurged();
    });
    if (this.peer(name).backupNames().length === 0) this.traps.notePurgeWithoutBackup(name, this.nowMs, this.trace.count);
  }

  // ── Faults: rules installed through handles; healing removes them (twin/faults.ts) ───────────

  partition(groupA: string[], groupB: string[], options: { oneWay?: boolean } = {}): ActiveFault {
    return this.change(() => this.faults.partition(groupA, groupB, options));
  }

  /** `latencyMsMean` is added each way; `rttMs` makes the path's round trip that (DOMAIN §3 R5). */
  latency(options: LatencyFault): ActiveFault {
    return this.change(() => this.faults.latency(options));
  }

  loss(options: { from?: string; to?: string; lossRatio: number }): ActiveFault {
    return this.change(() => this.faults.loss(options));
  }

  /** The peer loses power; healing the fault powers it back on (it boots as after any power cut). */
  powerLoss(name: string): ActiveFault {
    return this.change(() => this.faults.powerLoss(name));
  }

  nat(options: { inside: string[]; publicAddress: string }): ActiveFault {
    return this.change(() => this.faults.nat(options));
  }

  dnsFailure(options: { name: string; failure: 'nxdomain' | 'servfail' | 'timeout'; forHost?: string }): ActiveFault {
    return this.change(() => this.faults.dnsFailure(options));
  }

  /** The customer's DNS (not a peer setting): set or remove an A/AAAA record. */
  setDnsRecord(name: string, type: 'A' | 'AAAA', value: string | undefined): void {
    this.change(() => {
      if (value === undefined) this.dns.removeRecord(name, type);
      else this.dns.setRecord(name, type, [value]);
      this.own.emit('twin', 'dns.change', { name, type, value: value ?? null });
    });
  }

  heal(id?: number): void {
    this.change(() => this.faults.heal(id));
  }

  // ── Inside ────────────────────────────────────────────────────────────────────────────────

  /**
   * Every change to the world goes through here. A halted twin refuses it; a refusal (a catalog
   * error: the input was wrong, nothing changed) goes on as it is; any other exception, and any
   * model fault met on the way (an actor that stopped, a scheduled callback that threw), is
   * recorded and thrown as a ModelFaultError.
   */
  private change<T>(f: () => T, source: ModelFaultSource = 'action'): T {
    const first = this.faultLog[0];
    if (first) throw new ModelFaultError(first);
    let result: T;
    try {
      result = f();
    } catch (e) {
      // A refusal by the twin, a peer or the kernel comes before any change (their rule): it is the caller's.
      if (e instanceof ModelFaultError || (e instanceof CatalogError && source === 'action' && this.faultLog.length === 0)) throw e;
      // An exception that follows a fault is its consequence: the first fault is the one to report.
      if (this.faultLog.length === 0) this.recordFault(e, source);
    }
    const fault = this.faultLog[0];
    if (fault) throw new ModelFaultError(fault);
    return result!;
  }

  private recordFault(e: unknown, source: ModelFaultSource, peer?: string): void {
    const fault = modelFaultOf(e, this.queue.nowMs, source, peer);
    this.faultLog.push(fault);
    this.own.emit(peer ?? 'twin', 'twin.fault', { source, ...(fault.code ? { code: fault.code } : {}), message: fault.message });
  }

  private peer(name: string): Peer {
    const p = this.peers.get(name);
    if (!p) throw new TwinError('XTW_ERR_TWIN_UNKNOWN_PEER', { value: name, known: [...this.peers.keys()] });
    return p;
  }

  private node(name: string): ClusterNode {
    this.peer(name);
    return this.nodes.get(name)!;
  }
}

export function createTwin(options: TwinOptions): Twin {
  return new Twin(options);
}

/**
 * The twin a checkpoint describes, built from the options it was taken with (same topology and
 * seed); `prepare` registers what the layers above schedule on it (`onScheduled`) before it loads.
 */
export function restoreTwin(options: TwinOptions, checkpoint: TwinCheckpoint, prepare: (twin: Twin) => void = () => undefined): Twin {
  const twin = new Twin(options);
  prepare(twin);
  return twin.loadCheckpoint(checkpoint);
}

export { TwinError, TWIN_ERRORS, type TwinErrorCode } from './twin/errors.js';
export { TWIN_CHECKPOINT_FORMAT, type TwinCheckpoint } from './twin/checkpoint.js';
export type { ActiveFault, LatencyFault, TrapWindow };
export { ModelFaultError, faultPlace, faultText, type ModelFault, type ModelFaultSource } from './twin/modelFaults.js';
export { eventsOf, type TwinTraceKinds, type TwinOwnTraceKinds, type TwinTraceKind, type TwinEvent } from './twin/traceKinds.js';
export type { PeerTraceKinds, ClusterTraceKinds };
export { TOPOLOGY_DEFAULTS, checkTopology, type Topology, type PeerTopology, type ClusterTopology, type NicSpec, type CertificateSpec, type EndpointsTopology } from './twin/topology.js';
export { settingsInForce, peerListInForce, type PeerObservation, type PeerEntryView, type AlarmView } from './twin/observe.js';
export { TRAPS, trapKind, type TrapKind, type TrapId, type TrapFinding } from './twin/traps.js';
export {
  PeerError, CONFIG_KEYS, PEER_INDEXES, MAX_PEERS, MAX_SYSLOG_SERVERS, SNMP_MODES, SYSLOG_SEVERITIES, keySpec, peerAddressKey, TIMINGS, MESSAGES, message, ALARMS, alarmDefinition, TWIN_ID_MARK,
  clusterCapacity, nodeCapacity, capacityModelFor, countdownStage, isFqdn, requireKey, checkValue,
} from './expressway/index.js';
export type {
  ChangeOrigin, Edits, LogRecord, PageName, KeySpec, Config, ConfigValue, AlarmKey, AlarmDefinition, Platform, LifecycleState, Certificate, OptionKey,
} from './expressway/index.js';
export type { Json } from '../sim/index.js';
export { SimError, CatalogError, parseDurationMs, formatVirtualTime, formatDuration, isIpAddress, canonicalJson, InvariantError, type TraceEvent, type Seed } from '../sim/index.js';
