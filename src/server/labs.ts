/**
 * The labs of one server (the registry): creating them from a runbook, finding them by id and
 * token, applying actions and moving running clocks on. Its helpers each do one job: tokens.ts
 * (who may do what), pacing.ts (virtual time for wall time), persistence.ts (a lab from its
 * store), fanout.ts (events to watchers). Every change is written to the store before it is
 * answered, and `restore` rebuilds every stored lab from its latest checkpoint and the log after
 * it (checkpoints.ts), or by replaying its whole log.
 *
 * The wall clock is read only through `wallNow` (injected), so tests drive time by hand.
 */
import { describeAction, type Action, type ActionResult } from '../operator/index.js';
import { formatRunbookErrors, parseRunbook } from '../runbook/load.js';
import { refusal, type Refusal } from './errors.js';
import { ModelFaultError } from '../twin.js';
import { completionNow } from './completion.js';
import { EventFanout, type StreamBatch } from './fanout.js';
import { Lab, labModelFault, TRAINER_ONLY, type Actor, type LabModelFault } from './lab.js';
import { MAX_LAB_WAIT_MS, MAX_LABEL_CHARS, MAX_LABS, MAX_LOG_ENTRIES, MAX_SPEED, MIN_SPEED, uploadTooBig } from './limits.js';
import { validSpeed, virtualAdvanceMs } from './pacing.js';
import { rebuildInSlices, rebuildLab } from './persistence.js';
import { runToEnd } from './slices.js';
import type { LabStore, StoredLab } from './store.js';
import { StoreHealth, StoreUnwritable } from './storeHealth.js';
import { LabCheckpoints } from './checkpoints.js';
import { NO_TWIN_CHECKPOINTS, type TwinCheckpoints } from './twinCheckpoints.js';
import { newToken, roleFor, sameToken, type Role } from './tokens.js';

export type { Role } from './tokens.js';
export type { StreamBatch } from './fanout.js';

export interface LabView {
  readonly meta: StoredLab;
  readonly lab: Lab;
  /** the last fault inside the model this lab met (its trainer sees it); kept in the store */
  readonly modelFault?: LabModelFault;
}

export type { Refusal } from './errors.js';

/** What a restore brought back: every lab, those that started from a checkpoint, what failed, what was noted. */
export interface RestoreReport {
  readonly restored: string[];
  readonly fromCheckpoint: string[];
  readonly failed: { id: string; reason: string }[];
  readonly warnings: { id: string; warning: string }[];
}
type Outcome<T> = ({ readonly ok: true } & T) | Refusal;

interface Live {
  meta: StoredLab;
  lab: Lab;
  modelFault?: LabModelFault;
  lastTickWall: number;
  readonly fanout: EventFanout;
}


export class LabManager {
  private readonly labs = new Map<string, Live>();
  /** Stored labs not yet rebuilt by a background restore: their tokens are known, the lab is not. */
  private readonly restoring = new Map<string, StoredLab>();
  private closing = false;
  /**
   * The trainer's key to the whole class: lists every lab with its grade (GET /api/labs). Made on
   * the first start and kept in the store, so the class link survives a restart.
   */
  readonly classKey: string;

  private readonly health: StoreHealth;
  private readonly checkpoints: LabCheckpoints;

  /**
   * `onError` hears of bugs met while a lab's clock ran (the lab is rebuilt and paused);
   * `onStoreProblem` hears when the store stops taking writes (a sentence) and when it is back (undefined).
   */
  constructor(
    private readonly store: LabStore,
    private readonly wallNow: () => number,
    private readonly onError: (labId: string, e: unknown) => void = () => {},
    onStoreProblem: (problem: string | undefined) => void = () => {},
    /** how a lab's world is checkpointed; none by default (every restore replays the whole log) */
    twins: TwinCheckpoints = NO_TWIN_CHECKPOINTS,
    /** hears of a checkpoint not kept, or not used at a restore (the lab is fine either way) */
    private readonly onWarning: (labId: string, warning: string) => void = () => {},
  ) {
    this.health = new StoreHealth(store, wallNow, onStoreProblem);
    this.checkpoints = new LabCheckpoints(store, twins, (write) => this.health.write(write), (id, why) => onWarning(id, `checkpoint skipped: ${why}`));
    const made = newToken(18);
    this.classKey = store.damage ? made : this.health.write(() => store.setting('class-key', () => made));
  }

  /** Why changes are refused now (the store cannot be written), or undefined: the UI's banner. */
  get storeProblem(): string | undefined {
    return this.health.problem;
  }

  /**
   * Rebuilds every stored lab in the background: each is known at once (its tokens get "restoring"),
   * and replayed in slices, `pause` letting other work run in between, so the server answers while
   * old labs come back. A lab that no longer loads is reported and left in the store untouched.
   */
  async restore(pause: () => Promise<void> = async () => {}): Promise<RestoreReport> {
    const restored: string[] = [];
    const fromCheckpoint: string[] = [];
    const warnings: { id: string; warning: string }[] = [];
    const failed: { id: string; reason: string }[] = [];
    if (this.store.damage) return { restored, fromCheckpoint, failed: [{ id: '*', reason: this.store.damage }], warnings };
    const { labs, bad } = this.store.all();
    failed.push(...bad);
    for (const meta of labs) this.restoring.set(meta.id, meta);
    for (const meta of labs) {
      if (this.closing) break;
      const rebuilt = await rebuildInSlices(this.store, meta, pause, this.checkpoints.twins);
      this.restoring.delete(meta.id);
      if (this.closing) break;
      if (!rebuilt.ok) failed.push({ id: meta.id, reason: rebuilt.reason });
      else {
        const live = this.track(meta, rebuilt.lab);
        const modelFault = this.store.modelFault(meta.id);
        if (modelFault) live.modelFault = modelFault;
        this.checkpoints.note(meta.id, rebuilt.lab, true, rebuilt.loadedLogs);
        restored.push(meta.id);
        if (rebuilt.fromCheckpoint) fromCheckpoint.push(meta.id);
        if (rebuilt.warning) {
          warnings.push({ id: meta.id, warning: rebuilt.warning });
          this.onWarning(meta.id, rebuilt.warning);
        }
      }
    }
    this.restoring.clear();
    return { restored, fromCheckpoint, failed, warnings };
  }

  /** Labs still being restored in the background. */
  get restoringCount(): number {
    return this.restoring.size;
  }

  /** Stops a background restore at its next slice (the server is closing). */
  stopRestoring(): void {
    this.closing = true;
  }

  /** A new lab from runbook text; its set-up steps run now. */
  create(options: { source: string; sourceName: string; seed?: string | number; running?: boolean; speed?: number; label?: string }): Outcome<{ view: LabView }> {
    if (this.health.problem) return this.unwritable();
    if (this.labs.size + this.restoring.size >= MAX_LABS) return refusal('XTW_ERR_SERVER_TOO_MANY_LABS', { value: MAX_LABS });
    const parsed = parseRunbook(options.source, options.sourceName);
    if (!parsed.ok) return refusal('XTW_ERR_SERVER_BAD_RUNBOOK', { value: formatRunbookErrors(parsed.errors) });
    const tooBig = uploadTooBig(parsed.runbook);
    if (tooBig) return refusal('XTW_ERR_SERVER_RUNBOOK_TOO_BIG', { file: options.sourceName, value: tooBig });
    const speed = options.speed ?? MIN_SPEED;
    if (!validSpeed(speed)) return refusal('XTW_ERR_SERVER_BAD_SPEED', { value: speed, min: MIN_SPEED, max: MAX_SPEED });
    const seed = options.seed ?? parsed.runbook.seed ?? 1;
    let lab: Lab;
    try {
      lab = Lab.open(parsed.runbook, seed);
    } catch (e) {
      // A topology the twin refuses (its own checks go further than the schema's); anything else is a bug.
      const code = (e as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('XTW_ERR_')) throw e;
      // The twin's own code and words pass through (as the operator's do), answered 400.
      return { ok: false, status: 400, code: code as `XTW_ERR_${string}`, message: (e as Error).message };
    }
    const meta: StoredLab = {
      id: newToken(5), source: options.source, sourceName: options.sourceName, seed, studentToken: newToken(18), trainerToken: newToken(18),
      running: options.running ?? true, speed, label: (options.label ?? '').trim().slice(0, MAX_LABEL_CHARS), createdAt: new Date(this.wallNow()).toISOString(),
      faultsVisible: false,
    };
    try {
      this.health.write(() => this.store.insert(meta));
    } catch (e) {
      if (e instanceof StoreUnwritable) return this.unwritable();
      throw e;
    }
    this.checkpoints.note(meta.id, lab, false);
    return { ok: true, view: this.track(meta, lab) };
  }

  get(id: string): LabView | undefined {
    const live = this.labs.get(id);
    return live && { meta: live.meta, lab: live.lab, ...(live.modelFault ? { modelFault: live.modelFault } : {}) };
  }

  list(): LabView[] {
    return [...this.labs.values()].map(({ meta, lab, modelFault }) => ({ meta, lab, ...(modelFault ? { modelFault } : {}) }));
  }

  /** Whether `presented` is the class key. */
  isClassKey(presented: string | undefined): boolean {
    return presented !== undefined && sameToken(presented, this.classKey);
  }

  /** Whether `presented` may start labs: the class key, or the trainer token of a lab on this server. */
  mayCreate(presented: string | undefined): boolean {
    if (presented === undefined) return false;
    if (this.isClassKey(presented)) return true;
    for (const live of this.labs.values()) if (sameToken(presented, live.meta.trainerToken)) return true;
    for (const meta of this.restoring.values()) if (sameToken(presented, meta.trainerToken)) return true;
    return false;
  }

  /** The lab and the role its token grants; an unknown lab and a wrong token get the same answer. */
  authorize(id: string, presented: string | undefined): Outcome<{ view: LabView; role: Role }> {
    const live = this.labs.get(id);
    const waiting = this.restoring.get(id);
    if (waiting && presented !== undefined && roleFor(waiting, presented, this.classKey)) return refusal('XTW_ERR_SERVER_RESTORING', { value: id });
    if (!live || presented === undefined) return refusal('XTW_ERR_SERVER_NO_LAB', { value: id });
    const role = roleFor(live.meta, presented, this.classKey);
    if (!role) return refusal('XTW_ERR_SERVER_NO_LAB', { value: id });
    return { ok: true, view: live, role };
  }

  /** Applies an operator action as `role`; accepted actions are stored, then watchers hear of them. */
  act(id: string, role: Role, action: Action): Outcome<{ result: ActionResult }> {
    const live = this.find(id);
    if (!live.ok) return live;
    const kind = (action as { kind?: unknown }).kind;
    if (role !== 'trainer' && TRAINER_ONLY.has(kind as Action['kind'])) {
      return refusal('XTW_ERR_SERVER_TRAINER_ONLY', { value: `use '${String(kind)}' actions` });
    }
    const wait = (action as { durationMs?: unknown }).durationMs;
    if (kind === 'wait' && typeof wait === 'number' && wait > MAX_LAB_WAIT_MS) {
      return refusal('XTW_ERR_SERVER_WAIT_TOO_LONG', { value: wait, hours: MAX_LAB_WAIT_MS / 3_600_000 });
    }
    if (this.health.problem) return this.unwritable();
    const { lab, meta } = live.live;
    if (lab.entries.length >= MAX_LOG_ENTRIES) return refusal('XTW_ERR_SERVER_LOG_FULL', { value: meta.id, max: MAX_LOG_ENTRIES });
    const before = lab.entries.length;
    let result: ActionResult;
    try {
      result = this.guarded(live.live, () => lab.apply(action, role satisfies Actor));
    } catch (e) {
      // The twin itself failed (issue #11 §1): the lab is already rebuilt from its log; say so, and tell the trainer.
      if (!(e instanceof ModelFaultError)) throw e;
      this.noteModelFault(live.live, labModelFault(e, role, describeAction(action)));
      live.live.fanout.flush(live.live.lab.twin.nowMs);
      // The twin's own code and words pass through, answered 500.
      return { ok: false, status: 500, code: e.code as `XTW_ERR_${string}`, message: `${e.message}. The action was not applied: the lab was rebuilt from its log and is as it was before it.` };
    }
    if (lab.entries.length > before && !this.stored(live.live, () => this.store.write(meta.id, before, lab.entries[before]!, false))) return this.unwritable();
    this.checkpoints.consider(meta.id, live.live.lab);
    this.noteCompletion(live.live);
    live.live.fanout.flush(lab.twin.nowMs);
    return { ok: true, result };
  }

  /** Pauses or runs the lab clock, at ×speed. */
  setClock(id: string, running: boolean, speed: number): Outcome<{ meta: StoredLab }> {
    const live = this.find(id);
    if (!live.ok) return live;
    if (!validSpeed(speed)) return refusal('XTW_ERR_SERVER_BAD_SPEED', { value: speed, min: MIN_SPEED, max: MAX_SPEED });
    if (this.health.problem) return this.unwritable();
    if (!this.advanceByWall(live.live)) return this.unwritable();
    if (!this.stored(live.live, () => this.store.setClock(id, running, speed))) return this.unwritable();
    live.live.meta = { ...live.live.meta, running, speed };
    return { ok: true, meta: live.live.meta };
  }

  /** Whether students see the faults in force (and the set-up that made them): the trainer's choice. */
  setFaultsVisible(id: string, visible: boolean): Outcome<{ meta: StoredLab }> {
    const live = this.find(id);
    if (!live.ok) return live;
    if (this.health.problem) return this.unwritable();
    try {
      this.health.write(() => this.store.setFaultsVisible(id, visible));
    } catch (e) {
      if (e instanceof StoreUnwritable) return this.unwritable();
      throw e;
    }
    live.live.meta = { ...live.live.meta, faultsVisible: visible };
    live.live.fanout.announceSettings(live.live.lab.twin.nowMs);
    return { ok: true, meta: live.live.meta };
  }

  /** Ends a lab and deletes it from the store; false when there is no such lab. */
  remove(id: string): Outcome<object> | false {
    const live = this.labs.get(id);
    if (!live) return false;
    if (this.health.problem || !this.stored(live, () => this.store.remove(id))) return this.unwritable();
    this.labs.delete(id);
    this.checkpoints.forget(id);
    live.fanout.clear();
    return { ok: true };
  }

  /** Moves every running lab's clock on by the wall time since its last tick, and flushes events. */
  tick(): void {
    runToEnd(this.ticking());
  }

  /**
   * `tick`, one lab at a time: yields after each lab, so the server's timer can run it in slices
   * (slices.ts) and a request never waits behind a hundred labs' clocks. A lab deleted or replaced
   * while the tick is under way is skipped or ticked as it now is.
   */
  *ticking(): Generator<void, void> {
    // While the store refuses writes, time stands still: a clock advance that cannot be kept
    // would be lost at the next restart. The lab clocks go on from where they stood once it is back.
    const writable = this.health.recover();
    for (const id of [...this.labs.keys()]) {
      const live = this.labs.get(id);
      if (!live) continue;
      this.tickOne(live, writable);
      yield;
    }
  }

  private tickOne(live: Live, writable: boolean): void {
    if (!writable) live.lastTickWall = this.wallNow();
    else {
      try {
        this.guarded(live, () => this.advanceByWall(live));
        this.noteCompletion(live);
      } catch (e) {
        // A bug would recur on every tick: the lab stops its clock until the trainer starts it again.
        if (e instanceof ModelFaultError) this.noteModelFault(live, labModelFault(e, 'clock', 'the lab clock'));
        live.meta = { ...live.meta, running: false };
        this.stored(live, () => this.store.setClock(live.meta.id, false, live.meta.speed));
        this.onError(live.meta.id, e);
      }
    }
    live.fanout.flush(live.lab.twin.nowMs);
  }

  /**
   * Calls `watcher` with every batch of the lab's events from now on; returns the unsubscribe, or
   * undefined when the lab is gone or already has MAX_WATCHERS_PER_LAB watchers.
   */
  watch(id: string, watcher: (batch: StreamBatch) => void): (() => void) | undefined {
    return this.labs.get(id)?.fanout.add(watcher);
  }

  private track(meta: StoredLab, lab: Lab): Live {
    const live: Live = { meta, lab, lastTickWall: this.wallNow(), fanout: new EventFanout() };
    this.attach(live, lab);
    this.labs.set(meta.id, live);
    return live;
  }

  private attach(live: Live, lab: Lab): void {
    live.lab = lab;
    live.fanout.follow(lab);
  }

  /**
   * Runs a change to a lab. An exception that is not a refusal is a bug that may have left the
   * world half changed: the lab is rebuilt from its stored log — exactly what the log says — and
   * the exception goes on (the API answers 500, "the lab is unchanged").
   */
  private guarded<T>(live: Live, change: () => T): T {
    try {
      return change();
    } catch (e) {
      const rebuilt = rebuildLab(this.store, live.meta, this.checkpoints.twins);
      if (!rebuilt.ok) throw new Error(`${(e as Error).message}; then the lab could not be rebuilt from its log: ${rebuilt.reason}`, { cause: e });
      this.attach(live, rebuilt.lab);
      throw e;
    }
  }

  /** Keeps the trainer's note of a model fault, in memory and (when it can be written) in the store. */
  private noteModelFault(live: Live, fault: LabModelFault): void {
    live.modelFault = fault;
    try {
      this.health.write(() => this.store.setModelFault(live.meta.id, fault));
    } catch (e) {
      if (!(e instanceof StoreUnwritable)) throw e; // the lab is fine; only the note is not kept
    }
  }

  /** Records the first moment every objective is met. */
  private noteCompletion(live: Live): void {
    if (live.meta.completed) return;
    const completed = completionNow(live.lab, this.wallNow());
    if (!completed) return;
    try {
      this.health.write(() => this.store.setCompleted(live.meta.id, completed));
    } catch (e) {
      if (e instanceof StoreUnwritable) return; // noted again once the store takes writes
      throw e;
    }
    live.meta = { ...live.meta, completed };
  }

  /**
   * Runs a store write for a change already made to `live`'s lab. When the store fails, the change
   * is undone — the lab is rebuilt from what the store holds — and false says so: what the server
   * acknowledges is exactly what survives a restart.
   */
  private stored(live: Live, write: () => void): boolean {
    try {
      this.health.write(write);
      return true;
    } catch (e) {
      if (!(e instanceof StoreUnwritable)) throw e;
      const rebuilt = rebuildLab(this.store, live.meta, this.checkpoints.twins);
      if (rebuilt.ok) this.attach(live, rebuilt.lab);
      else this.onError(live.meta.id, new Error(`the lab could not be rebuilt from the store after a failed write: ${rebuilt.reason}`));
      return false;
    }
  }

  private unwritable(): Refusal {
    return refusal('XTW_ERR_SERVER_STORE_UNWRITABLE', { value: this.health.problem ?? 'the lab store cannot be written' });
  }

  private find(id: string): Outcome<{ live: Live }> {
    const live = this.labs.get(id);
    return live ? { ok: true, live } : refusal('XTW_ERR_SERVER_NO_LAB', { value: id });
  }

  /** Moves a running lab's clock on for the wall time since its last tick; false when the store could not keep it (undone). */
  private advanceByWall(live: Live): boolean {
    const now = this.wallNow();
    const elapsed = Math.max(0, now - live.lastTickWall);
    live.lastTickWall = now;
    if (!live.meta.running) return true;
    const ms = virtualAdvanceMs(elapsed, live.meta.speed);
    if (ms <= 0 || live.lab.entries.length >= MAX_LOG_ENTRIES) return true;
    const { entry, folded } = live.lab.advanceClock(ms);
    if (!this.stored(live, () => this.store.write(live.meta.id, live.lab.entries.length - 1, entry, folded))) return false;
    this.checkpoints.consider(live.meta.id, live.lab);
    return true;
  }
}

