/**
 * Remote syslog as the product forwards it (INTERFACES §5): each event-log line of a peer, framed as
 * Legacy BSD (RFC 3164, the default) or IETF (RFC 5424), for each of the peer's up to four remote
 * servers whose severity filter lets it through. Pure and deterministic — the lab server owns the
 * sockets (src/server/syslogForwarder.ts), a runbook's `syslog` expectation reads the same lines.
 *
 * The log line is the collector view the twin writes (DOMAIN §10.2):
 * `2020-07-21T15:16:50.321-05:00 expc01 replication: UTCTime="…" Module="developer.replication" …`.
 */
import { MAX_SYSLOG_SERVERS, SYSLOG_SEVERITIES, type PeerObservation } from '../../twin.js';

export type SyslogFormat = 'Legacy BSD' | 'IETF';
export type SyslogTransport = 'UDP' | 'TCP' | 'TLS';
export type SyslogSeverity = (typeof SYSLOG_SEVERITIES)[number];

export interface SyslogServer {
  /** 1..4, the slot on Maintenance > Logging */
  readonly index: number;
  readonly address: string;
  readonly transport: SyslogTransport;
  readonly port: number;
  readonly format: SyslogFormat;
  /** lines of this severity and more severe are sent */
  readonly severity: SyslogSeverity;
}

/** A line on the wire: its text (no trailing newline; stream transports add the framing) and severity. */
export interface SyslogMessage {
  readonly text: string;
  readonly severity: SyslogSeverity;
  readonly program: string | undefined;
}

/** The remote servers a peer forwards to: the slots with an address, in slot order. */
export function syslogServers(o: PeerObservation): SyslogServer[] {
  const out: SyslogServer[] = [];
  for (let n = 1; n <= MAX_SYSLOG_SERVERS; n++) {
    const address = String(o.saved[`Logging Server ${n} Address`] ?? '');
    if (address === '') continue;
    out.push({
      index: n, address,
      transport: String(o.saved[`Logging Server ${n} Transport`] ?? 'UDP') as SyslogTransport,
      port: Number(o.saved[`Logging Server ${n} Port`] ?? 514),
      format: String(o.saved[`Logging Server ${n} Format`] ?? 'Legacy BSD') as SyslogFormat,
      severity: String(o.saved[`Logging Server ${n} Severity`] ?? 'Informational') as SyslogSeverity,
    });
  }
  return out;
}

/** Whether `severity` passes a filter set to `threshold` ("selected and more severe", AG-LOG142). */
export function passes(severity: SyslogSeverity, threshold: SyslogSeverity): boolean {
  return SYSLOG_SEVERITIES.indexOf(severity) <= SYSLOG_SEVERITIES.indexOf(threshold);
}

/**
 * assumption: the severity of a line is its `Level` (INFO, DEBUG, WARN, ERROR); the tvcs event lines'
 * numeric levels (`Level="1"`) are verbosity, not severity, and go out as Informational (AG-LOG142 is silent).
 */
const LEVEL_SEVERITY: Readonly<Record<string, SyslogSeverity>> = { DEBUG: 'Debug', INFO: 'Informational', WARN: 'Warning', ERROR: 'Error', CRITICAL: 'Critical' };

/**
 * assumption: the facility of a line (AG-LOG142 lists local0 Administrator, local1 Config, local5
 * Developer but not which line goes where): developer modules local5, configuration changes local1,
 * everything else local4 — the facility of the one tvcs line on record (SC4S's `<166>` = local4.info).
 */
export const FACILITY = { developer: 21, config: 17, tvcs: 20 } as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LINE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?([+-]\d{2}:\d{2}|Z) (\S+) (.*)$/;

/**
 * One log line as sent to a server in `format`; undefined for a line that is not in the collector
 * view (nothing to forward).
 *
 * assumption: the message is the line after its host — its own `tvcs: ` tag included — behind the
 * syslog header's program tag, as in the one forwarded tvcs line on record (SC4S: `host tvcs: tvcs:
 * UTCTime=…`). IETF puts the program in APP-NAME, a `[pid]` in PROCID, and no MSGID or structured data
 * (an on-wire RFC 5424 line from the product is NOT FOUND). Lines with no process tag (clusterdb) go
 * out without a program (BSD) or with APP-NAME `-` (IETF).
 */
export function syslogMessage(line: string, format: SyslogFormat): SyslogMessage | undefined {
  const m = LINE.exec(line);
  if (m === null) return undefined;
  const [, year, month, day, hms, frac = '', offset, host, rest] = m as unknown as [string, string, string, string, string, string | undefined, string, string, string];
  const firstField = /[A-Za-z][A-Za-z-]*="/.exec(rest);
  const prefix = firstField ? rest.slice(0, firstField.index) : '';
  const tag = /^([A-Za-z0-9_.-]+)(?:\[(\d+)\])?:/.exec(prefix);
  const program = tag?.[1];
  const level = /\bLevel="([^"]*)"/.exec(rest)?.[1] ?? '';
  const severity = LEVEL_SEVERITY[level.toUpperCase()] ?? 'Informational';
  const facility = /\bModule="developer\./.test(rest) ? FACILITY.developer
    : /\bEvent="System Configuration Changed"/.test(rest) ? FACILITY.config : FACILITY.tvcs;
  const pri = `<${facility * 8 + SYSLOG_SEVERITIES.indexOf(severity)}>`;
  if (format === 'IETF') {
    return { text: `${pri}1 ${year}-${month}-${day}T${hms}${frac}${offset} ${host} ${program ?? '-'} ${tag?.[2] ?? '-'} - - ${rest}`, severity, program };
  }
  const bsdDay = String(Number(day)).padStart(2, ' ');
  return { text: `${pri}${MONTHS[Number(month) - 1]} ${bsdDay} ${hms} ${host} ${tag === null ? '' : `${tag[0]} `}${rest}`, severity, program };
}

/** The lines a peer forwards to `server`, from its event log lines, oldest first. */
export function forwardedLines(lines: readonly string[], server: Pick<SyslogServer, 'format' | 'severity'>): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const message = syslogMessage(line, server.format);
    if (message && passes(message.severity, server.severity)) out.push(message.text);
  }
  return out;
}
