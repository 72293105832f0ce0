/**
 * The product's log lines, built from virtual time (DOMAIN §10.1, §10.2): structured `LogRecord`s,
 * one formatter, one parser, a builder per line family and the named templates for the seed's event
 * sequences. It does not decide *when* anything is logged (the peer machine does, from timings.ts);
 * the sub-second spacing inside one sequence is the seed's and lives here with its template.
 * Key decision: records never carry `UTCTime` — the formatter computes it from `atMs` and places it
 * where the family puts it, so the header time and UTCTime cannot disagree by construction.
 */
import { assert } from '../../sim/index.js';
import { alarmDefinition, alarmDetail, type AlarmDefinition, type AlarmSeverity } from './alarms.js';
import type { MessageParams } from './messages.js';
import { TIMINGS } from './timings.js';

/** Maps virtual time to wall time: virtual 0 is `epochUtcMs`; local time is UTC + `utcOffsetMinutes`. */
export interface LogClock {
  readonly epochUtcMs: number;
  readonly utcOffsetMinutes: number;
}

export type LogField = readonly [name: string, value: string];

/** The line families of DOMAIN §10.2 ("Field order per line family"). */
export type LogFamily =
  | 'developer-python' // UTCTime Module Level CodeLocation Detail [extras]
  | 'developer-erlang' // UTCTime Module Level Node PID Detail [extras incl. 2nd Node]
  | 'clusterdb-config-event' // UTCTime Event Node PID Detail
  | 'alarm' // Level Event Id UUID Severity Detail UTCTime
  | 'web-config' // Event Detail Src-ip Src-port User Level UTCTime (no ms)
  | 'tvcs-h323' // UTCTime Module Level: Action Dst-ip Dst-port Detail
  | 'tvcs-event'; // Event Reason Service Detail Level UTCTime

export interface LogRecord {
  readonly atMs: number;
  readonly host: string;
  /** 'replication', 'alarm', 'management', 'tvcs', 'httpd[15060]: web', or none (clusterdb lines). */
  readonly process?: string;
  readonly family: LogFamily;
  /** Every field except UTCTime, in line order. */
  readonly fields: readonly LogField[];
  /** The network.h323 quirk `Level="INFO":` (DOMAIN §10.2). */
  readonly levelColon?: boolean;
}

const UTC_LAYOUT: Record<LogFamily, { readonly position: 'first' | 'last'; readonly withMs: boolean }> = {
  'developer-python': { position: 'first', withMs: true },
  'developer-erlang': { position: 'first', withMs: true },
  'clusterdb-config-event': { position: 'first', withMs: true },
  alarm: { position: 'last', withMs: true },
  'web-config': { position: 'last', withMs: false },
  'tvcs-h323': { position: 'first', withMs: true },
  'tvcs-event': { position: 'last', withMs: true },
};

// ── Formatting and parsing ───────────────────────────────────────────────────────────────────

/**
 * One log line exactly as the seed lays it out: `<local ISO, ms, ±hh:mm> <host> [<process>: ]<fields>`.
 * assumption: a `"` or `\` inside a value is backslash-escaped (the seed has none; DOMAIN is silent).
 *
 * @example
 * formatLogLine(replicationRunLines({ ... })[0], { epochUtcMs, utcOffsetMinutes: -300 })
 * // '2020-07-21T15:16:50.321-05:00 expc01 replication: UTCTime="2020-07-21 20:16:50,321" Module=…'
 */
export function formatLogLine(record: LogRecord, clock: LogClock): string {
  const layout = UTC_LAYOUT[record.family];
  const utc: LogField = ['UTCTime', formatUtcTime(clock.epochUtcMs + record.atMs, layout.withMs)];
  const fields = layout.position === 'first' ? [utc, ...record.fields] : [...record.fields, utc];
  const body = fields
    .map(([name, value]) => `${name}="${escapeValue(value)}"${record.levelColon && name === 'Level' ? ':' : ''}`)
    .join(' ');
  const process = record.process === undefined ? '' : `${record.process}: `;
  return `${formatLocalTimestamp(record.atMs, clock)} ${record.host} ${process}${body}`;
}

/** `2020-07-21T15:16:50.321-05:00`: the syslog header time of a virtual instant. */
export function formatLocalTimestamp(atMs: number, clock: LogClock): string {
  const off = clock.utcOffsetMinutes;
  const d = new Date(Math.floor(clock.epochUtcMs + atMs + off * 60_000));
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${ymd(d)}T${hms(d)}.${pad(d.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/** `2020-07-21 20:16:50,321` (or without `,mmm`): the body's UTCTime of a UTC instant. */
export function formatUtcTime(utcMs: number, withMs = true): string {
  const d = new Date(Math.floor(utcMs));
  return `${ymd(d)} ${hms(d)}${withMs ? `,${pad(d.getUTCMilliseconds(), 3)}` : ''}`;
}

export interface ParsedLogLine {
  readonly timestamp: string;
  readonly host: string;
  readonly process?: string;
  readonly fields: LogField[];
  /** true when a field was followed by `:` (the network.h323 `Level="INFO":` quirk). */
  readonly levelColon?: boolean;
}

const FIELD = /([A-Za-z][\w.-]*)="((?:[^"\\]|\\.)*)"(:?)(?: |$)/y;
const FIRST_FIELD = /(?:^| )[A-Za-z][\w.-]*="/;

/**
 * Splits a log line into header and fields, keeping repeated keys (the clusterdb lines' two `Node`s)
 * and values with spaces, commas, braces and quotes. Throws a SyntaxError on a line it cannot read.
 */
export function parseLogLine(line: string): ParsedLogLine {
  const header = /^(\S+) (\S+) /.exec(line);
  if (header === null) throw new SyntaxError(`log line has no timestamp and host: ${JSON.stringify(line)}`);
  const rest = line.slice(header[0].length);
  const first = FIRST_FIELD.exec(rest);
  if (first === null) throw new SyntaxError(`log line has no Name="value" fields: ${JSON.stringify(line)}`);
  const start = first.index + (first[0].startsWith(' ') ? 1 : 0);
  let process: string | undefined;
  if (start > 0) {
    const prefix = rest.slice(0, start);
    if (!prefix.endsWith(': ')) throw new SyntaxError(`log line process is not followed by ": ": ${JSON.stringify(line)}`);
    process = prefix.slice(0, -2);
  }
  const fields: LogField[] = [];
  let levelColon = false;
  FIELD.lastIndex = start;
  while (FIELD.lastIndex < rest.length) {
    const at = FIELD.lastIndex;
    const m = FIELD.exec(rest);
    if (m === null) throw new SyntaxError(`unreadable field at column ${at}: ${JSON.stringify(line)}`);
    fields.push([m[1]!, unescapeValue(m[2]!)]);
    if (m[3] === ':') levelColon = true;
  }
  return { timestamp: header[1]!, host: header[2]!, ...(process === undefined ? {} : { process }), fields, ...(levelColon ? { levelColon } : {}) };
}

/** The UTC instant and offset of a header timestamp such as `2020-08-12T14:57:43.353-05:00`. */
export function parseLocalTimestamp(timestamp: string): { utcMs: number; utcOffsetMinutes: number } {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{3})([+-])(\d\d):(\d\d)$/.exec(timestamp);
  if (m === null) throw new SyntaxError(`not a log timestamp: ${JSON.stringify(timestamp)}`);
  const n = m.map(Number);
  const offset = (m[8] === '-' ? -1 : 1) * (n[9]! * 60 + n[10]!);
  return { utcMs: Date.UTC(n[1]!, n[2]! - 1, n[3]!, n[4]!, n[5]!, n[6]!, n[7]!) - offset * 60_000, utcOffsetMinutes: offset };
}

/** The UTC instant of a `UTCTime` value (`2020-08-12 19:57:43,353`, ms optional). */
export function parseUtcTime(text: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:,(\d{3}))?$/.exec(text);
  if (m === null) throw new SyntaxError(`not a UTCTime value: ${JSON.stringify(text)}`);
  const n = m.map((s) => Number(s ?? 0));
  return Date.UTC(n[1]!, n[2]! - 1, n[3]!, n[4]!, n[5]!, n[6]!, n[7]!);
}

function escapeValue(value: string): string {
  return value.replace(/[\\"]/g, (c) => `\\${c}`);
}
function unescapeValue(value: string): string {
  return value.replace(/\\(.)/gs, '$1');
}
function ymd(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}
function hms(d: Date): string {
  return `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
}
function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ── One builder per line family (DOMAIN §10.2) ───────────────────────────────────────────────

/** Where and when a line is logged. */
export interface LineAt {
  readonly atMs: number;
  readonly host: string;
}
export type DeveloperLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
type Extras = { readonly extras?: readonly LogField[] };

/** Python developer log: `UTCTime Module Level CodeLocation [Detail] [extras]`. */
export function developerPythonLine(
  o: LineAt & Extras & { process?: string; module: string; level: DeveloperLevel; codeLocation: string; detail?: string },
): LogRecord {
  const fields: LogField[] = [['Module', o.module], ['Level', o.level], ['CodeLocation', o.codeLocation]];
  if (o.detail !== undefined) fields.push(['Detail', o.detail]);
  return record(o, 'developer-python', [...fields, ...(o.extras ?? [])], o.process);
}

/** Erlang clusterdb developer log: `UTCTime Module Level Node PID Detail [extras]` (a peer's `Node` goes in extras). */
export function developerErlangLine(
  o: LineAt & Extras & { module: string; level: DeveloperLevel; node: string; pid: string; detail: string },
): LogRecord {
  const fields: LogField[] = [['Module', o.module], ['Level', o.level], ['Node', o.node], ['PID', o.pid], ['Detail', o.detail]];
  return record(o, 'developer-erlang', [...fields, ...(o.extras ?? [])]);
}

/** clusterdb configuration event: `UTCTime Event="System Configuration Changed" Node PID Detail`. */
export function clusterdbConfigEventLine(o: LineAt & { node: string; pid: string; detail: string }): LogRecord {
  return record(o, 'clusterdb-config-event', [['Event', 'System Configuration Changed'], ['Node', o.node], ['PID', o.pid], ['Detail', o.detail]]);
}

export type AlarmLogEvent = 'Alarm Raised' | 'Alarm Lowered' | 'Alarm Acknowledged';

/** Alarm event: `Level Event Id UUID Severity Detail UTCTime` (severity lower-case, DOMAIN §10.2). */
export function alarmEventLine(
  o: LineAt & { process: string; level: DeveloperLevel; event: AlarmLogEvent; id: string; uuid: string; severity: AlarmSeverity; detail: string },
): LogRecord {
  const fields: LogField[] = [['Level', o.level], ['Event', o.event], ['Id', o.id], ['UUID', o.uuid], ['Severity', o.severity], ['Detail', o.detail]];
  return record(o, 'alarm', fields, o.process);
}

/**
 * `Event="Alarm Raised"` for a catalog alarm, from the process the catalog names. assumption: the
 * line's Level follows the severity (the seed shows only warning → WARN; more severe → ERROR,
 * notice/info → INFO).
 */
export function alarmRaisedLine(o: LineAt & { alarm: AlarmDefinition; params?: MessageParams }): LogRecord {
  const level: DeveloperLevel = o.alarm.severity === 'warning' ? 'WARN' : ['notice', 'info'].includes(o.alarm.severity) ? 'INFO' : 'ERROR';
  return alarmLine(o, 'Alarm Raised', level);
}

/** `Event="Alarm Lowered"`. assumption (format NOT FOUND, DOMAIN §10.2, §13 item 6): the raised line with Level="INFO". */
export function alarmLoweredLine(o: LineAt & { alarm: AlarmDefinition; params?: MessageParams }): LogRecord {
  return alarmLine(o, 'Alarm Lowered', 'INFO');
}

function alarmLine(o: LineAt & { alarm: AlarmDefinition; params?: MessageParams }, event: AlarmLogEvent, level: DeveloperLevel): LogRecord {
  const { alarm } = o;
  return alarmEventLine({ atMs: o.atMs, host: o.host, process: alarm.process, level, event, id: alarm.id, uuid: alarm.uuid, severity: alarm.severity, detail: alarmDetail(alarm, o.params) });
}

/** Web configuration change: `Event Detail Src-ip Src-port User Level="1" UTCTime` (no ms) from `httpd[<pid>]: web`. */
export function webConfigLine(
  o: LineAt & { httpdPid: number; detail: string; srcIp: string; srcPort: number; user: string },
): LogRecord {
  const fields: LogField[] = [['Event', 'System Configuration Changed'], ['Detail', o.detail], ['Src-ip', o.srcIp], ['Src-port', String(o.srcPort)], ['User', o.user], ['Level', '1']];
  return record(o, 'web-config', fields, `httpd[${o.httpdPid}]: web`);
}

/** tvcs network.h323: `UTCTime Module="network.h323" Level="INFO": Action Dst-ip Dst-port Detail`. */
export function tvcsH323Line(o: LineAt & { action: 'Sent' | 'Received'; dstIp: string; dstPort: number; detail: string }): LogRecord {
  const fields: LogField[] = [['Module', 'network.h323'], ['Level', 'INFO'], ['Action', o.action], ['Dst-ip', o.dstIp], ['Dst-port', String(o.dstPort)], ['Detail', o.detail]];
  return { ...record(o, 'tvcs-h323', fields, 'tvcs'), levelColon: true };
}

/** tvcs event: `Event [Reason] [Service] Detail Level UTCTime` — Event first, Level last (DOMAIN §10.1). */
export function tvcsEventLine(o: LineAt & { event: string; reason?: string; service?: string; detail: string; level?: 1 | 2 | 3 | 4 }): LogRecord {
  const fields: LogField[] = [['Event', o.event]];
  if (o.reason !== undefined) fields.push(['Reason', o.reason]);
  if (o.service !== undefined) fields.push(['Service', o.service]);
  fields.push(['Detail', o.detail], ['Level', String(o.level ?? 1)]);
  return record(o, 'tvcs-event', fields, 'tvcs');
}

function record(at: LineAt, family: LogFamily, fields: readonly LogField[], process?: string): LogRecord {
  assert(Number.isFinite(at.atMs), `log line time must be finite, got ${at.atMs}`);
  return { atMs: at.atMs, host: at.host, ...(process === undefined ? {} : { process }), family, fields };
}

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

/** `Sending RAS SCI SeqNum=52319 Retransmit=True` to a peer's UDP 1719 (DOMAIN §10.2 B, §4.1). */
export function rasSentLine(o: LineAt & { dstIp: string; dstPort?: number; message: 'SCI' | 'LRQ'; seqNum: number; flag: 'Retransmit' | 'Timeout' }): LogRecord {
  return tvcsH323Line({ atMs: o.atMs, host: o.host, action: 'Sent', dstIp: o.dstIp, dstPort: o.dstPort ?? 1719, detail: `Sending RAS ${o.message} SeqNum=${o.seqNum} ${o.flag}=True` });
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
  return `xconfiguration ${[o.table, o.field].filter(Boolean).join(' ')} - changed from: ${o.from ?? ''} to: ${o.to ?? ''}`;
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
  return developerPythonLine({
    atMs: o.atMs, host: o.host, process: 'management', module: 'developer.diagnostics.alarmmanager', level: 'INFO',
    codeLocation: 'alarmmanager(173)', detail: 'Raising alarm',
    extras: [['UUID', o.uuid], ['Parameters', o.params === undefined ? 'null' : JSON.stringify(o.params)]],
  });
}
