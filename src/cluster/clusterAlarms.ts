/**
 * The cluster alarms a peer derives from its links and configuration (DOMAIN §7.1, §10.2 B): a pure
 * function from what the node knows now to the set of alarms that hold. The node sets each key of
 * `DERIVED_CLUSTER_ALARMS` to whether it is in the set, in that order (the order alarms are raised
 * and lowered is part of the journal).
 */
import { TIMINGS, type AlarmKey, type Config } from '../expressway/index.js';
import type { PeerLink } from './links.js';
import type { TlsMode } from './tls.js';

/** Every alarm `clusterAlarms` decides, in the order the node applies them. */
export const DERIVED_CLUSTER_ALARMS = [
  'invalid-cluster-configuration',
  'cluster-communication-failure',
  'cluster-database-communication-failure',
  'h323-mode-off',
  'cluster-name-not-configured',
  'cluster-tls-permissive',
  'date-time-not-validated',
  'replication-ntp-unreachable',
  'cluster-inconsistent-state',
] as const satisfies readonly AlarmKey[];

export type DerivedClusterAlarm = (typeof DERIVED_CLUSTER_ALARMS)[number];

export interface ClusterAlarmInputs {
  /** the saved Peer N list has entries */
  readonly configured: boolean;
  /** 1-based place of this peer in its saved list, 0 when absent */
  readonly selfIndex: number;
  /** clustered since its last boot */
  readonly joined: boolean;
  readonly links: readonly Pick<PeerLink, 'db' | 'failure' | 'downAtMs' | 'ras' | 'remote'>[];
  readonly nowMs: number;
  /** the active configuration (H.323 mode, cluster name, NTP servers) */
  readonly active: Config;
  readonly tlsMode: TlsMode;
  /** this subordinate started before its primary and took control (DOMAIN §3 R20, startOrder.ts) */
  readonly startedBeforePrimary: boolean;
}

/** The set of derived cluster alarms that hold for these inputs. */
export function clusterAlarms(i: ClusterAlarmInputs): ReadonlySet<DerivedClusterAlarm> {
  const on = new Set<DerivedClusterAlarm>();
  const when = (key: DerivedClusterAlarm, holds: boolean) => void (holds && on.add(key));
  const clustered = i.joined && i.links.length > 0;
  // Links still being tried do not count yet: the alarms follow failures (DOMAIN §7.1). A retry of
  // a failed link is still a failed link (no lower/raise at every retry), and a link that just went
  // down counts only once the seed's delay has passed: 20006 at +171 ms, 20004 at +418 ms (§10.2 B).
  const down = (l: ClusterAlarmInputs['links'][number], afterMs: number): boolean =>
    (l.db === 'failed' || (l.db === 'connecting' && l.failure !== undefined)) && (l.downAtMs === undefined || i.nowMs - l.downAtMs >= afterMs);
  when('invalid-cluster-configuration', i.configured && i.selfIndex === 0);
  when('cluster-communication-failure', i.configured && i.selfIndex > 0 && (!i.joined || i.links.some((l) => down(l, TIMINGS.mnesiaDownTo20004Ms) || l.ras === 'dead')));
  when('cluster-database-communication-failure', i.joined && i.links.some((l) => down(l, TIMINGS.mnesiaDownTo20006Ms)));
  when('h323-mode-off', i.joined && i.active['H323 Mode'] === 'Off');
  when('cluster-name-not-configured', clustered && !i.active['Alternates Cluster Name']);
  when('cluster-tls-permissive', clustered && i.tlsMode === 'Permissive');
  const noNtp = ![1, 2, 3, 4, 5].some((n) => i.active[`NTP Server ${n} Address`]);
  when('date-time-not-validated', noNtp);
  when('replication-ntp-unreachable', clustered && noNtp);
  // 20024 (DOMAIN §3 R20, INFERRED mapping): a peer that started before its primary, while linked to
  // anyone, and every peer linked to it.
  const up = i.links.filter((l) => l.db === 'up');
  when('cluster-inconsistent-state', i.joined && ((i.startedBeforePrimary && up.length > 0) || up.some((l) => l.remote?.startedBeforePrimary === true)));
  return on;
}
