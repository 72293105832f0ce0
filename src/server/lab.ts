/**
 * One training lab: a twin built from a runbook (its steps are the trainer's set-up), the log of
 * everything done to it since, and the objectives graded against what the peers show now.
 *
 * A lab is its runbook, its seed and its log (DESIGN determinism rule): `Lab.open` followed by
 * `replay(entries)` rebuilds the very same world, byte for byte, which is how the server restores
 * labs after a restart. Only accepted actions are logged — a refused one changed nothing.
 * No clock and no I/O here: the lab manager decides when virtual time passes.
 */
import { applyAction, type Action, type ActionResult } from '../operator/index.js';
import { checkCondition, conditionList, type Verdict } from '../runbook/conditions.js';
import { runRunbook } from '../runbook/run.js';
import type { Runbook } from '../runbook/schema.js';
import { ModelFaultError, type ModelFault, type Seed, type Twin } from '../twin.js';
import { describeTwinFault } from '../runbook/report/twinFault.js';
import { runToEnd } from './slices.js';
import { MAX_CLOCK_ENTRY_MS, REPLAY_SLICE_MS } from './limits.js';
import { LAB_TWIN_OPTIONS, type TwinCheckpoints, type TwinLogs } from './twinCheckpoints.js';
import type { LogLineRange, StoredCheckpoint } from './store.js';

/** Who did it: the trainer's set-up and faults, the student's actions, or the passing of time. */
export type Actor = 'student' | 'trainer' | 'clock';

export interface LabEntry {
  readonly by: Actor;
  readonly action: Action;
}

export interface ObjectiveGrade {
  readonly title: string;
  readonly met: boolean;
  readonly verdicts: readonly Verdict[];
}

/**
 * The last fault inside the model a lab met (issue #11 §1), for its trainer: the error, who was
 * doing what, and one line to read. The lab itself was rebuilt from its log without it.
 */
export interface LabModelFault extends ModelFault {
  readonly by: Actor;
  /** what met it: the action, or "the lab clock" when time was passing */
  readonly during: string;
  readonly text: string;
}

export function labModelFault(e: ModelFaultError, by: Actor, during: string): LabModelFault {
  return { ...e.fault, by, during, text: `${describeTwinFault(e.fault, undefined, `, during ${during} (${by})`)}; the lab was rebuilt from its log without it` };
}

/** What trainers may do that students may not: break things and mend them. */
export const TRAINER_ONLY: ReadonlySet<Action['kind']> = new Set(['fault', 'heal']);

export class Lab {
  readonly runbook: Runbook;
  readonly seed: Seed;
  readonly twin: Twin;
  private readonly log: LabEntry[] = [];
  private readonly lastOutput = new Map<string, readonly string[]>();

  private constructor(runbook: Runbook, seed: Seed, restored?: Twin) {
    this.runbook = runbook;
    this.seed = seed;
    if (restored) {
      this.twin = restored;
      return;
    }
    // The set-up runs like any runbook; its expectations are not the student's business, a model fault is.
    const setUp = runRunbook(runbook, { seed, expectations: 'skip', ...LAB_TWIN_OPTIONS });
    if (setUp.twinFaults[0]) throw new ModelFaultError(setUp.twinFaults[0]);
    this.twin = setUp.twin;
  }

  static open(runbook: Runbook, seed: Seed = runbook.seed ?? 1): Lab {
    return new Lab(runbook, seed);
  }

  /**
   * Rebuilds a lab from its log (a restarted server); entries are applied exactly as they were.
   * A log that cannot have been written by a lab — a clock entry beyond MAX_CLOCK_ENTRY_MS, an
   * entry the twin now refuses — throws, naming the entry: the lab is damaged, not restorable.
   */
  static replay(runbook: Runbook, seed: Seed, entries: readonly LabEntry[]): Lab {
    return runToEnd(Lab.replaying(runbook, seed, entries));
  }

  /**
   * `replay` in slices: yields after each entry and after every REPLAY_SLICE_MS of a clock entry's
   * virtual time, so a server restoring labs in the background answers requests in between. Each
   * clock entry is logged exactly as stored (advancing in slices runs the same events as at once).
   */
  static *replaying(runbook: Runbook, seed: Seed, entries: readonly LabEntry[]): Generator<void, Lab> {
    const lab = new Lab(runbook, seed);
    yield* lab.replayFrom(entries, 0);
    return lab;
  }

  /**
   * `replaying` from a checkpoint (issue #15): the twin as saved after `checkpoint.entryCount`
   * entries (with `logs`, its peers' log lines, when they were kept apart), then the entries after it. A clock entry the checkpoint saw part of (it was folded
   * longer since) first advances the rest. Throws when the checkpoint does not fit the log.
   */
  static *resuming(runbook: Runbook, seed: Seed, checkpoint: StoredCheckpoint, entries: readonly LabEntry[], twins: TwinCheckpoints, logs?: TwinLogs): Generator<void, Lab> {
    const state = JSON.parse(checkpoint.state) as { twin: unknown; lastOutput: [string, string[]][] };
    const n = checkpoint.entryCount;
    if (!(Number.isSafeInteger(n) && n >= 0 && n <= entries.length)) throw new Error(`its checkpoint is after entry ${n}, but its log has ${entries.length}`);
    const lab = new Lab(runbook, seed, twins.load(runbook, seed, state.twin, logs));
    for (const [peer, output] of state.lastOutput) lab.lastOutput.set(peer, output);
    lab.log.push(...entries.slice(0, n));
    const last = entries[n - 1];
    const covered = checkpoint.clockCoveredMs;
    if (covered !== null) {
      const total = last?.by === 'clock' && last.action.kind === 'wait' ? last.action.durationMs : undefined;
      if (total === undefined || total < covered) throw new Error(`its checkpoint covered ${covered} ms of clock entry ${n - 1}, which the log does not have`);
      for (let left = total - covered; left > 0; left -= REPLAY_SLICE_MS) {
        lab.twin.advance(Math.min(left, REPLAY_SLICE_MS));
        yield;
      }
    }
    yield* lab.replayFrom(entries, n);
    return lab;
  }

  /**
   * What a checkpoint of this lab holds now: its twin and graded output, after how many entries;
   * `logLines`: where its peers' log lines are stored, when `twins` keeps them apart.
   */
  checkpoint(twins: TwinCheckpoints, logLines: readonly LogLineRange[] | null = null): StoredCheckpoint {
    const last = this.log.at(-1);
    return {
      format: twins.format,
      entryCount: this.log.length,
      clockCoveredMs: last?.by === 'clock' && last.action.kind === 'wait' ? last.action.durationMs : null,
      virtualMs: this.twin.nowMs,
      state: JSON.stringify({ twin: twins.save(this.twin, this.log), lastOutput: [...this.lastOutput] }),
      logLines,
    };
  }

  /** Applies `entries` from index `from` on, as they were logged. */
  private *replayFrom(entries: readonly LabEntry[], from: number): Generator<void, void> {
    const lab = this;
    for (let i = from; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.by === 'clock') {
        const ms = e.action.kind === 'wait' ? e.action.durationMs : undefined;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_CLOCK_ENTRY_MS) {
          throw new Error(`entry ${i} of its log is a clock advance of ${JSON.stringify(ms)} ms; a lab clock logs 0 to ${MAX_CLOCK_ENTRY_MS} ms an entry`);
        }
        lab.log.push({ by: 'clock', action: { kind: 'wait', durationMs: ms } });
        for (let left = ms; left > 0; left -= REPLAY_SLICE_MS) {
          lab.twin.advance(Math.min(left, REPLAY_SLICE_MS));
          yield;
        }
      } else if (!lab.apply(e.action, e.by).ok) {
        throw new Error(`entry ${i} of its log (${JSON.stringify(e.action).slice(0, 80)}) was accepted once but is refused on replay`);
      }
      yield;
    }
  }

  get title(): string {
    return this.runbook.lab?.title ?? this.runbook.name;
  }

  get entries(): readonly LabEntry[] {
    return this.log;
  }

  /** Applies an action for `by`; accepted actions join the log. */
  apply(action: Action, by: Actor): ActionResult {
    const result = applyAction(this.twin, action);
    if (!result.ok) return result;
    this.log.push({ by, action });
    if (action.kind === 'tshell') this.lastOutput.set(action.peer, result.output);
    return result;
  }

  /**
   * Lets `ms` of virtual time pass for the lab clock. Consecutive clock advances fold into one log
   * entry (advancing 3 s then 2 s runs the same events as advancing 5 s), so a lab left running for
   * a day logs one entry, not one per tick. Returns the folded entry, for the store to update.
   */
  advanceClock(ms: number): { entry: LabEntry; folded: boolean } {
    this.twin.advance(ms);
    const last = this.log.at(-1);
    if (last?.by === 'clock' && last.action.kind === 'wait' && last.action.durationMs + ms <= MAX_CLOCK_ENTRY_MS) {
      const entry: LabEntry = { by: 'clock', action: { kind: 'wait', durationMs: last.action.durationMs + ms } };
      this.log[this.log.length - 1] = entry;
      return { entry, folded: true };
    }
    const entry: LabEntry = { by: 'clock', action: { kind: 'wait', durationMs: ms } };
    this.log.push(entry);
    return { entry, folded: false };
  }

  /** Each objective, met while every one of its conditions holds now. */
  grade(): ObjectiveGrade[] {
    return (this.runbook.lab?.objectives ?? []).map((o) => {
      const verdicts = conditionList(o.expect).map((c) => checkCondition(this.twin, c, { lastOutput: this.lastOutput }));
      return { title: o.title, met: verdicts.every((v) => v.ok), verdicts };
    });
  }
}
