/**
 * A runbook's fault timeline on the twin: each timed fault is injected at its time and, with a
 * `heal`, healed at that one. Both are scheduled as data (issue #15) — work named on the twin
 * (`Twin.onScheduled`) with a JSON payload — so a world with a fault still to come can be
 * checkpointed, and a twin restored from the checkpoint injects it just the same, once it has the
 * same names (`attachTimeline`, restoreTwin's `prepare`).
 *
 * Who hears of what a fault did (the runner's report of a refused fault, src/check's handles to end
 * a case's faults) is not part of the world: it is kept here beside the twin, per group of faults
 * scheduled together. A restored twin has no listeners; its faults happen all the same.
 */
import { applyAction } from '../operator/actions.js';
import { checkDurationMs, MAX_RUN_WAIT_MS } from '../operator/bounds.js';
import { parseDurationMs, type Json, type Twin } from '../twin.js';
import { notADuration } from './durations.js';
import type { TimedFault } from './schema.js';

/** The scheduled callbacks and the injected fault ids of a fault timeline, so they can be ended together. */
export interface FaultHandles {
  readonly events: number[];
  readonly faults: number[];
}

type OnRefused = (f: TimedFault, error: string) => void;

interface Listeners {
  readonly handles: FaultHandles;
  readonly onRefused: OnRefused | undefined;
}

const INJECT = 'runbook/timeline.inject';
const HEAL = 'runbook/timeline.heal';

interface InjectDue {
  readonly group: number;
  readonly fault: TimedFault;
}

interface HealDue {
  readonly group: number;
  readonly id: number;
}

/** A twin's timeline: the listeners of each group of faults scheduled on it. */
class Timeline {
  private readonly groups: Listeners[] = [];

  constructor(private readonly twin: Twin) {
    twin.onScheduled(INJECT, (p) => this.inject(p as unknown as InjectDue));
    twin.onScheduled(HEAL, (p) => this.heal(p as unknown as HealDue));
  }

  schedule(f: TimedFault, at: number, handles: FaultHandles, onRefused: OnRefused | undefined): void {
    const group = this.groups.push({ handles, onRefused }) - 1;
    handles.events.push(this.twin.schedule(at, INJECT, { group, fault: f } as unknown as Json));
  }

  private inject({ group, fault: f }: InjectDue): void {
    const listeners = this.groups[group];
    const r = applyAction(this.twin, { kind: 'fault', fault: f.fault });
    if (!r.ok) listeners?.onRefused?.(f, `${r.error.code}: ${r.error.message}`);
    const id = r.ok ? r.faultId : undefined;
    if (id === undefined) return;
    listeners?.handles.faults.push(id);
    if (f.heal !== undefined) {
      const healAt = Math.max(this.twin.nowMs, parseDurationMs(f.heal) ?? Number.NaN);
      const event = this.twin.schedule(healAt, HEAL, { group, id });
      listeners?.handles.events.push(event);
    }
  }

  private heal({ id }: HealDue): void {
    if (this.twin.activeFaults().some((x) => x.id === id)) applyAction(this.twin, { kind: 'heal', id });
  }
}

const timelines = new WeakMap<Twin, Timeline>();

/** The twin's timeline, registering its scheduled work on the twin the first time. */
function timelineOf(twin: Twin): Timeline {
  let timeline = timelines.get(twin);
  if (!timeline) timelines.set(twin, (timeline = new Timeline(twin)));
  return timeline;
}

/** Registers the timeline's work on a twin (before it loads a checkpoint that may have some pending). */
export function attachTimeline(twin: Twin): void {
  timelineOf(twin);
}

/** Schedules one timeline fault (and its heal) on the twin; `handles` collects what it creates. */
export function scheduleFault(twin: Twin, f: TimedFault, handles: FaultHandles = { events: [], faults: [] }, onRefused?: OnRefused): FaultHandles {
  const at = parseDurationMs(f.at) ?? Number.NaN;
  const late = notADuration(f.at, 'a timeline fault\'s at') ?? checkDurationMs(at, 'a timeline fault\'s at', MAX_RUN_WAIT_MS);
  if (late !== undefined) {
    onRefused?.(f, `XTW_ERR_OP_BAD_FIELD: ${late}`);
    return handles;
  }
  timelineOf(twin).schedule(f, at, handles, onRefused);
  return handles;
}
