/**
 * An action checked before anything runs: what `applyAction` would refuse whatever state the world
 * is in by then — a tshell line that does not parse or names no command, path or key; a page field
 * that does not exist, is on another page or has a value its type refuses; a root command the shell
 * does not have; a DNS change or fault whose fields are wrong; a wait beyond the bounds. What
 * depends on the moment (a peer that is down, a backup that must exist, a fault id) is the run's to
 * judge. `xtwin validate` reports each problem at its file:line:col (src/runbook/stepChecks.ts).
 *
 * @example actionProblem(twin, { kind: 'root', peer: 'expc01', command: 'rm -rf /' })?.code // 'XTW_ERR_OP_COMMAND_NOT_FOUND'
 */
import { checkValue, requireKey, type Twin } from '../twin.js';
import type { Action, ActionError } from './actionTypes.js';
import { pageEdits, prepareDns } from './actions.js';
import { checkDurationMs } from './bounds.js';
import { attempt } from './errors.js';
import { prepareFault } from './faults.js';
import { rootPlan } from './rootShell.js';
import { tshellLineProblem } from './tshell/check.js';

/** Where in the action the problem is: a page field's key, or the action as a whole. */
export interface ActionProblem extends ActionError {
  readonly field?: string;
}

/**
 * Why `action` can never be accepted, or undefined when it may be. `twin` is a fresh twin of the
 * same topology: only its peer names are consulted, never its state.
 */
export function actionProblem(twin: Twin, action: Action): ActionProblem | undefined {
  const checked = attempt(() => problemOf(twin, action));
  return checked.ok ? checked.value : checked.error;
}

function problemOf(twin: Twin, a: Action): ActionProblem | undefined {
  switch (a.kind) {
    case 'tshell':
      return tshellLineProblem(a.line);
    case 'page': {
      const edits = pageEdits(a as unknown as Record<string, unknown>);
      const fields = Object.keys(a.set);
      // Values are checked key by key, in order, as the peer's save does; the problem names its field.
      for (const [i, key] of Object.keys(edits).entries()) {
        const r = attempt(() => checkValue(requireKey(key), edits[key]));
        if (!r.ok) return { ...r.error, field: fields[i]! };
      }
      return undefined;
    }
    case 'root':
      rootPlan(a.command);
      return undefined;
    case 'dns':
      prepareDns(twin, a as unknown as Record<string, unknown>);
      return undefined;
    case 'fault':
      // A power cut or database failure depends on the peer's state at that moment: the run judges it.
      if (a.fault.kind !== 'power-loss' && a.fault.kind !== 'database-failure') prepareFault(twin, a.fault);
      return undefined;
    case 'wait': {
      const problem = checkDurationMs(a.durationMs, 'a wait');
      return problem === undefined ? undefined : { code: 'XTW_ERR_OP_BAD_FIELD', message: problem };
    }
    default:
      return undefined;
  }
}
