/**
 * Watches the world for armed traps (traps.ts) as virtual time passes: when a trap arms, when it is
 * disarmed, and whether it closed by a restart of its peer or by a change. Key decision: the watch
 * listens to the trace and re-evaluates once per burst of events, in a zero-delay queue event, so it
 * judges the settled state of each instant; it never emits anything itself, so a watched run keeps
 * the trace (and hash) of an unwatched one. Each window carries the trace position of the event
 * that armed it, which a runner maps to the step that was executing. Only the peers an event came
 * from are observed again; the others' last observations still hold.
 */
import { SERVING_STATES, type LifecycleState, type TreeReader, type TreeRef, type TreeWriter } from '../expressway/index.js';
import type { EventHandler, EventQueue, TraceEvent } from '../../sim/index.js';
import { deepFreeze, type PeerObservation } from './observe.js';
import { TRAPS } from './traps.js';

/** What the watch reads of the twin. */
export interface TrapSource {
  peerNames(): string[];
  observe(name: string): PeerObservation;
}

/** One trap window: armed now (no `disarmedAtMs`), or an exposure that closed. */
export interface TrapWindow {
  /** catalog id (traps.ts) */
  readonly trap: string;
  readonly peer?: string;
  readonly title: string;
  readonly detail: string;
  readonly armedAtMs: number;
  /** trace sequence number of the event that armed it (0: the world was built that way) */
  readonly armedSeq: number;
  readonly disarmedAtMs?: number;
  readonly disarmedSeq?: number;
  /** 'restart': its peer restarted (or lost power) meanwhile; 'change': something was changed back */
  readonly disarmedBy?: 'restart' | 'change';
}

/**
 * The kinds that can change what a detector sees: configuration, alarms, lifecycle (a boot makes
 * saved values active and staged versions run), upgrades and the factory-reset image, and links
 * coming up or down (certificate verdicts). Everything else — packets, DNS, link retries,
 * replication runs that change nothing — is skipped: the watch must not slow a long campaign.
 */
const RELEVANT = new Set(['config.change', 'alarm.raise', 'alarm.lower', 'peer.state', 'peer.factory-reset', 'peer.factory-reset-image', 'peer.upgrade.staged', 'peer.redeployed', 'cluster.link.up', 'cluster.link.down']);

type OpenWindow = TrapWindow & { downs: number };

/** A watch as JSON (issue #15); the observations' configuration trees are in the checkpoint's tree table. */
export interface TrapWatchState {
  readonly open: readonly (readonly [string, OpenWindow])[];
  readonly exposures: readonly TrapWindow[];
  readonly downs: readonly (readonly [string, number])[];
  readonly dirty: { readonly atMs: number; readonly seq: number } | null;
  readonly scheduled: boolean;
  readonly observed: readonly (readonly [string, Omit<PeerObservation, 'saved' | 'active'> & { saved: TreeRef; active: TreeRef }])[];
  readonly stale: readonly string[];
  readonly unbackedPurges: readonly (readonly [string, number])[];
  readonly primaryWipes: readonly (readonly [string, number])[];
}

export class TrapWatch {
  private readonly open = new Map<string, OpenWindow>();
  private readonly exposures: TrapWindow[] = [];
  /** times each peer left service (restart, reboot, power loss) */
  private readonly downs = new Map<string, number>();
  private dirty: { atMs: number; seq: number } | undefined;
  private scheduled = false;
  private readonly observed = new Map<string, PeerObservation>();
  /** peers an event came from since their last observation */
  private readonly stale = new Set<string>();
  /** peer → time of a cluster-database purge done with no backup of that peer, until rebuilt (not in the trace) */
  private readonly unbackedPurges = new Map<string, number>();
  /** peer → time ForceConfigUpdate ran on it while it was the configuration primary, until restored */
  private readonly primaryWipes = new Map<string, number>();

  /** the re-evaluation at the end of an instant (a named queue handler: issue #15) */
  private readonly flushLater: EventHandler<undefined>;

  constructor(private readonly source: TrapSource, private readonly queue: EventQueue, subscribe: (listener: (e: TraceEvent) => void) => void) {
    this.flushLater = queue.handler('traps/flush', () => {
      this.scheduled = false;
      this.flush();
    });
    this.dirty = { atMs: queue.nowMs, seq: 0 };
    this.flush();
    subscribe((e) => this.heard(e));
  }

  /** Traps armed now, in catalog order of arming. */
  armed(): TrapWindow[] {
    this.flush();
    return [...this.open.values()].map(({ downs: _, ...w }) => w);
  }

  /** Closed windows that still count (catalog `exposure`), oldest first. */
  closedExposures(): TrapWindow[] {
    this.flush();
    return [...this.exposures];
  }

  saveState(trees: TreeWriter): TrapWatchState {
    return structuredClone({
      open: [...this.open], exposures: this.exposures, downs: [...this.downs], dirty: this.dirty ?? null, scheduled: this.scheduled,
      observed: [...this.observed].map(([name, o]) => [name, { ...o, saved: trees.ref(o.saved), active: trees.ref(o.active) }] as const),
      stale: [...this.stale], unbackedPurges: [...this.unbackedPurges], primaryWipes: [...this.primaryWipes],
    });
  }

  loadState(s: TrapWatchState, trees: TreeReader): void {
    const c = structuredClone(s);
    const refill = <V>(m: Map<string, V>, entries: readonly (readonly [string, V])[]): void => {
      m.clear();
      for (const [k, v] of entries) m.set(k, v);
    };
    refill(this.open, c.open);
    this.exposures.splice(0, this.exposures.length, ...c.exposures);
    refill(this.downs, c.downs);
    this.dirty = c.dirty ?? undefined;
    this.scheduled = c.scheduled;
    refill(this.observed, c.observed.map(([name, o]) => [name, deepFreeze({ ...o, saved: trees.get(o.saved), active: trees.get(o.active) })] as const));
    this.stale.clear();
    for (const n of c.stale) this.stale.add(n);
    refill(this.unbackedPurges, c.unbackedPurges);
    refill(this.primaryWipes, c.primaryWipes);
  }

  /** The peer's cluster database was purged while no backup of it existed (DOMAIN §6.18). */
  notePurgeWithoutBackup(name: string, atMs: number, seq: number): void {
    this.unbackedPurges.set(name, atMs);
    this.touch(atMs, seq);
  }

  /** ForceConfigUpdate ran on the peer while it was the configuration primary (DOMAIN §6.17). */
  notePrimaryWipe(name: string, atMs: number, seq: number): void {
    this.primaryWipes.set(name, atMs);
    this.touch(atMs, seq);
  }

  /** The peer's configuration was rebuilt (ForceConfigUpdate as a subordinate, a restore): neither danger stands. */
  noteRebuilt(name: string, atMs: number, seq: number): void {
    const purged = this.unbackedPurges.delete(name);
    if (this.primaryWipes.delete(name) || purged) this.touch(atMs, seq);
  }

  /** Something changed the world outside the trace: judge it again. */
  private touch(atMs: number, seq: number): void {
    this.dirty ??= { atMs, seq };
    this.schedule();
  }

  private heard(e: TraceEvent): void {
    if (!RELEVANT.has(e.kind)) return;
    this.stale.add(e.source);
    if (e.kind === 'peer.state' && SERVING_STATES.has(e.data.from as LifecycleState) && !SERVING_STATES.has(e.data.state as LifecycleState)) {
      this.downs.set(e.source, (this.downs.get(e.source) ?? 0) + 1);
    }
    this.touch(e.atMs, e.seq);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.flushLater.at(this.queue.nowMs, undefined);
  }

  private flush(): void {
    const since = this.dirty;
    if (!since) return;
    this.dirty = undefined;
    const peers = this.source.peerNames().map((name) => {
      let o = this.observed.get(name);
      if (!o || this.stale.has(name)) this.observed.set(name, (o = this.source.observe(name)));
      return o;
    });
    this.stale.clear();
    const world = { peers, unbackedPurges: this.unbackedPurges, primaryWipes: this.primaryWipes };
    const seen = new Set<string>();
    for (const kind of TRAPS) {
      for (const f of kind.detect(world)) {
        const key = `${kind.id}|${f.peer ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const was = this.open.get(key);
        const base = { trap: kind.id, ...(f.peer !== undefined ? { peer: f.peer } : {}), title: kind.title, detail: f.detail };
        this.open.set(key, was ? { ...was, detail: f.detail } : { ...base, armedAtMs: since.atMs, armedSeq: since.seq, downs: this.downsOf(f.peer) });
      }
    }
    for (const [key, w] of this.open) {
      if (seen.has(key)) continue;
      this.open.delete(key);
      const disarmedBy = this.downsOf(w.peer) > w.downs ? 'restart' : 'change';
      const exposure = TRAPS.find((t) => t.id === w.trap)?.exposure;
      const { downs: _, ...window } = w;
      if (exposure === 'always' || (exposure === 'undone' && disarmedBy === 'change')) {
        this.exposures.push({ ...window, disarmedAtMs: since.atMs, disarmedSeq: since.seq, disarmedBy });
      }
    }
  }

  private downsOf(peer: string | undefined): number {
    return peer === undefined ? 0 : this.downs.get(peer) ?? 0;
  }
}
