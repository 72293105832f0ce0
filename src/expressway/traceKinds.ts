/**
 * What one peer writes into the twin's journal (issue #11 §4): each event kind with the type of its
 * data. Checkers and reports read these fields; they never re-parse prose.
 */
import type { LifecycleCause, LifecycleState } from './machine.js';

export interface PeerTraceKinds {
  /** the lifecycle actor entered `state` from `from` because of `cause` */
  'peer.state': { readonly state: LifecycleState; readonly from: LifecycleState; readonly cause: LifecycleCause };
  /** `detail` only for an alarm with parameters (its text then differs from the catalog's) */
  'alarm.raise': { readonly key: string; readonly id: string; readonly detail?: string };
  'alarm.lower': { readonly key: string; readonly id: string };
  /** one configuration value saved (or replicated, restored …), and through which surface */
  'config.change': { readonly key: string; readonly from: unknown; readonly to: unknown; readonly via: 'web' | 'cli' | 'replication' | 'system' };
  'peer.upgrade.staged': { readonly version: string };
  'peer.factory-reset-image': { readonly present: boolean };
  /** a factory reset ran: `kept` the keys that survived it; or it failed, and why */
  'peer.factory-reset':
    | { readonly ok: true; readonly version: string; readonly kept: readonly string[] }
    | { readonly ok: false; readonly reason: string };
  /** a fresh OVA was deployed on the (powered-off) VM: its new serial, the installed version, the keys it kept */
  'peer.redeployed': { readonly serial: string; readonly version: string; readonly kept: readonly string[] };
  /** the lifecycle actor stopped on an exception, in a peer built without a crash listener */
  crash: { readonly error: string };
}
