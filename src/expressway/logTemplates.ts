/**
 * The seed's log sequences as named templates (DOMAIN §10.2 A-C): the periodic replication run,
 * peer loss, RAS retransmits and timeouts, the name resolver's queue, the TLS-mode change and
 * "System Configuration Changed". The sub-second spacing inside one sequence is the seed's and
 * lives here with its template; *when* a sequence starts is the caller's (timings.ts).
 */
import { assert } from '../../sim/index.js';
import { alarmDefinition } from './alarms.js';
import type { MessageParams } from './messages.js';
import { TIMINGS } from './timings.js';
import {
  alarmRaisedLine, clusterdbConfigEventLine, developerErlangLine, developerPythonLine, restamped, sealed, tvcsEventLine, tvcsH323Line, webConfigLine,
  type DeveloperLevel, type LineAt, type LogField, type LogRecord,
} from './logLines.js';

// ── Templates for the seed's events (DOMAIN §10.2 A-C) ───────────────────────────────────────

/** The clusterdb Erlang node name of a peer: `clusterdb@expc01.apolo.local`. */
export function clusterdbNode(fqdn: string): string {
  return `clusterdb@${fqdn}`;
}

/** `[u'(10.15.13.15 expc01)', u'(10.15.13.16 expc02)']`: the Python-2 repr of the peer list. */
export function alternateIpAddressesRepr(peers: readonly { address: string; hostName: string }[]): string {
  return `[${peers.map((p) => `u'(${p.address} ${p.hostName})'`).join(', ')}]`;
}

/** Offsets of the four replication lines from "Starting synchronisation" (seed expc01 / expc02, DOMAIN §10.2 A). */
export const REPLICATION_RUN_OFFSETS_MS = { primary: [0, 9, 112, 116], subordinate: [0, 9, 47, 51] } as const;

/**
 * The periodic replication run (DOMAIN §10.2 A, §5.4): four `replication:` lines. Indices are
 * 0-based as in the log (the UI's Peer 1 is index 0).
 */
export function replicationRunLines(o: LineAt & {
  peers: readonly { address: string; hostName: string }[];
  primaryIndex0: number;
  localIndex0: number;
  offsetsMs?: readonly [number, number, number, number];
}): LogRecord[] {
  const isPrimary = o.primaryIndex0 === o.localIndex0;
  const off = o.offsetsMs ?? REPLICATION_RUN_OFFSETS_MS[isPrimary ? 'primary' : 'subordinate'];
  const line = (i: number, codeLocation: string, detail?: string, extras?: readonly LogField[]) =>
    developerPythonLine({ atMs: o.atMs + off[i]!, host: o.host, process: 'replication', module: 'developer.replication', level: 'INFO', codeLocation, ...(detail === undefined ? {} : { detail }), ...(extras ? { extras } : {}) });
  return [
    line(0, 'clusterconfigurationsynchroniser(270)', 'Starting synchronisation'),
    line(1, 'clusterconfigurationutils(750)', undefined, [
      ['AlternateIPAddresses', alternateIpAddressesRepr(o.peers)],
      ['ConfigurationMasterIndex', String(o.primaryIndex0)],
      ['LocalPeerIndex', String(o.localIndex0)],
    ]),
    isPrimary
      ? line(2, 'clusterconfigurationsynchroniser(257)', 'This peer is the cluster master, local configuration has already been replicated to the other peers')
      : line(2, 'clusterconfigurationsynchroniser(254)', 'This peer is not the cluster master, local configuration is already up to date'),
    line(3, 'clusterconfigurationsynchroniser(336)', 'Synchronisation completed successfully'),
  ];
}

/** The seed's `Reason` for "Failed connecting to node", verbatim (including its `start_link, }`). */
export const FAILED_CONNECT_REASON =
  '{ badrpc, { EXIT, { aborted, { noproc, { gen_server, call, [ kernel_safe_sup, { start_child, { dets_sup, { dets_sup, start_link, }, permanent, 1000, supervisor, [ dets_sup ] } }, infinity ] } } } } }';

/** Offsets (by UTCTime) of the six peer-loss lines from `mnesia_down` (DOMAIN §10.2 B). */
export const PEER_LOSS_OFFSETS_MS = [0, 0, 1, 1, 1, 1] as const;

/**
 * A peer lost, as the surviving peer's clusterdb logs it (DOMAIN §10.2 B, §11.1): mnesia_down,
 * Inconsistent Database, reconnect attempt in a new process (`transactionPid`), failure. The alarms
 * that follow (20006, 20004) are raised by the peer machine at TIMINGS.mnesiaDownTo2000xMs.
 */
export function peerLossLines(o: LineAt & { node: string; peerNode: string; pid: string; transactionPid: string; offsetsMs?: readonly number[] }): LogRecord[] {
  const off = o.offsetsMs ?? PEER_LOSS_OFFSETS_MS;
  const peer: LogField = ['Node', o.peerNode];
  const line = (i: number, level: DeveloperLevel, pid: string, detail: string, extras: readonly LogField[], module = 'developer.clusterdb.cdb') =>
    developerErlangLine({ atMs: o.atMs + off[i]!, host: o.host, module, level, node: o.node, pid, detail, extras });
  return [
    line(0, 'INFO', o.pid, 'Processed mnesia_down event from accessible node', [peer]),
    line(1, 'ERROR', o.pid, 'Inconsistent Database', [['Context', 'from mnesia system - mnesia down'], peer]),
    line(2, 'INFO', o.pid, 'Connecting database on mnesia running_partitioned_network event', [peer]),
    line(3, 'INFO', o.transactionPid, 'Ready to perform node connection transaction', [peer]),
    line(4, 'INFO', o.transactionPid, 'Running node connection transaction', [peer]),
    line(5, 'WARN', o.transactionPid, 'Failed connecting to node', [peer, ['Reason', FAILED_CONNECT_REASON]], 'developer.clusterdb.synchronise'),
  ];
}

/**
 * `Sending RAS SCI  SeqNum=52319 Retransmit=True` to a peer's UDP 1719 (DOMAIN §10.2 B, §4.1), with the
 * two spaces before `SeqNum` of the English technote. assumption: LRQ lines share the SCI lines'
 * layout (the sources quote the spacing on an SCI line only).
 */
export function rasSentLine(o: LineAt & { dstIp: string; dstPort?: number; message: 'SCI' | 'LRQ'; seqNum: number; flag: 'Retransmit' | 'Timeout' }): LogRecord {
  return tvcsH323Line({ atMs: o.atMs, host: o.host, action: 'Sent', dstIp: o.dstIp, dstPort: o.dstPort ?? 1719, detail: `Sending RAS ${o.message}  SeqNum=${o.seqNum} ${o.flag}=True` });
}

/** "External Server Communications Failure" (plural, as logged) — a peer's gatekeeper timed out (DOMAIN §10.2 B). */
export function gatekeeperTimeoutLine(o: LineAt & { peerAddress: string; port?: number }): LogRecord {
  return tvcsEventLine({ atMs: o.atMs, host: o.host, event: 'External Server Communications Failure', reason: 'gatekeeper timed out', service: 'NeighbourGatekeeper', detail: `name:${o.peerAddress}:${o.port ?? 1719}`, level: 1 });
}

/** The peer name resolver queues a DNS retry (DOMAIN §11.3): `Queue-Time-ms="300000"`. */
export function peerNameResolverQueueLine(o: LineAt & { node: string; pid: string; queueTimeMs?: number }): LogRecord {
  return developerErlangLine({
    atMs: o.atMs, host: o.host, module: 'developer.clusterdb.peernameresolver', level: 'INFO', node: o.node, pid: o.pid,
    detail: 'Triggering forced peer update of peers which failed DNS and queueing next run',
    extras: [['Queue-Time-ms', String(o.queueTimeMs ?? TIMINGS.peerNameDnsRetryMs)]],
  });
}

// ── Configuration changes (DOMAIN §10.1 "System Configuration Changed", §10.2 C) ──────────────

/** clusterdb Detail: `xconfiguration clusterConfiguration tls_verify - changed from: Permissive to: Enforcing`, or `xconfiguration <table> - Changed`. */
export function clusterdbChangeDetail(o: { table: string; field?: string; from?: string; to?: string }): string {
  if (o.field === undefined) return `xconfiguration ${o.table} - Changed`;
  // An empty table names the item by its xConfiguration path alone (no doubled "xconfiguration").
  const item = o.table && o.field ? `${o.table} ${o.field}` : o.table || o.field;
  return `xconfiguration ${item} - changed from: ${o.from ?? ''} to: ${o.to ?? ''}`;
}

/** web Detail: `configuration/cluster/tls_verify - changed from: 'Permissive' to: 'Enforcing'`. */
export function webChangeDetail(o: { path: string; from: string; to: string }): string {
  return `${o.path} - changed from: '${o.from}' to: '${o.to}'`;
}

/** Who made a change through the web UI (the `httpd … web:` line). */
export interface WebOrigin {
  readonly httpdPid: number;
  readonly srcIp: string;
  readonly srcPort: number;
  readonly user: string;
}

/**
 * "System Configuration Changed" for an xConfiguration change in general: the clusterdb event, and
 * the web line 1 ms later when the change came through the web UI (seed spacing, DOMAIN §10.2 C).
 */
export function systemConfigurationChangedLines(o: LineAt & {
  node: string; pid: string; table: string; field: string; from: string; to: string; webPath?: string; web?: WebOrigin;
}): LogRecord[] {
  const lines = [clusterdbConfigEventLine({ atMs: o.atMs, host: o.host, node: o.node, pid: o.pid, detail: clusterdbChangeDetail(o) })];
  if (o.web !== undefined) {
    const path = o.webPath ?? `configuration/${o.table}/${o.field}`;
    lines.push(webConfigLine({ atMs: o.atMs + 1, host: o.host, ...o.web, detail: webChangeDetail({ path, from: o.from, to: o.to }) }));
  }
  return lines;
}

export type TlsVerifyLogValue = 'Permissive' | 'Enforcing';
export type TlsChangeStep =
  | 'tableInsert' | 'clusterdbChanged' | 'webChanged' | 'changeDetected' | 'tlsVerifyStatus'
  | 'alternatesChanged' | 'notifyingDatabaseManager' | 'alternatePeerChanged' | 'raisingAlarm' | 'alarmRaised';

/** The primary's sequence, offsets from its first table insert (seed expc01 15:13:24,969; DOMAIN §10.2 C). */
export const TLS_CHANGE_STEPS_PRIMARY: readonly (readonly [offsetMs: number, step: TlsChangeStep])[] = [
  [0, 'tableInsert'], [6, 'clusterdbChanged'], [7, 'webChanged'], [9, 'changeDetected'], [11, 'tableInsert'],
  [17, 'tlsVerifyStatus'], [53, 'alternatesChanged'], [53, 'notifyingDatabaseManager'], [53, 'alternatePeerChanged'],
  [62, 'alternatesChanged'], [223, 'raisingAlarm'], [225, 'alarmRaised'],
];

/** A subordinate's sequence, offsets from the *primary's* first table insert (seed expc02; DOMAIN §10.2 C). */
export const TLS_CHANGE_STEPS_SUBORDINATE: readonly (readonly [offsetMs: number, step: TlsChangeStep])[] = [
  [7, 'clusterdbChanged'], [9, 'changeDetected'], [13, 'tlsVerifyStatus'], [71, 'notifyingDatabaseManager'],
  [71, 'alternatePeerChanged'], [72, 'alternatesChanged'], [73, 'alternatesChanged'], [77, 'alternatePeerChanged'],
  [77, 'notifyingDatabaseManager'], [78, 'alternatesChanged'], [80, 'alternatesChanged'], [167, 'raisingAlarm'], [170, 'alarmRaised'],
];

/** The Erlang processes that log each part of a TLS-mode change on one peer. */
export interface TlsChangePids {
  readonly table: string; // cdbtable inserts and the clusterConfiguration event
  readonly alternates: string; // alternatesConfiguration events
  readonly peerNameResolver: string;
  readonly alternatesManager: string;
}

/**
 * The TLS verification mode change (DOMAIN §6.13, §10.2 C) on one peer, `atMs` being the primary's
 * first table insert. `steps` defaults to the seed's primary or subordinate sequence; drop the alarm
 * steps when the peer machine raises 20007 through its own alarm set.
 */
export function tlsModeChangeLines(o: LineAt & {
  role: 'primary' | 'subordinate'; node: string; pids: TlsChangePids; from: TlsVerifyLogValue; to: TlsVerifyLogValue;
  web?: WebOrigin; steps?: readonly (readonly [number, TlsChangeStep])[];
}): LogRecord[] {
  const steps = o.steps ?? (o.role === 'primary' ? TLS_CHANGE_STEPS_PRIMARY : TLS_CHANGE_STEPS_SUBORDINATE);
  const restart = alarmDefinition('restart-required-cluster-configuration');
  return steps.map(([offsetMs, step]): LogRecord => {
    const at: LineAt = { atMs: o.atMs + offsetMs, host: o.host };
    const erlang = (module: string, pid: string, detail: string, level: DeveloperLevel = 'INFO', extras: readonly LogField[] = []) =>
      developerErlangLine({ ...at, module, level, node: o.node, pid, detail, extras });
    switch (step) {
      case 'tableInsert':
        return erlang('developer.cdbtable.cdb.clusterConfiguration', o.pids.table, 'Inserting into table', 'DEBUG', [['TableName', 'clusterConfiguration']]);
      case 'clusterdbChanged':
        return clusterdbConfigEventLine({ ...at, node: o.node, pid: o.pids.table, detail: clusterdbChangeDetail({ table: 'clusterConfiguration', field: 'tls_verify', from: o.from, to: o.to }) });
      case 'webChanged':
        assert(o.web !== undefined, 'tlsModeChangeLines: a webChanged step needs the web origin');
        return webConfigLine({ ...at, ...o.web, detail: webChangeDetail({ path: 'configuration/cluster/tls_verify', from: o.from, to: o.to }) });
      case 'changeDetected':
        return developerPythonLine({ ...at, process: 'management', module: 'developer.management.databasemanager', level: 'INFO', codeLocation: 'databasemanager(312)', detail: 'Cluster configuration change detected' });
      case 'tlsVerifyStatus':
        return developerPythonLine({ ...at, process: 'management', module: 'developer.management.databasemanager', level: 'INFO', codeLocation: 'databasemanager(405)', detail: 'TLS Verify change status', extras: [['Startup', 'False'], ['New', o.to === 'Enforcing' ? 'True' : 'False']] });
      case 'alternatesChanged':
        return clusterdbConfigEventLine({ ...at, node: o.node, pid: o.pids.alternates, detail: clusterdbChangeDetail({ table: 'alternatesConfiguration' }) });
      case 'notifyingDatabaseManager':
        return erlang('developer.clusterdb.peernameresolver', o.pids.peerNameResolver, 'Notifying databasemanager (Management Framework)');
      case 'alternatePeerChanged':
        return erlang('developer.clusterdb.alternatesmanager', o.pids.alternatesManager, 'alternate peer changed info recieved'); // (sic)
      case 'raisingAlarm':
        return raisingAlarmLine({ ...at, uuid: restart.uuid });
      case 'alarmRaised':
        return alarmRaisedLine({ ...at, alarm: restart });
    }
  });
}

/**
 * The alarm manager's developer line before an alarm is raised (DOMAIN §10.2 C). assumption: an
 * alarm with parameters logs them as JSON (the seed shows only `Parameters="null"`).
 */
export function raisingAlarmLine(o: LineAt & { uuid: string; params?: MessageParams }): LogRecord {
  const known = o.params === undefined ? PLAIN_RAISING_LINES.get(o.uuid) : undefined;
  if (known !== undefined) return restamped(known, o);
  const line = developerPythonLine({
    atMs: o.atMs, host: o.host, process: 'management', module: 'developer.diagnostics.alarmmanager', level: 'INFO',
    codeLocation: 'alarmmanager(173)', detail: 'Raising alarm',
    extras: [['UUID', o.uuid], ['Parameters', o.params === undefined ? 'null' : JSON.stringify(o.params)]],
  });
  if (o.params === undefined) PLAIN_RAISING_LINES.set(o.uuid, sealed(line));
  return line;
}

/** Without parameters the line differs only in time and host: its fields are built once per alarm. */
const PLAIN_RAISING_LINES = new Map<string, LogRecord>();
