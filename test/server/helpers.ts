// Shared by the server tests: the lab runbooks as text, and a lab's procedure as operator actions.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Action } from '../../src/operator/index.js';
import { parseRunbook } from '../../src/runbook/load.js';
import { durationMs, toAction } from '../../src/runbook/run.js';
import type { Runbook } from '../../src/runbook/schema.js';

const scenarios = (path: string) => fileURLToPath(new URL(`../../scenarios/${path}`, import.meta.url));

export function runbookText(path: string): string {
  return readFileSync(scenarios(path), 'utf8');
}

export function runbookAt(path: string): Runbook {
  const r = parseRunbook(runbookText(path), path);
  if (!r.ok) throw new Error(`${path} does not load`);
  return r.runbook;
}

/**
 * The steps of a procedure runbook as the actions a student would take, with its waits as `wait`
 * actions (a `wait until` becomes its limit: the student waits long enough).
 */
export function procedureActions(path: string): Action[] {
  return runbookAt(path).steps.flatMap((step): Action[] => {
    if ('wait' in step) {
      const d = typeof step.wait === 'object' ? step.wait.limit : step.wait;
      return [{ kind: 'wait', durationMs: durationMs(d) }];
    }
    const a = toAction(step);
    return a ? [a] : [];
  });
}
