/**
 * The product's log lines, built from virtual time (DOMAIN §10.1, §10.2): structured `LogRecord`s,
 * one formatter, one parser and a builder per line family. The named templates for the seed's event
 * sequences are in logTemplates.ts. Neither decides *when* anything is logged (the peer machine
 * does, from timings.ts).
 * Key decision: records never carry `UTCTime` — the formatter computes it from `atMs` and places it
 * where the family puts it, so the header time and UTCTime cannot disagree by construction.
 */
import { assert } from '../../sim/index.js';
import { alarmDetail, type AlarmDefinition, type AlarmSeverity } from './alarms.js';
import { noParams, type MessageParams } from './messages.js';

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
 * The product writes two spaces after `Level="INFO":` in `network.*` lines. The Chinese technote's
 * text collapsed runs of spaces; its English edition (TechNote 217230) and every other published
 * network-log capture show two (DOMAIN §10.2, spacing note).
 */
const LEVEL_COLON_GAP = '  ';

/**
 * One log line exactly as the product lays it out: `<local ISO, ms, ±hh:mm> <host> [<process>: ]<fields>`.
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
  let body = '';
  let gap = '';
  for (const [name, value] of fields) {
    const colon = record.levelColon === true && name === 'Level';
    body += `${gap}${name}="${escapeValue(value)}"${colon ? ':' : ''}`;
    gap = colon ? LEVEL_COLON_GAP : ' ';
  }
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

const FIELD = /([A-Za-z][\w.-]*)="((?:[^"\\]|\\.)*)"(?:(:)(?: {1,2}|$)|(?: |$))/y;
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
  const { severity } = o.alarm;
  const level: DeveloperLevel = severity === 'warning' ? 'WARN' : severity === 'notice' || severity === 'info' ? 'INFO' : 'ERROR';
  return alarmLine(o, 'Alarm Raised', level);
}

/** `Event="Alarm Lowered"`. assumption (format NOT FOUND, DOMAIN §10.2, §13 item 6): the raised line with Level="INFO". */
export function alarmLoweredLine(o: LineAt & { alarm: AlarmDefinition; params?: MessageParams }): LogRecord {
  return alarmLine(o, 'Alarm Lowered', 'INFO');
}

function alarmLine(o: LineAt & { alarm: AlarmDefinition; params?: MessageParams }, event: AlarmLogEvent, level: DeveloperLevel): LogRecord {
  const { alarm } = o;
  const plain = o.params === undefined || noParams(o.params);
  const known = plain ? PLAIN_ALARM_LINES[event].get(alarm) : undefined;
  if (known !== undefined) return restamped(known, o);
  const line = alarmEventLine({ atMs: o.atMs, host: o.host, process: alarm.process, level, event, id: alarm.shownId, uuid: alarm.uuid, severity: alarm.severity, detail: alarmDetail(alarm, o.params) });
  if (plain) PLAIN_ALARM_LINES[event].set(alarm, sealed(line));
  return line;
}

// Most alarms take no parameters, so their lines differ only in time and host: the fields are built
// once per alarm and event and shared by every record (records are read-only).
const PLAIN_ALARM_LINES: Record<AlarmLogEvent, Map<AlarmDefinition, LogRecord>> = {
  'Alarm Raised': new Map(),
  'Alarm Lowered': new Map(),
  'Alarm Acknowledged': new Map(),
};

/** Web configuration change: `Event Detail Src-ip Src-port User Level="1" UTCTime` (no ms) from `httpd[<pid>]: web`. */
export function webConfigLine(
  o: LineAt & { httpdPid: number; detail: string; srcIp: string; srcPort: number; user: string },
): LogRecord {
  const fields: LogField[] = [['Event', 'System Configuration Changed'], ['Detail', o.detail], ['Src-ip', o.srcIp], ['Src-port', String(o.srcPort)], ['User', o.user], ['Level', '1']];
  return record(o, 'web-config', fields, `httpd[${o.httpdPid}]: web`);
}

/** tvcs network.h323: `UTCTime Module="network.h323" Level="INFO":  Action Dst-ip Dst-port Detail`. */
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
  // Records are built on hot paths: the message is formatted only on failure, and two literals
  // stand in for a spread (slow there).
  if (!Number.isFinite(at.atMs)) assert(false, `log line time must be finite, got ${at.atMs}`);
  return process === undefined ? { atMs: at.atMs, host: at.host, family, fields } : { atMs: at.atMs, host: at.host, process, family, fields };
}

/**
 * The same line at another time and host, sharing its (frozen) fields.
 * @internal for lines whose fields are built once (alarm lines, logTemplates.ts)
 */
export function restamped(line: LogRecord, at: LineAt): LogRecord {
  assert(line.levelColon === undefined, 'restamped lines carry no levelColon');
  return record(at, line.family, line.fields, line.process);
}

/**
 * Freeze a line's fields so it can be shared as the template of `restamped` lines.
 * @internal
 */
export function sealed(line: LogRecord): LogRecord {
  for (const f of line.fields) Object.freeze(f);
  Object.freeze(line.fields);
  return Object.freeze(line);
}
