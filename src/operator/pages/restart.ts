/**
 * Maintenance > Restart options as a view model (DOMAIN §5.5, §6.15, §9.1): the peer's state, what
 * Restart and Reboot do and how long they take, the restart-required alarms and saved values waiting
 * for a restart, and the warnings that matter before pressing the button — a pending factory reset,
 * maintenance mode being switched off, and the one-peer-at-a-time rule in a cluster.
 */
import { keySpec, message, TIMINGS, type LifecycleState, type PeerObservation } from '../../twin.js';
import { alarmStatus } from '../status/alarms.js';
import { isRestartAlarm, type AlarmRow } from './common.js';

export interface RestartOption {
  readonly mode: 'restart' | 'reboot';
  readonly label: 'Restart' | 'Reboot';
  readonly description: string;
  readonly durationMs: number;
  /** the button works only while the application is up */
  readonly available: boolean;
}

export interface RestartPage {
  readonly title: 'Restart options';
  readonly peer: string;
  readonly state: LifecycleState;
  readonly stateText: string;
  readonly options: readonly RestartOption[];
  /** restart-required alarms (20007, 20020, 25010, 30025, 15028 …) */
  readonly pendingRestart: readonly AlarmRow[];
  /** labels of saved values that act only after the restart */
  readonly pendingFields: readonly string[];
  readonly warnings: readonly string[];
}

/** assumption: the page's state wording is NOT FOUND in DOMAIN; these are the twin's. */
export const STATE_TEXT: Readonly<Record<LifecycleState, string>> = {
  poweredOff: 'Powered off',
  booting: 'Starting',
  running: 'Running',
  databaseFailure: 'Running (database failure)',
  restarting: 'Restarting',
  rebooting: 'Rebooting',
  factoryResetting: 'Factory reset in progress',
};

/**
 * The page's general advice on restarting a cluster (DOMAIN §6.15, the restart sequence for a
 * change every peer needs). A procedure may need fewer restarts (§6.3: only the new peer), so a
 * lab that teaches one replaces this line with its own hint.
 */
export const CLUSTER_RESTART_ADVICE = 'When every peer needs a restart, restart one peer at a time: the primary first, then each other peer once the previous one is back.';

export function restartPage(o: PeerObservation): RestartPage {
  const warnings: string[] = [];
  if (o.factoryResetBanner) warnings.push(message('clustering.banner.factoryResetPending'));
  // DOMAIN §5.5: a restart turns maintenance mode off; §6.15: the cluster restart sequence.
  if (o.saved['Maintenance Mode'] === 'On') warnings.push('Maintenance mode is turned off automatically by a restart.');
  if (o.clustering.configured) {
    warnings.push(CLUSTER_RESTART_ADVICE);
  }
  return {
    title: 'Restart options',
    peer: o.name,
    state: o.state,
    stateText: STATE_TEXT[o.state],
    options: [
      { mode: 'restart', label: 'Restart', description: 'Restarts the application only; terminates the calls this peer is signalling.', durationMs: TIMINGS.restartDurationMs, available: o.serving },
      { mode: 'reboot', label: 'Reboot', description: 'Restarts the application, the operating system and the hardware.', durationMs: TIMINGS.rebootDurationMs, available: o.serving },
    ],
    pendingRestart: alarmStatus(o).filter(isRestartAlarm),
    pendingFields: o.pending.map((k) => keySpec(k)?.label ?? k),
    warnings,
  };
}
