/**
 * A whole world as plain JSON (issue #15): the kernel's part (random streams, network, DNS, trace,
 * event queue: sim/checkpoint.ts) and every owner's above it — each peer, its cluster node, the
 * endpoints, the fault book, the trap watch, the logs, the model faults met. Configuration trees are
 * written once each, to a table the parts refer into, so shared trees stay shared after a load.
 *
 * A checkpoint loads into a world built the normal way from the same topology, seed and options
 * (the same constructors register the same named handlers), in the kernel's one order: streams,
 * network and DNS; then the owners load and re-attach their sockets and connections; then the trace;
 * the queue last. A checkpoint of another format, or one that does not fit the world, is refused
 * with XTW_ERR_TWIN_BAD_CHECKPOINT (the caller replays instead).
 */
import { canonicalJson, loadKernel, saveKernel, SimError, type Dns, type EventQueue, type KernelSave, type Network, type Rng, type Trace } from '../../sim/index.js';
import type { ClusterNode, ClusterNodeState, EndpointPopulation, EndpointsState } from '../cluster/index.js';
import { TreeReader, TreeWriter, type Config, type Peer, type PeerState } from '../expressway/index.js';
import { TwinError } from './errors.js';
import type { FaultBook, FaultBookState } from './faults.js';
import type { LogStore, LogStoreState } from './logStore.js';
import type { ModelFault } from './modelFaults.js';
import type { PeerObservation } from './observe.js';
import type { TrapWatch, TrapWatchState } from './trapWatch.js';
import type { TwinOptions } from './options.js';

/** Bumped whenever the saved shape changes: a checkpoint of another format is not loaded. */
export const TWIN_CHECKPOINT_FORMAT = 1;

type SavedObservation = Omit<PeerObservation, 'saved' | 'active'> & { saved: number; active: number };

export interface TwinCheckpoint {
  readonly format: number;
  /** what the world was built from (seed, topology, trace and log bounds): a restore must build the same */
  readonly options: TwinOptions;
  /** virtual time of the checkpoint, and events fired until then (for a reader's information) */
  readonly atMs: number;
  readonly fired: number;
  readonly kernel: KernelSave;
  readonly trees: readonly Config[];
  readonly peers: Readonly<Record<string, PeerState>>;
  readonly nodes: Readonly<Record<string, ClusterNodeState>>;
  readonly endpoints: EndpointsState | null;
  readonly faults: FaultBookState;
  readonly traps: TrapWatchState;
  readonly logs: LogStoreState;
  readonly modelFaults: readonly ModelFault[];
  /** the façade's cache of observations (a stale one is what a reader of the first world saw) */
  readonly observed: readonly (readonly [string, { stamp: string; observation: SavedObservation; expiresAtMs: number | null }])[];
}

export type ObservationCache = Map<string, { stamp: string; observation: PeerObservation; expiresAtMs: number | undefined }>;

/** What a world is made of, as the twin holds it. */
export interface WorldParts {
  readonly options: TwinOptions;
  readonly queue: EventQueue;
  readonly rng: Rng;
  readonly trace: Pick<Trace, 'save' | 'load'>;
  readonly net: Network;
  readonly dns: Dns;
  readonly peers: ReadonlyMap<string, Peer>;
  readonly nodes: ReadonlyMap<string, ClusterNode>;
  readonly endpoints: EndpointPopulation | undefined;
  readonly faults: FaultBook;
  readonly traps: TrapWatch;
  readonly logs: LogStore;
  readonly modelFaults: ModelFault[];
  readonly observed: ObservationCache;
}

export function saveWorld(w: WorldParts): TwinCheckpoint {
  const kernel = saveKernel(w);
  const trees = new TreeWriter();
  const each = <T, S>(m: ReadonlyMap<string, T>, f: (x: T) => S): Record<string, S> => Object.fromEntries([...m].map(([k, v]) => [k, f(v)]));
  const checkpoint: TwinCheckpoint = {
    format: TWIN_CHECKPOINT_FORMAT, options: structuredClone(w.options), atMs: w.queue.nowMs, fired: w.queue.fired, kernel,
    peers: each(w.peers, (p) => p.saveState(trees)), nodes: each(w.nodes, (n) => n.saveState(trees)),
    endpoints: w.endpoints?.saveState() ?? null, faults: w.faults.saveState(), traps: w.traps.saveState(trees), logs: w.logs.saveState(),
    modelFaults: structuredClone(w.modelFaults),
    observed: [...w.observed].map(([name, o]) => [name, {
      stamp: o.stamp, expiresAtMs: o.expiresAtMs ?? null,
      observation: { ...o.observation, saved: trees.ref(o.observation.saved), active: trees.ref(o.observation.active) },
    }] as const),
    trees: trees.trees,
  };
  // Plain JSON (the property test goes through JSON text); it shares only immutable objects with the
  // live world (configuration trees, log records, observations), so the world may run on.
  return checkpoint;
}

/** Load `c` into a world freshly built from the same topology, seed and options. */
export function loadWorld(w: WorldParts, c: TwinCheckpoint): void {
  if (c === null || typeof c !== 'object' || c.format !== TWIN_CHECKPOINT_FORMAT) {
    throw new TwinError('XTW_ERR_TWIN_BAD_CHECKPOINT', { value: `format ${String((c as { format?: unknown } | null)?.format)}, this twin reads ${TWIN_CHECKPOINT_FORMAT}` });
  }
  if (canonicalJson(c.options) !== canonicalJson(w.options)) {
    const names = (o: TwinOptions | undefined): string => (o?.topology?.peers ?? []).map((p) => p.name).join(', ');
    throw new TwinError('XTW_ERR_TWIN_BAD_CHECKPOINT', { value: `it was taken of a world built otherwise (seed ${String(c.options?.seed)}, peers ${names(c.options)}; this one: seed ${String(w.options.seed)}, peers ${names(w.options)})` });
  }
  const trees = new TreeReader(c.trees);
  try {
    loadKernel(w, c.kernel, () => {
      for (const [name, peer] of w.peers) peer.loadState(c.peers[name]!, trees);
      for (const [name, node] of w.nodes) node.loadState(c.nodes[name]!, trees);
      if (w.endpoints && c.endpoints) w.endpoints.loadState(c.endpoints);
      w.faults.loadState(c.faults, { rule: (id) => w.net.ruleHandle(id), nat: (id) => w.net.natHandle(id) });
      w.traps.loadState(c.traps, trees);
      w.logs.loadState(c.logs);
      w.modelFaults.splice(0, w.modelFaults.length, ...structuredClone(c.modelFaults));
      w.observed.clear();
      for (const [name, o] of c.observed) {
        const observation = { ...o.observation, saved: trees.get(o.observation.saved), active: trees.get(o.observation.active) } as PeerObservation;
        w.observed.set(name, { stamp: o.stamp, observation, expiresAtMs: o.expiresAtMs ?? undefined });
      }
    });
  } catch (e) {
    if (e instanceof TwinError) throw e;
    throw new TwinError('XTW_ERR_TWIN_BAD_CHECKPOINT', { value: e instanceof SimError || e instanceof Error ? e.message : String(e) });
  }
}
