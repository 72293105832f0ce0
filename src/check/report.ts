/**
 * What a campaign tells its user: the verdict and, on failure, the shrunk case as a readable fault
 * timeline, the invariant it breaks with its class, a one-line command that replays it exactly,
 * and a runbook file that reproduces it with `xtwin run`.
 */
import { stringify } from 'yaml';
import type { Runbook, Step } from '../runbook/schema.js';
import { parseDurationMs } from '../twin.js';
import { applySwaps } from './arbitraries/order.js';
import { describeCase, timedFaults, type CheckCase } from './case.js';
import type { CampaignResult } from './campaign.js';
import { LIVENESS_MS, caseEndMs, finalExpectations, type FailureClass } from './runCase.js';
import { caseRunbook } from './world.js';

/** Exit status by the worst failure class (STYLE R11): 0 passed, 1 safety, 3 liveness, 4 crash (2 is bad input). */
export const EXIT_CODES: Record<'passed' | FailureClass, number> = { passed: 0, invariant: 1, liveness: 3, crash: 4 };

export function encodeCase(c: CheckCase): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

export function decodeCase(text: string): CheckCase | undefined {
  try {
    const c: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return isCase(c) ? c : undefined;
  } catch {
    return undefined;
  }
}

// Checked down to each fault: a damaged code must be refused as bad input, not crash the replay.
const isCount = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0;
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function isCase(c: unknown): c is CheckCase {
  return isRecord(c) && Array.isArray(c.faults) && c.faults.every((f) => isRecord(f) && isCount(f.atMs) && isCount(f.durationMs) && isRecord(f.fault) && typeof f.fault.kind === 'string')
    && typeof c.waitScale === 'number' && c.waitScale > 0 && Number.isFinite(c.waitScale)
    && Array.isArray(c.swaps) && c.swaps.every(isCount)
    && (c.extraPeers === undefined || isCount(c.extraPeers)) && (c.latencyMs === undefined || isCount(c.latencyMs))
    && (c.peerOrder === undefined || (Array.isArray(c.peerOrder) && c.peerOrder.every(isCount)));
}

/** Exit codes from the worst class down: a crash outranks a safety failure, which outranks liveness. */
const SEVERITY: readonly number[] = [EXIT_CODES.crash, EXIT_CODES.invariant, EXIT_CODES.liveness, EXIT_CODES.passed];

/** The status of several campaigns: the worst class wins — not the largest number (1, safety, outranks 3). */
export function worstExitCode(codes: readonly number[]): number {
  return SEVERITY.find((c) => codes.includes(c)) ?? EXIT_CODES.passed;
}

export function exitCode(result: CampaignResult): number {
  const classes = result.shrunk?.failures.map((f) => f.class) ?? [];
  if (classes.includes('crash')) return EXIT_CODES.crash;
  if (classes.includes('invariant')) return EXIT_CODES.invariant;
  if (classes.includes('liveness')) return EXIT_CODES.liveness;
  return EXIT_CODES.passed;
}

export function replayCommand(file: string, seed: number, c: CheckCase): string {
  return `npx xtwin check ${file} --seed ${seed} --replay ${encodeCase(c)}`;
}

/** The failure report lines (no colour; the CLI adds it). */
export function failureReport(file: string, result: CampaignResult, shrunkFile?: string): string[] {
  const s = result.shrunk;
  if (!s || !result.first) return [];
  return [
    `FAILED: ${file} — ${result.failed} of ${result.runs} runs failed, the first at run ${result.first.index + 1}`,
    ...s.failures.map((f) => `  ${f.class}: ${f.invariant}: ${f.message.split('\n')[0]}`),
    `shrunk in ${s.shrinks} step(s) to this fault timeline:`,
    ...describeCase(s.case).map((l) => `  ${l}`),
    'replay it exactly:',
    `  ${replayCommand(file, result.seed, s.case)}`,
    ...(shrunkFile ? ['or run it as a runbook:', `  npx xtwin run ${shrunkFile}`] : []),
  ];
}

/**
 * A runbook that reproduces the case: the faults on its timeline, waits and order as the case had
 * them, mid-run expectations dropped (they do not hold under faults), then heal, let the cluster
 * settle, and the runbook's final expectations.
 */
/**
 * `stepsEndMs`: when the case's steps ended (from running it); the liveness wait then starts when
 * the last fault heals, exactly as the check ran it.
 */
export function shrunkRunbook(runbook: Runbook, c: CheckCase, broken: readonly { invariant: string; message: string }[], stepsEndMs = 0): Runbook {
  const steps: Step[] = applySwaps(runbook.steps, c.swaps)
    .filter((s) => !('expect' in s))
    .map((s) => ('wait' in s && typeof s.wait !== 'object' ? { ...s, wait: `${Math.round((parseDurationMs(s.wait) ?? 0) * c.waitScale)}ms` } : s));
  const finals = finalExpectations(runbook);
  return {
    name: `${runbook.name} — shrunk failure`,
    description: `Found by xtwin check. Breaks: ${broken.map((b) => `${b.invariant} (${b.message.split('\n')[0]})`).join('; ')}`,
    ...(runbook.procedure ? { procedure: runbook.procedure } : {}),
    kind: runbook.kind ?? 'procedure',
    seed: runbook.seed ?? 1,
    topology: caseRunbook(runbook, c).topology,
    // The runbook's own timeline first, as runCase schedules them: without it the case would not replay.
    faults: [...(runbook.faults ?? []), ...timedFaults(c)],
    steps: [
      ...steps,
      { note: 'liveness phase: the faults heal on their timeline, then the cluster settles' },
      { wait: `${Math.max(0, caseEndMs(c) - stepsEndMs) + LIVENESS_MS}ms` },
      ...(finals.length ? [{ expect: finals }] : []),
    ],
  };
}

export function runbookYaml(runbook: Runbook): string {
  return stringify(runbook, { lineWidth: 0 });
}
