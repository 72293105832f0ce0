/**
 * Executes a runbook against a fresh twin and records what happened (DESIGN "Runbooks"): each step
 * with its virtual time, output and error; every expectation's verdict; and, from the trace, the
 * alarms raised and cleared, peer state changes and faults — the raw material of every report.
 * Synchronous by design: a run lives on virtual time only (STYLE R5 f).
 */
import { createTwin, parseDurationMs, type Seed, type TraceEvent, type Twin } from '../twin.js';
import { applyAction } from '../operator/actions.js';
import { describeAction, type Action, type ActionResult } from '../operator/actionTypes.js';
import { checkCondition, conditionList, type Verdict } from './conditions.js';
import { armedTrapsOf, type ArmedTrap } from './armed.js';
import type { Duration, Runbook, Step, TimedFault } from './schema.js';

/** assumption: an operator spends a second between two actions (lets immediate effects settle in order). */
export const STEP_GAP_MS = 1_000;
/** `wait until` checks its condition once per virtual second. */
export const WAIT_POLL_MS = 1_000;
/**
 * assumption: an operator whose peer is down (restarting, booting, powered off) waits for its web
 * UI or SSH to come back before acting, for at most 30 minutes — then the action is refused.
 */
export const OPERATOR_PATIENCE_MS = 30 * 60_000;

export interface RunOptions {
  seed?: Seed;
  /** faults added to the runbook's own timeline (property checks inject these) */
  extraFaults?: readonly TimedFault[];
  /** scale every plain `wait` (property checks perturb timing) */
  waitScale?: number;
  /**
   * 'skip': steps run but expectations are not judged — a property check judges the end state
   * after healing instead, because mid-run expectations do not hold while faults run.
   */
  expectations?: 'judge' | 'skip';
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

export interface RunResult {
  readonly name: string;
  readonly seed: Seed;
  readonly passed: boolean;
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
  /**
   * End the faults that came from `extraFaults`: cancel those not fired yet and heal those still
   * active (a property check's liveness phase). The runbook's own timeline faults stay: they are
   * part of the scenario.
   */
  readonly endExtraFaults: () => void;
}

export function runRunbook(runbook: Runbook, options: RunOptions = {}): RunResult {
  const seed = options.seed ?? runbook.seed ?? 1;
  const twin = createTwin({ seed, topology: runbook.topology });
  for (const f of runbook.faults ?? []) scheduleFault(twin, f, { events: [], faults: [] });
  const extra: FaultHandles = { events: [], faults: [] };
  for (const f of options.extraFaults ?? []) scheduleFault(twin, f, extra);
  const lastOutput = new Map<string, readonly string[]>();
  const steps: StepRecord[] = [];
  const worldSeq = twin.events().at(-1)?.seq ?? 0;
  runbook.steps.forEach((step, index) => {
    const startMs = twin.nowMs;
    const record = runStep(twin, step, { lastOutput, waitScale: options.waitScale ?? 1, skipExpect: options.expectations === 'skip' });
    const judged = options.expectations === 'skip' ? { ...record, ok: true, verdicts: [] } : record;
    steps.push({ index, startMs, endMs: twin.nowMs, ...judged });
    twin.trace.emit('runbook', 'step', { index, text: record.text, ok: record.ok });
  });
  const failures = steps.flatMap((s) => [
    ...(s.ok ? [] : [{ step: s.index, claim: s.text, seen: s.error ?? 'failed' }]),
    ...s.verdicts.filter((v) => !v.ok).map((v) => ({ step: s.index, claim: v.claim, ...(v.seen !== undefined ? { seen: v.seen } : {}) })),
  ]);
  const endMs = twin.nowMs;
  return {
    name: runbook.name, seed, passed: failures.length === 0, steps, failures, events: twin.events(), endMs, twin,
    // Hashing a whole trace costs about as much as the run: only on demand.
    get traceHash() {
      return twin.hash();
    },
    get armedTraps() {
      return armedTrapsOf(twin, worldSeq);
    },
    endExtraFaults: () => {
      extra.events.forEach((id) => twin.queue.cancel(id));
      for (const id of extra.faults) if (twin.activeFaults().some((x) => x.id === id)) twin.heal(id);
    },
  };
}

interface StepContext {
  readonly lastOutput: Map<string, readonly string[]>;
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
  const action = toAction(step);
  if (!action) return { text: step.note ?? 'note', ok: true, output: [], verdicts: [] };
  const waitedMs = 'peer' in step && action.kind !== 'power' ? waitForPeer(twin, step.peer) : 0;
  const result: ActionResult = applyAction(twin, action);
  if ('peer' in step && 'tshell' in step) ctx.lastOutput.set(step.peer, result.output);
  const text = describeAction(action) + (waitedMs > 0 ? ` (after waiting ${Math.round(waitedMs / 1000)} s for ${(step as { peer: string }).peer} to come back)` : '');
  twin.advance(STEP_GAP_MS);
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

function runWait(twin: Twin, wait: Extract<Step, { wait: unknown }>['wait'], ctx: StepContext): StepOutcome {
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
    return {
      text: `wait until ${list.length === 1 ? verdicts[0]!.claim : verdicts.map((v) => v.claim).join(' and ')} (limit ${String(wait.limit)})`,
      ok: true, output: [],
      verdicts: held ? [] : verdicts.filter((v) => !v.ok).map((v) => ({ ...v, claim: `within ${String(wait.limit)}: ${v.claim}` })),
    };
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
  if ('restore' in step) return { kind: 'restore', peer: step.peer, backup: step.restore };
  if ('dns' in step) return { kind: 'dns', ...step.dns };
  if ('fault' in step) return { kind: 'fault', fault: step.fault };
  if ('heal' in step) return step.heal === 'all' ? { kind: 'heal' } : { kind: 'heal', id: step.heal };
  return undefined;
}

/** Queue events and fault ids of scheduled faults, so they can be ended together. */
interface FaultHandles {
  readonly events: number[];
  readonly faults: number[];
}

function scheduleFault(twin: Twin, f: TimedFault, handles: FaultHandles): void {
  const at = durationMs(f.at);
  handles.events.push(twin.queue.at(at, () => {
    const r = applyAction(twin, { kind: 'fault', fault: f.fault });
    const id = twin.activeFaults().at(-1)?.id;
    if (r.ok && id !== undefined) handles.faults.push(id);
    if (r.ok && f.heal !== undefined && id !== undefined) {
      handles.events.push(twin.queue.at(Math.max(at, durationMs(f.heal)), () => {
        if (twin.activeFaults().some((x) => x.id === id)) applyAction(twin, { kind: 'heal', id });
      }));
    }
  }));
}

export type { ArmedTrap } from './armed.js';

export function durationMs(d: Duration): number {
  const ms = parseDurationMs(d);
  if (ms === undefined) throw new RangeError(`not a duration: ${String(d)}`);
  return ms;
}
