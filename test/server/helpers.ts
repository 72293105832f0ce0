// Shared by the server tests: the lab runbooks as text, and a lab's procedure as operator actions.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Action } from '../../src/operator/index.js';
import { parseRunbook } from '../../src/runbook/load.js';
import { durationMs, toAction } from '../../src/runbook/run.js';
import type { Runbook } from '../../src/runbook/schema.js';
import { MAX_UPLOAD_PEERS, MAX_UPLOAD_STEPS, MAX_UPLOAD_WAIT_MS } from '../../src/server/limits.js';

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

/**
 * A runbook at the lab server's upload limits (limits.ts): MAX_UPLOAD_PEERS peers, MAX_UPLOAD_STEPS
 * steps, and waits adding up to MAX_UPLOAD_WAIT_MS — the most one rehearsal may ask of the server.
 */
export function limitsRunbook(): string {
  const peers = Array.from({ length: MAX_UPLOAD_PEERS }, (_, i) => `    - { name: expc${String(i + 1).padStart(2, '0')}, lan1: { ipv4: 10.0.0.${11 + i} } }`);
  const clustered = Array.from({ length: 6 }, (_, i) => `expc0${i + 1}`);
  const waits = MAX_UPLOAD_STEPS / 2;
  const waitMin = Math.floor(MAX_UPLOAD_WAIT_MS / 60_000 / waits);
  const steps: string[] = [];
  for (let i = 0; i < waits; i++) {
    steps.push(`  - peer: expc0${(i % 6) + 1}\n    tshell: xStatus Cluster`);
    steps.push(`  - wait: ${waitMin}m`);
  }
  return `name: at the limits\nseed: 3\ntopology:\n  domain: example.com\n  peers:\n${peers.join('\n')}\n  cluster:\n    name: cluster.example.com\n    peers: [${clustered.join(', ')}]\n    primary: expc01\nsteps:\n${steps.join('\n')}\n`;
}
