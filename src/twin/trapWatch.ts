/**
 * Watches the world for armed traps (traps.ts) as virtual time passes: when a trap arms, when it is
 * disarmed, and whether it closed by a restart of its peer or by a change. Key decision: the watch
 * listens to the trace and re-evaluates once per burst of events, in a zero-delay queue event, so it
 * judges the settled state of each instant; it never emits anything itself, so a watched run keeps
 * the trace (and hash) of an unwatched one. Each window carries the trace position of the event
 * that armed it, which a runner maps to the step that was executing.
 */
import { SERVING_STATES, type LifecycleState } from '../expressway/index.js';
import type { EventQueue, TraceEvent } from '../../sim/index.js';
import { TRAPS, type TrapWorld } from './traps.js';

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

/** Kinds that never change what a detector sees: skipping them keeps the watch cheap. */
const QUIET = /^(net\.|dns\.|log$|endpoints|runbook$|step$)/;

export class TrapWatch {
  private readonly open = new Map<string, TrapWindow & { downs: number }>();
  private readonly exposures: TrapWindow[] = [];
  /** times each peer left service (restart, reboot, power loss) */
  private readonly downs = new Map<string, number>();
  private dirty: { atMs: number; seq: number } | undefined;
  private scheduled = false;

  constructor(private readonly world: () => TrapWorld, private readonly queue: EventQueue, subscribe: (listener: (e: TraceEvent) => void) => void) {
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

  /** Something changed the world (a purge is recorded outside the trace): judge it again. */
  touch(atMs: number, seq: number): void {
    this.dirty ??= { atMs, seq };
    this.schedule();
  }

  private heard(e: TraceEvent): void {
    if (QUIET.test(e.kind)) return;
    if (e.kind === 'peer.state' && SERVING_STATES.has(e.data.from as LifecycleState) && !SERVING_STATES.has(e.data.state as LifecycleState)) {
      this.downs.set(e.source, (this.downs.get(e.source) ?? 0) + 1);
    }
    this.touch(e.atMs, e.seq);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.queue.at(this.queue.nowMs, () => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const since = this.dirty;
    if (!since) return;
    this.dirty = undefined;
    const world = this.world();
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
