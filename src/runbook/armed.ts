/**
 * The traps a run leaves armed, and those it held armed for a while for nothing (an exposure: a
 * factory reset armed and later undone), each tied to the runbook step that was executing when the
 * trace recorded the event that armed it. The twin watches the traps (src/twin/traps.ts); the
 * runner knows the steps: the trace holds one `step` event at the end of each.
 */
import type { TraceEvent, Twin, TrapWindow } from '../twin.js';

export interface ArmedTrap {
  /** catalog id (`xtwin` trap catalog, src/twin/traps.ts) */
  readonly trap: string;
  readonly peer?: string;
  readonly title: string;
  readonly detail: string;
  readonly armedAtMs: number;
  /** 0-based index of the step during which it armed; absent when the world was built that way */
  readonly armedByStep?: number;
  /** set for an exposure: a window that closed before the end of the run but still counts */
  readonly disarmedAtMs?: number;
  readonly disarmedByStep?: number;
}

/** Where each step ended in the trace: the sequence number of its `step` event. */
export function stepEnds(events: readonly TraceEvent[]): { index: number; seq: number }[] {
  return events.filter((e) => e.source === 'runbook' && e.kind === 'step').map((e) => ({ index: Number(e.data.index), seq: e.seq }));
}

/**
 * The run's armed traps: exposures first (oldest first), then those armed at the end.
 * @param worldSeq the last trace sequence number before the first step ran
 */
export function armedTrapsOf(twin: Twin, worldSeq: number): ArmedTrap[] {
  const ends = stepEnds(twin.events());
  const stepOf = (seq: number | undefined): number | undefined => {
    if (seq === undefined || seq <= worldSeq) return undefined;
    return ends.find((s) => s.seq > seq)?.index;
  };
  const convert = (w: TrapWindow): ArmedTrap => {
    const armedByStep = stepOf(w.armedSeq);
    const disarmedByStep = stepOf(w.disarmedSeq);
    return {
      trap: w.trap, ...(w.peer !== undefined ? { peer: w.peer } : {}), title: w.title, detail: w.detail, armedAtMs: w.armedAtMs,
      ...(armedByStep !== undefined ? { armedByStep } : {}),
      ...(w.disarmedAtMs !== undefined ? { disarmedAtMs: w.disarmedAtMs } : {}),
      ...(disarmedByStep !== undefined ? { disarmedByStep } : {}),
    };
  };
  return [...twin.trapExposures(), ...twin.armedTraps()].map(convert);
}
