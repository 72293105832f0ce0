/**
 * The log lines one saved configuration change writes (DOMAIN §10.2): the clusterdb "System
 * Configuration Changed" event and, for a change made on the web UI, the httpd line — except the TLS
 * verification mode, whose change runs the seed's whole sequence (table inserts, databasemanager,
 * alternates manager and name resolver notifications), on the peer where it was made as on the
 * primary, and on a peer that received it as on a subordinate (DOMAIN §6.13, §10.2 D/E). The alarm
 * lines of that sequence come from the peer's alarm board when 20007 is raised, not from here.
 */
import type { ConfigChange } from './config/store.js';
import type { LogRecord } from './logLines.js';
import {
  systemConfigurationChangedLines, TLS_CHANGE_STEPS_PRIMARY, TLS_CHANGE_STEPS_SUBORDINATE, tlsModeChangeLines,
  type TlsChangePids, type TlsChangeStep, type TlsVerifyLogValue, type WebOrigin,
} from './logTemplates.js';

const TLS_KEY = 'Alternates Cluster TLSVerificationMode';

/** Items whose change line names the cluster-database table and field, as the seed shows them (DOMAIN §10.2 C). */
const CLUSTERDB_FIELDS: Readonly<Record<string, { table: string; field: string; webPath: string }>> = {
  [TLS_KEY]: { table: 'clusterConfiguration', field: 'tls_verify', webPath: 'configuration/cluster/tls_verify' },
};

/** assumption: the Erlang process ids of the seed's expc01 (primary) and expc02 (subordinate); the product's are per boot. */
const TLS_CHANGE_PIDS: Readonly<Record<'primary' | 'subordinate', TlsChangePids>> = {
  primary: { table: '<0.345.0>', alternates: '<0.557.0>', peerNameResolver: '<0.145.0>', alternatesManager: '<0.142.0>' },
  subordinate: { table: '<0.390.0>', alternates: '<0.543.0>', peerNameResolver: '<0.136.0>', alternatesManager: '<0.143.0>' },
};
/** The clusterdb event's process for other changes (the seed's table process on the primary). */
const CHANGE_PID = '<0.345.0>';

const ALARM_STEPS: readonly TlsChangeStep[] = ['raisingAlarm', 'alarmRaised'];

export interface ChangeContext {
  readonly atMs: number;
  readonly host: string;
  readonly fqdn: string;
  /** the web UI's request when the change was saved on a page */
  readonly web?: WebOrigin;
  /** true when the change arrived from another peer (replication or the cluster database) */
  readonly received: boolean;
}

export function configChangeLines(change: ConfigChange, at: ChangeContext): LogRecord[] {
  const node = `clusterdb@${at.fqdn}`;
  if (change.key === TLS_KEY && isTlsValue(show(change.from)) && isTlsValue(show(change.to))) {
    const role = at.received ? 'subordinate' : 'primary';
    const steps = (role === 'primary' ? TLS_CHANGE_STEPS_PRIMARY : TLS_CHANGE_STEPS_SUBORDINATE)
      .filter(([, step]) => !ALARM_STEPS.includes(step) && (step !== 'webChanged' || at.web !== undefined));
    // Timed from the primary's first table insert, which is when the change was saved there and when
    // the cluster database hands it to the others (the twin delivers within the same millisecond).
    return tlsModeChangeLines({
      atMs: at.atMs, host: at.host, role, node, pids: TLS_CHANGE_PIDS[role], from: show(change.from) as TlsVerifyLogValue,
      to: show(change.to) as TlsVerifyLogValue, steps, ...(at.web ? { web: at.web } : {}),
    });
  }
  const cdb = CLUSTERDB_FIELDS[change.key];
  return systemConfigurationChangedLines({
    atMs: at.atMs, host: at.host, node, pid: CHANGE_PID, table: cdb?.table ?? '', field: cdb?.field ?? change.key,
    from: show(change.from), to: show(change.to),
    web: at.web, webPath: at.web && (cdb?.webPath ?? `configuration/${change.key.toLowerCase().replace(/ /g, '/')}`),
  });
}

const isTlsValue = (v: string): v is TlsVerifyLogValue => v === 'Permissive' || v === 'Enforcing';

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
}
