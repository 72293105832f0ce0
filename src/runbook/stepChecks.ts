/**
 * The loader's last pass: every step checked the way the runner will execute it, before anything
 * runs (issue: `validate` accepts exactly what `run` can execute). The topology must be one the twin
 * builds; each action step goes through the operator's own checks (`actionProblem`: tshell syntax,
 * commands, paths, configuration keys and values, page fields, root commands, DNS changes, fault
 * parameters); every wait and timeline time is within the twin's bounds (src/operator/bounds.ts),
 * and all waits together within the run's. Only runs on a runbook the earlier passes accepted.
 */
import { ALARMS, CONFIG_KEYS, createTwin, keySpec, parseDurationMs, TwinError, type Twin } from '../twin.js';
import { actionProblem, type ActionProblem } from '../operator/precheck.js';
import { checkDurationMs, cutText, MAX_RUN_WAIT_MS, showMs } from '../operator/bounds.js';
import { suggestion } from './errors.js';
import { toAction } from './run.js';
import { conditionList } from './conditions.js';
import type { Condition, Runbook, Step } from './schema.js';
import type { Issue } from './semantics.js';

const KEY_NAMES = CONFIG_KEYS.map((k) => k.key);
const ALARM_NAMES = [...new Set(ALARMS.flatMap((a) => [a.id, a.shownId, a.key]))];

export function stepIssues(runbook: Runbook): Issue[] {
  const issues: Issue[] = [...durationIssues(runbook)];
  let twin: Twin;
  try {
    twin = createTwin({ seed: runbook.seed ?? 1, topology: runbook.topology });
  } catch (e) {
    if (!(e instanceof TwinError)) throw e;
    return [...issues, { code: 'XTW_ERR_RUNBOOK_BAD_TOPOLOGY', path: ['topology'], detail: `the twin cannot build this topology: ${cutText(e.message.replace(/^XTW_ERR_\w+: /, ''), 200)}` }];
  }
  for (const [i, f] of (runbook.faults ?? []).entries()) {
    const problem = actionProblem(twin, { kind: 'fault', fault: f.fault });
    if (problem) issues.push({ code: 'XTW_ERR_RUNBOOK_REFUSED_STEP', path: ['faults', String(i), 'fault'], detail: `this fault would be refused when it fires: ${explain(problem)}` });
  }
  issues.push(...conditionIssues(runbook));
  for (const [i, step] of runbook.steps.entries()) {
    const action = toAction(step);
    const problem = action && actionProblem(twin, action);
    if (!problem) continue;
    const expected = 'expectError' in step ? step.expectError : undefined;
    if (expected !== undefined && (problem.code === expected || problem.message.includes(expected))) continue;
    const path = ['steps', String(i), ...where(step, problem)];
    const also = expected === undefined ? '' : ` (the step expects ${JSON.stringify(cutText(expected))} instead)`;
    issues.push({ code: 'XTW_ERR_RUNBOOK_REFUSED_STEP', path, atKey: problem.field !== undefined, detail: `this step would be refused whatever runs before it: ${explain(problem)}${also}` });
  }
  return issues;
}

/** Each wait, limit and timeline time within the bounds, and the waits together within the run's. */
function durationIssues(runbook: Runbook): Issue[] {
  const issues: Issue[] = [];
  let totalMs = 0;
  for (const [i, step] of runbook.steps.entries()) {
    if ('gap' in step && step.gap !== undefined) {
      const problem = checkDurationMs(parseDurationMs(step.gap) ?? 0, 'a gap');
      if (problem) issues.push({ code: 'XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', path: ['steps', String(i), 'gap'], detail: problem });
    }
    if (!('wait' in step)) continue;
    const until = typeof step.wait === 'object';
    const path = ['steps', String(i), 'wait', ...(until ? ['limit'] : [])];
    const ms = parseDurationMs(typeof step.wait === 'object' ? step.wait.limit : step.wait) ?? 0;
    const problem = checkDurationMs(ms, until ? 'a wait limit' : 'a wait');
    if (problem) issues.push({ code: 'XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', path, detail: problem });
    else if (totalMs + ms > MAX_RUN_WAIT_MS && totalMs <= MAX_RUN_WAIT_MS) {
      const detail = `with this step the runbook's waits add up to ${showMs(totalMs + ms)}, more than the ${showMs(MAX_RUN_WAIT_MS)} one run may wait (the twin's bound, src/operator/bounds.ts)`;
      issues.push({ code: 'XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', path, detail });
    }
    totalMs += ms;
  }
  for (const [i, f] of (runbook.faults ?? []).entries()) {
    for (const field of ['at', 'heal'] as const) {
      const v = f[field];
      if (v === undefined) continue;
      const problem = checkDurationMs(parseDurationMs(v) ?? 0, `a timeline fault's ${field}`, MAX_RUN_WAIT_MS);
      if (problem) issues.push({ code: 'XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', path: ['faults', String(i), field], detail: problem });
    }
  }
  return issues;
}

/**
 * Conditions must name what the twin can show: a known alarm (an expectation of an alarm that does
 * not exist, with `present: false`, would always pass) and configuration keys that exist.
 */
function conditionIssues(runbook: Runbook): Issue[] {
  const issues: Issue[] = [];
  const visit = (c: Condition | Condition[], path: string[]) => {
    for (const [j, one] of conditionList(c).entries()) {
      const at = Array.isArray(c) ? [...path, String(j)] : path;
      if ('alarm' in one && !ALARMS.some((a) => a.id === String(one.alarm) || a.shownId === String(one.alarm) || a.key === one.alarm)) {
        issues.push({ code: 'XTW_ERR_RUNBOOK_UNKNOWN_CONDITION', path: [...at, 'alarm'], detail: `unknown alarm ${JSON.stringify(cutText(String(one.alarm)))}; expected an alarm id such as "20004" or a catalog key${suggestion(String(one.alarm), ALARM_NAMES)}` });
      }
      const keys = 'config' in one ? ['config', one.config] as const : 'active' in one ? ['active', one.active] as const : undefined;
      for (const key of keys ? Object.keys(keys[1]) : []) {
        if (keySpec(key) === undefined) issues.push({ code: 'XTW_ERR_RUNBOOK_UNKNOWN_CONDITION', path: [...at, keys![0], key], atKey: true, detail: `unknown configuration key "${cutText(key)}"${suggestion(key, KEY_NAMES)}` });
      }
    }
  };
  for (const [i, step] of runbook.steps.entries()) {
    if ('expect' in step) visit(step.expect, ['steps', String(i), 'expect']);
    if ('wait' in step && typeof step.wait === 'object') visit(step.wait.until, ['steps', String(i), 'wait', 'until']);
  }
  for (const [i, o] of (runbook.lab?.objectives ?? []).entries()) visit(o.expect, ['lab', 'objectives', String(i), 'expect']);
  return issues;
}

/** The path inside the step that the problem is about. */
function where(step: Step, problem: ActionProblem): string[] {
  if (problem.field !== undefined) return ['set', problem.field];
  const key = (['tshell', 'page', 'root', 'dns', 'fault'] as const).find((k) => k in step);
  return key === undefined ? [] : [key];
}

function explain(p: ActionProblem): string {
  const unknownKey = /^Unknown configuration item: '(.*)'$/.exec(p.message);
  const hint = unknownKey ? suggestion(unknownKey[1]!, KEY_NAMES) : '';
  return `${p.code}: ${cutText(p.message, 200)}${hint}`;
}
