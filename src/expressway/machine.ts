/**
 * The peer's lifecycle as an xstate v5 machine (DESIGN "The peer"): powered off → booting →
 * running → restarting/rebooting → (factory resetting) → running … Durations are named delays read
 * from TIMINGS (STYLE R9), kept in LIFECYCLE_DURATIONS_MS: the peer schedules a timed state's end as
 * a named queue entry and sends `TIMER` when it fires, so a world's pending lifecycle timers are data
 * a checkpoint can save (issue #15), not closures inside xstate. The machine decides; what a state change *does* (activate pending
 * configuration, wipe it, raise alarms, drop services) is the peer's business, reached through
 * the `hooks` in the context — one entry hook per state, so effects run in one place (STYLE R6).
 */
import { setup } from 'xstate';
import { TIMINGS } from './timings.js';

export type LifecycleState =
  | 'poweredOff'
  | 'booting'
  | 'running'
  | 'databaseFailure'
  | 'restarting'
  | 'rebooting'
  | 'factoryResetting';

export type LifecycleEvent =
  | { type: 'POWER_ON' }
  | { type: 'POWER_OFF' }
  | { type: 'RESTART' }
  | { type: 'REBOOT' }
  | { type: 'FACTORY_RESET' }
  | { type: 'DATABASE_FAILED' }
  | { type: 'DATABASE_RECOVERED' };

export interface LifecycleHooks {
  /** Called on entry to every state, after the transition. */
  entered(state: LifecycleState, cause: LifecycleCause): void;
  /** The cluster-triggered factory reset is armed (DOMAIN §9.1). */
  factoryResetArmed(): boolean;
}

interface Context {
  hooks: LifecycleHooks;
  startRunning: boolean;
}

/** What the machine hears: the operator's and the world's events, and the end of a timed state. */
export type MachineEvent = LifecycleEvent | { type: 'TIMER' };

/** 'init': the state a world starts in; 'timer': the end of a timed state (booting, restarting …). */
export type LifecycleCause = LifecycleEvent['type'] | 'timer' | 'init';

/** States in which the application is up and answers on the network. */
export const SERVING_STATES: ReadonlySet<LifecycleState> = new Set(['running', 'databaseFailure']);

/** How long each timed state lasts; it then moves on (`TIMER`) to the state its `on.TIMER` names. */
export const LIFECYCLE_DURATIONS_MS: Readonly<Partial<Record<LifecycleState, number>>> = {
  booting: TIMINGS.bootDurationMs,
  restarting: TIMINGS.restartDurationMs,
  rebooting: TIMINGS.rebootDurationMs,
  factoryResetting: TIMINGS.factoryResetOnRestartMs,
};

function causeOf(type: string): LifecycleCause {
  if (type === 'xstate.init') return 'init';
  return type === 'TIMER' ? 'timer' : (type as LifecycleCause);
}

export const peerLifecycleMachine = setup({
  types: {
    context: {} as Context,
    events: {} as MachineEvent,
    input: {} as { hooks: LifecycleHooks; poweredOn: boolean },
  },
  guards: {
    factoryResetArmed: ({ context }) => context.hooks.factoryResetArmed(),
  },
  actions: {
    // The event that caused the transition names the cause; the end of a timed state is TIMER.
    entered: ({ context, event }, params: { state: LifecycleState }) =>
      context.hooks.entered(params.state, causeOf(event.type as string)),
  },
}).createMachine({
  id: 'peer',
  context: ({ input }) => ({ hooks: input.hooks, startRunning: input.poweredOn }),
  initial: 'start',
  states: {
    // A world may start with its peers already up (an existing cluster) or switched off.
    start: { always: [{ guard: ({ context }) => context.startRunning, target: 'running' }, { target: 'poweredOff' }] },
    poweredOff: {
      entry: { type: 'entered', params: { state: 'poweredOff' } },
      on: { POWER_ON: 'booting' },
    },
    // A cold start is a restart too: an armed trigger survives the power cut (DOMAIN §9.1 "next restart").
    booting: {
      entry: { type: 'entered', params: { state: 'booting' } },
      always: [{ guard: 'factoryResetArmed', target: 'factoryResetting' }],
      on: { TIMER: 'running', POWER_OFF: 'poweredOff' },
    },
    running: {
      entry: { type: 'entered', params: { state: 'running' } },
      on: {
        RESTART: 'restarting',
        REBOOT: 'rebooting',
        POWER_OFF: 'poweredOff',
        FACTORY_RESET: 'factoryResetting',
        DATABASE_FAILED: 'databaseFailure',
      },
    },
    databaseFailure: {
      entry: { type: 'entered', params: { state: 'databaseFailure' } },
      on: {
        DATABASE_RECOVERED: 'running',
        RESTART: 'restarting',
        REBOOT: 'rebooting',
        POWER_OFF: 'poweredOff',
        FACTORY_RESET: 'factoryResetting',
      },
    },
    // A restart with every Peer N field cleared becomes a factory reset (DOMAIN §9.1).
    restarting: {
      entry: { type: 'entered', params: { state: 'restarting' } },
      always: [{ guard: 'factoryResetArmed', target: 'factoryResetting' }],
      on: { TIMER: 'running', POWER_OFF: 'poweredOff' },
    },
    rebooting: {
      entry: { type: 'entered', params: { state: 'rebooting' } },
      always: [{ guard: 'factoryResetArmed', target: 'factoryResetting' }],
      on: { TIMER: 'running', POWER_OFF: 'poweredOff' },
    },
    factoryResetting: {
      entry: { type: 'entered', params: { state: 'factoryResetting' } },
      on: { TIMER: 'running', POWER_OFF: 'poweredOff' },
    },
  },
});
