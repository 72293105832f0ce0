/**
 * Executes a runbook against a fresh twin and records what happened (DESIGN "Runbooks"): each step
 * with its virtual time, output and error; every expectation's verdict; and, from the trace, the
 * alarms raised and cleared, peer state changes and faults — the raw material of every report.
 * Synchronous by design: a run lives on virtual time only (STYLE R5 f).
 */
import { createTwin, faultText, ModelFaultError, parseDurationMs, type ModelFault, type Seed, type TraceEvent, type Twin } from '../twin.js';
import { applyAction } from '../operator/actions.js';
import { checkDurationMs, MAX_RUN_WAIT_MS } from '../operator/bounds.js';
import { describeAction, describeFault, type Action, type ActionResult } from '../operator/actionTypes.js';
import { checkCondition, conditionList, type Verdict } from './conditions.js';
import { armedTrapsOf, type ArmedTrap } from './armed.js';
import { describeHttpStep, runHttpStep } from './httpStep.js';
import type { Duration, Runbook, Step, TimedFault } from './schema.js';
import { STEP_GAP_MS } from './pace.js';
import { scheduleFault } from './faultTimeline.js';
import { notADuration } from './durations.js';

export { STEP_GAP_MS } from './pace.js';
/** `wait until` checks its condition once per virtual second. */
export const WAIT_POLL_MS = 1_000;
/**
 * assumption: an operator whose peer is down (restarting, booting, powered off) waits for its web
 * UI or SSH to come back before acting, for at most 30 minutes — then the action is refused.
 */
export const OPERATOR_PATIENCE_MS = 30 * 60_000;

export interface RunOptions {
  seed?: Seed;
  /**
   * 'skip': steps run but expectations are not judged — a property check judges the end state
   * after healing instead, because mid-run expectations do not hold while faults run.
   */
  expectations?: 'judge' | 'skip';
  /** keep at most this many trace events in memory (a long-lived lab); all are still hashed */
  traceKept?: number;
  /** keep at most this many log lines a peer (a long-lived lab) */
  logLinesKept?: number;
}

/**
 * How src/check extends a run (`runRunbookWith`); not part of the plain runner's options.
 */
export interface RunExtension {
  /** scale every plain `wait` (property checks perturb timing) */
  readonly waitScale?: number;
  /** called once the world is built and the runbook's own fault timeline scheduled, before the first step */
  readonly beforeSteps?: (twin: Twin) => void;
}

export interface StepRecord {
  readonly index: number;
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly ok: boolean;
  readonly output: readonly string[];
  readonly error?: string;
  readonly verdicts: readonly Verdict[];
}

/** An error inside the model (twin/modelFaults.ts), with the runbook step that was executing when it happened. */
export interface TwinFault extends ModelFault {
  /** 0-based index of the step during which it happened; absent when the world faulted while being built */
  readonly step?: number;
}

export interface RunResult {
  readonly name: string;
  readonly seed: Seed;
  /** every expectation held, every step ran, and the model never faulted */
  readonly passed: boolean;
  /**
   * Errors inside the model: a run with one fails whatever its expectations say, and stops at the
   * step during which it happened (the twin halts; later steps are not run).
   */
  readonly twinFaults: readonly TwinFault[];
  readonly steps: readonly StepRecord[];
  readonly failures: readonly { step: number; claim: string; seen?: string }[];
  readonly events: readonly TraceEvent[];
  readonly traceHash: string;
  readonly endMs: number;
  readonly twin: Twin;
  /**
   * Latent dangers (src/twin/traps.ts): windows that closed but still count, then those left armed
   * at the end — each with the step that was executing when it armed. `passed` ignores them;
   * `xtwin run --strict` does not.
   */
  readonly armedTraps: readonly ArmedTrap[];
}

export function runRunbook(runbook: Runbook, options: RunOptions = {}): RunResult {
  return runRunbookWith(runbook, options, {});
}

/** `runRunbook` with src/check's extension (timing scaled, faults of its own scheduled before the steps). */
export function runRunbookWith(runbook: Runbook, options: RunOptions, extension: RunExtension): RunResult {
  const seed = options.seed ?? runbook.seed ?? 1;
  const twin = createTwin({ seed, topology: runbook.topology, ...(options.traceKept !== undefined ? { traceKept: options.traceKept } : {}), ...(options.logLinesKept !== undefined ? { logLinesKept: options.logLinesKept } : {}) });
  // A timeline fault the twin refuses when it fires fails the run, naming the step it fired in: never dropped.
  const refused: { step: number; claim: string; seen: string }[] = [];
  let current = -1;
  const onRefused = (f: TimedFault, error: string) => refused.push({ step: Math.max(0, current), claim: `timeline fault at ${String(f.at)}: ${describeFault(f.fault)} is injected`, seen: `refused: ${error}` });
  for (const f of runbook.faults ?? []) scheduleFault(twin, f, { events: [], faults: [] }, onRefused);
  extension.beforeSteps?.(twin);
  const lastOutput = new Map<string, readonly string[]>();
  const waited = { ms: 0 };
  const steps: StepRecord[] = [];
  const worldSeq = twin.events().at(-1)?.seq ?? 0;
  const faultedAtStep = new Map<ModelFault, number>();
  for (const [index, step] of runbook.steps.entries()) {
    if (twin.modelFaults().length > 0) break; // a halted world runs no more steps
    current = index;
    const startMs = twin.nowMs;
    const record = faultsAsFailure(twin, step, () => runStep(twin, step, { lastOutput, waited, waitScale: extension.waitScale ?? 1, skipExpect: options.expectations === 'skip' }));
    for (const f of twin.modelFaults()) if (!faultedAtStep.has(f)) faultedAtStep.set(f, index);
    // Under 'skip' a refused step is no failure (faults may refuse it); a twin fault always is.
    const judged = options.expectations === 'skip' && twin.modelFaults().length === 0 ? { ...record, ok: true, verdicts: [] } : record;
    steps.push({ index, startMs, endMs: twin.nowMs, ...judged });
    twin.note('runbook', 'step', { index, text: record.text, ok: record.ok });
  }
  const twinFaults: TwinFault[] = twin.modelFaults().map((f) => (faultedAtStep.has(f) ? { ...f, step: faultedAtStep.get(f)! } : f));
  const failures = steps.flatMap((s) => [
    ...(s.ok ? [] : [{ step: s.index, claim: s.text, seen: s.error ?? 'failed' }]),
    ...s.verdicts.filter((v) => !v.ok).map((v) => ({ step: s.index, claim: v.claim, ...(v.seen !== undefined ? { seen: v.seen } : {}) })),
  ]).concat(refused).sort((a, b) => a.step - b.step);
  const endMs = twin.nowMs;
  return {
    name: runbook.name, seed, passed: failures.length === 0 && twinFaults.length === 0, twinFaults, steps, failures, events: twin.events(), endMs, twin,
    // Hashing a whole trace costs about as much as the run: only on demand.
    get traceHash() {
      return twin.hash();
    },
    get armedTraps() {
      return armedTrapsOf(twin, worldSeq);
    },
  };
}

/** Runs a step; a model fault met on the way fails the step, in its planned words. */
function faultsAsFailure(twin: Twin, step: Step, run: () => StepOutcome): StepOutcome {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof ModelFaultError)) throw e;
    return { text: plannedText(step), ok: false, output: [], verdicts: [], error: `twin fault: ${faultText(e.fault)}` };
  }
}

/** How a step reads before it runs. */
function plannedText(step: Step): string {
  if ('expect' in step) return 'expect';
  if ('wait' in step) return typeof step.wait === 'object' && step.wait !== null ? `wait until … (limit ${String(step.wait.limit)})` : `wait ${String(step.wait)}`;
  if ('http' in step) return describeHttpStep(step.peer, step.http);
  const action = toAction(step);
  return action ? describeAction(action) : step.note ?? 'note';
}

interface StepContext {
  readonly lastOutput: Map<string, readonly string[]>;
  /** the runbook's declared waits so far (before any check scaling), held to MAX_RUN_WAIT_MS */
  readonly waited: { ms: number };
  readonly waitScale: number;
  readonly skipExpect?: boolean;
}

type StepOutcome = Pick<StepRecord, 'text' | 'ok' | 'output' | 'verdicts'> & { error?: string };

function runStep(twin: Twin, step: Step, ctx: StepContext): StepOutcome {
  if ('expect' in step) {
    if (ctx.skipExpect) return { text: 'expect (judged at the end)', ok: true, output: [], verdicts: [] };
    const verdicts = conditionList(step.expect).map((c) => checkCondition(twin, c, ctx));
    return { text: `expect ${verdicts.map((v) => v.claim).join('; ')}`, ok: true, output: [], verdicts };
  }
  if ('wait' in step) return runWait(twin, step.wait, ctx);
  if ('http' in step) {
    const outcome = runHttpStep(twin, step.peer, step.http);
    twin.advance(gapMs(step));
    return outcome;
  }
  const action = toAction(step);
  if (!action) return { text: step.note ?? 'note', ok: true, output: [], verdicts: [] };
  // Power and a fresh OVA are done on the VM, not through its web UI or SSH: nothing to wait for.
  const waitedMs = 'peer' in step && action.kind !== 'power' && action.kind !== 'redeploy' ? waitForPeer(twin, step.peer) : 0;
  const result: ActionResult = applyAction(twin, action);
  if ('peer' in step && 'tshell' in step) ctx.lastOutput.set(step.peer, result.output);
  const text = describeAction(action) + (waitedMs > 0 ? ` (after waiting ${Math.round(waitedMs / 1000)} s for ${(step as { peer: string }).peer} to come back)` : '');
  twin.advance(gapMs(step));
  if (step.expectError !== undefined) {
    const refused = !result.ok && (result.error.code === step.expectError || result.error.message.includes(step.expectError));
    return {
      text: `${text} (expected to be refused: ${step.expectError})`, ok: true, output: result.output,
      verdicts: [{ ok: refused, claim: `${text} is refused with ${step.expectError}`, ...(refused ? {} : { seen: result.ok ? 'it was accepted' : `${result.error.code}: ${result.error.message}` }) }],
      ...(result.ok ? {} : { error: result.error.message }),
    };
  }
  return result.ok
    ? { text, ok: true, output: result.output, verdicts: [] }
    : { text, ok: false, output: result.output, verdicts: [], error: `${result.error.code}: ${result.error.message}` };
}

/** The operator's pause after an action: the step's own `gap`, else STEP_GAP_MS; held to a wait's bound like the loader does. */
function gapMs(step: Step): number {
  if (!('gap' in step) || step.gap === undefined) return STEP_GAP_MS;
  const ms = parseDurationMs(step.gap);
  return ms === undefined || checkDurationMs(ms, 'a gap') !== undefined ? STEP_GAP_MS : ms;
}

function runWait(twin: Twin, wait: Extract<Step, { wait: unknown }>['wait'], ctx: StepContext): StepOutcome {
  // The loader refuses waits beyond the bounds; the runner refuses them too, so no caller can make it hang.
  const declared = typeof wait === 'object' && wait !== null ? wait.limit : wait;
  const declaredMs = parseDurationMs(declared) ?? Number.NaN;
  const what = typeof wait === 'object' ? 'a wait limit' : 'a wait';
  const beyond = notADuration(declared, what) ?? checkDurationMs(declaredMs, what)
    ?? checkDurationMs(ctx.waited.ms + declaredMs, 'the runbook\'s waits together', MAX_RUN_WAIT_MS);
  if (beyond !== undefined) return { text: `wait ${String(declared)}`, ok: false, output: [], verdicts: [], error: `XTW_ERR_OP_BAD_FIELD: ${beyond}` };
  ctx.waited.ms += declaredMs;
  if (typeof wait === 'object' && wait !== null) {
    const list = conditionList(wait.until);
    const limitMs = durationMs(wait.limit);
    const check = () => list.map((c) => checkCondition(twin, c, ctx));
    const deadline = twin.nowMs + limitMs;
    let verdicts = check();
    while (!verdicts.every((v) => v.ok) && twin.nowMs < deadline) {
      twin.advance(Math.min(WAIT_POLL_MS, deadline - twin.nowMs));
      verdicts = check();
    }
    const held = verdicts.every((v) => v.ok);
    const claims = list.length === 1 ? verdicts[0]!.claim : verdicts.map((v) => v.claim).join(' and ');
    const text = `wait until ${claims} (limit ${String(wait.limit)}${wait.optional ? ', optional' : ''})`;
    // Held: one kept check. Not held by the limit: the step fails, unless the runbook says it may not happen.
    if (held) return { text, ok: true, output: [], verdicts: [{ ok: true, claim: `within ${String(wait.limit)}: ${claims}` }] };
    if (wait.optional) return { text: `${text}: not reached, went on`, ok: true, output: [], verdicts: [] };
    return { text, ok: true, output: [], verdicts: verdicts.filter((v) => !v.ok).map((v) => ({ ...v, claim: `within ${String(wait.limit)}: ${v.claim}` })) };
  }
  const ms = Math.round(durationMs(wait) * ctx.waitScale);
  twin.advance(ms);
  return { text: `wait ${String(wait)}`, ok: true, output: [], verdicts: [] };
}

/** Wait, bounded, until the peer serves again; returns the virtual time waited. */
function waitForPeer(twin: Twin, peer: string): number {
  if (!twin.peerNames().includes(peer)) return 0;
  const start = twin.nowMs;
  const deadline = start + OPERATOR_PATIENCE_MS;
  while (!twin.observe(peer).serving && twin.nowMs < deadline) twin.advance(WAIT_POLL_MS);
  return twin.nowMs - start;
}

/** A runbook step as an operator action (undefined for a pure note). */
export function toAction(step: Step): Action | undefined {
  if ('tshell' in step) return { kind: 'tshell', peer: step.peer, line: step.tshell };
  if ('page' in step) return { kind: 'page', peer: step.peer, page: step.page, set: step.set };
  if ('root' in step) return { kind: 'root', peer: step.peer, command: step.root };
  if ('power' in step) return { kind: 'power', peer: step.peer, on: step.power === 'on' };
  if ('restart' in step) return { kind: 'restart', peer: step.peer, mode: step.restart };
  if ('upgrade' in step) return { kind: 'upgrade', peer: step.peer, version: step.upgrade };
  if ('backup' in step) return { kind: 'backup', peer: step.peer };
  if ('redeploy' in step) return { kind: 'redeploy', peer: step.peer };
  if ('restore' in step) return { kind: 'restore', peer: step.peer, backup: step.restore, ...(step.from === undefined ? {} : { from: step.from }) };
  if ('dns' in step) return { kind: 'dns', ...step.dns };
  if ('fault' in step) return { kind: 'fault', fault: step.fault };
  if ('heal' in step) return step.heal === 'all' ? { kind: 'heal' } : { kind: 'heal', id: step.heal };
  return undefined;
}

export { attachTimeline, scheduleFault, type FaultHandles } from './faultTimeline.js';

export type { ArmedTrap } from './armed.js';

export function durationMs(d: Duration): number {
  const ms = parseDurationMs(d);
  if (ms === undefined) throw new RangeError(`not a duration: ${String(d)}`);
  return ms;
}

/**
 * The most virtual time a run of `runbook` can take (before `xtwin check` scales its waits): its
 * waits and wait limits, and for each action the operator's patience with a peer that is down and
 * the gap after it. A validated runbook never runs longer (tested by property).
 */
export function declaredVirtualMs(runbook: Runbook): number {
  return runbook.steps.reduce((sum, step) => {
    if ('wait' in step) return sum + (parseDurationMs(typeof step.wait === 'object' ? step.wait.limit : step.wait) ?? 0);
    if ('http' in step) return sum + gapMs(step);
    return sum + (toAction(step) === undefined ? 0 : OPERATOR_PATIENCE_MS + gapMs(step));
  }, 0);
}
