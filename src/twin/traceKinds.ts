/**
 * The twin's journal schema (issue #11 §4): every event kind with the type of its data — the
 * peers' and the cluster's (declared in their layers), the twin's own, and those of the layers
 * above that `note` events (a runbook step). The kernel's network and DNS events keep the kernel's
 * own shape. Readers narrow a list of events by kind with `eventsOf` and get typed data.
 */
import { isEventOf, type AnyTraceSchema, type Trace, type TraceEvent, type TraceSink, type TypedEvent } from '../../sim/index.js';
import type { ClusterTraceKinds } from '../cluster/traceKinds.js';
import type { PeerTraceKinds } from '../expressway/traceKinds.js';
import type { ModelFaultSource } from './modelFaults.js';

/** The twin's own events, and those the layers above it note. */
export interface TwinOwnTraceKinds {
  /**
   * A fault injected: `description` for people; a partition also carries its two groups and whether
   * it cuts one way only (A → B), so checkers need not parse the description.
   */
  'fault.inject': {
    readonly id: number; readonly kind: string; readonly description: string;
    readonly groups?: readonly [readonly string[], readonly string[]]; readonly oneWay?: boolean;
  };
  'fault.heal': { readonly id: number; readonly kind: string };
  /** the customer's DNS changed (a record set, or removed when `value` is null) */
  'dns.change': { readonly name: string; readonly type: 'A' | 'AAAA'; readonly value: string | null };
  /** an error inside the model (twin/modelFaults.ts); `source` of the event is the peer, or 'twin' */
  'twin.fault': { readonly source: ModelFaultSource; readonly code?: string; readonly message: string };
  /** one line of a peer's event log (recorded only when asked: traceLogs) */
  log: { readonly line: string };
  /** a runbook step finished (noted by the runner) */
  step: { readonly index: number; readonly text: string; readonly ok: boolean };
}

/** Kernel events (`net.*`, `dns.*`): the kernel's own data, untyped here. */
type KernelTraceKinds = { readonly [kind: `net.${string}` | `dns.${string}`]: AnyTraceSchema[string] };

export type TwinTraceKinds = PeerTraceKinds & ClusterTraceKinds & TwinOwnTraceKinds & KernelTraceKinds;
export type TwinTraceKind = keyof PeerTraceKinds | keyof ClusterTraceKinds | keyof TwinOwnTraceKinds;

/** An event of the twin's journal of kind `K`, with its data typed. */
export type TwinEvent<K extends TwinTraceKind = TwinTraceKind> = TypedEvent<TwinTraceKinds, K>;

/** The events of kind `kind`, in order, with their data typed. */
export function eventsOf<K extends TwinTraceKind>(events: readonly TraceEvent[], kind: K): TwinEvent<K>[] {
  return events.filter((e): e is TraceEvent & TwinEvent<K> => isEventOf<TwinTraceKinds, K>(e, kind));
}

/**
 * The journal as a writer of one layer's kinds. `S` must be part of the twin's schema (checked
 * here at compile time); TypeScript cannot see through the generic `emit` that a writer of the
 * whole schema writes each part of it, hence the one cast.
 */
export function sinkOf<S extends object>(trace: Trace<TwinTraceKinds>, ..._proof: TwinTraceKinds extends S ? [] : [never]): TraceSink<S> {
  return trace as unknown as TraceSink<S>;
}

/** Per-packet kinds, recorded only with `tracePackets` (they dominate long runs). */
export const PACKET_KINDS: ReadonlySet<string> = new Set(['net.send', 'net.deliver']);
