// A lab is its runbook, seed and log: replaying the log rebuilds the same world, clock advances
// fold without changing it, refused actions leave no trace, and objectives follow what the peers show.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/server/catalog.js';
import { Lab } from '../../src/server/lab.js';
import type { Action } from '../../src/operator/index.js';
import { procedureActions, runbookAt } from './helpers.js';

const ADD_PEER_LAB = runbookAt('labs/add-peer.yaml');
const SOLUTION = procedureActions('procedures/add-peer.yaml');

describe('Lab', () => {
  it('grades the add-peer lab: not met at the start, every objective met once the technote procedure is done', () => {
    const lab = Lab.open(ADD_PEER_LAB);
    const before = lab.grade();
    expect(before.map((o) => o.met)).toEqual([false, false, false, true, true]);
    expect(before[0]!.verdicts.find((v) => !v.ok)?.claim).toContain('Alternates Peer 3 Address');

    for (const action of SOLUTION) expect(lab.apply(action, 'student').ok, JSON.stringify(action)).toBe(true);
    const after = lab.grade();
    expect(after.filter((o) => !o.met).map((o) => `${o.title}: ${o.verdicts.filter((v) => !v.ok).map((v) => v.seen).join('; ')}`)).toEqual([]);
  });

  it('every built-in lab loads, starts with work to do, and is solved by its model answer', () => {
    const { labs, errors } = loadCatalog();
    expect(errors).toEqual([]);
    expect(labs.map((l) => l.name).sort()).toEqual(Object.keys(MODEL_ANSWERS).sort());
    for (const entry of labs) {
      const lab = Lab.open(runbookAt(`labs/${entry.name}.yaml`));
      expect(lab.grade().some((o) => !o.met), `${entry.name} is solved before the student starts`).toBe(true);
      for (const action of MODEL_ANSWERS[entry.name]!) expect(lab.apply(action, 'student').ok, `${entry.name}: ${JSON.stringify(action)}`).toBe(true);
      const unmet = lab.grade().filter((o) => !o.met).map((o) => `${entry.name}: ${o.title}: ${o.verdicts.filter((v) => !v.ok).map((v) => v.seen).join('; ')}`);
      expect(unmet).toEqual([]);
    }
  });

  it('a restart of the primary instead of the new peer leaves the join objective unmet', () => {
    const lab = Lab.open(ADD_PEER_LAB);
    const wrong = SOLUTION.map((a) => (a.kind === 'restart' ? { ...a, peer: 'expc01' } : a));
    for (const action of wrong) lab.apply(action, 'student');
    const grade = lab.grade();
    expect(grade.find((o) => o.title.startsWith('expc03 has joined'))!.met).toBe(false);
    expect(grade.find((o) => o.title.startsWith('no restart left pending'))!.met).toBe(false);
  });

  it('logs accepted actions only: a refused one changes neither the log nor the world', () => {
    const lab = Lab.open(ADD_PEER_LAB);
    const hash = lab.twin.hash();
    const refused = lab.apply({ kind: 'tshell', peer: 'expc01', line: 'xConfiguration Alternates Peer 7 Address: "10.0.0.17"' }, 'student');
    expect(refused.ok).toBe(false);
    expect(lab.entries).toEqual([]);
    expect(lab.twin.hash()).toBe(hash);
    expect(lab.apply({ kind: 'restart', peer: 'nosuchpeer' }, 'student').ok).toBe(false);
    expect(lab.entries).toEqual([]);
  });

  it('folds consecutive clock advances into one entry that runs the same events', () => {
    const sliced = Lab.open(ADD_PEER_LAB);
    for (let i = 0; i < 40; i++) sliced.advanceClock(250);
    const whole = Lab.open(ADD_PEER_LAB);
    whole.advanceClock(10_000);
    expect(sliced.entries).toEqual([{ by: 'clock', action: { kind: 'wait', durationMs: 10_000 } }]);
    expect(sliced.twin.hash()).toBe(whole.twin.hash());
  });

  it('property: replaying the log of any session rebuilds the same world (hash, clock, grade)', () => {
    const step = fc.oneof(
      fc.record({ clock: fc.integer({ min: 1, max: 90_000 }) }),
      fc.record({ action: fc.constantFrom(...SOLUTION, ...NOISE) }),
    );
    fc.assert(fc.property(fc.array(step, { maxLength: 14 }), (steps) => {
      const lab = Lab.open(ADD_PEER_LAB);
      for (const s of steps) {
        if ('clock' in s) lab.advanceClock(s.clock);
        else lab.apply(s.action, s.action.kind === 'fault' ? 'trainer' : 'student');
      }
      const copy = Lab.replay(ADD_PEER_LAB, ADD_PEER_LAB.seed ?? 1, lab.entries);
      expect(copy.twin.nowMs).toBe(lab.twin.nowMs);
      expect(copy.twin.hash()).toBe(lab.twin.hash());
      expect(copy.grade()).toEqual(lab.grade());
      expect(copy.entries).toEqual(lab.entries);
    }), { numRuns: 12 });
  });
});

/** The procedure runbook's actions from its first `page` save on: what follows the lab's set-up. */
function fromFirstSave(path: string): Action[] {
  const actions = procedureActions(path);
  return actions.slice(actions.findIndex((a) => a.kind === 'page'));
}

/** What a good student does in each built-in lab (scenarios/labs). */
const MODEL_ANSWERS: Record<string, Action[]> = {
  'add-peer': SOLUTION,
  'enforce-tls': fromFirstSave('procedures/enforce-tls.yaml'),
  'database-failure': fromFirstSave('procedures/database-failure-recovery.yaml'),
  'replication-conflict': [
    { kind: 'tshell', peer: 'expc02', line: 'xcommand ForceConfigUpdate' },
    { kind: 'wait', durationMs: 10_000 },
  ],
  'factory-reset-trap': [
    { kind: 'page', peer: 'expc02', page: 'clustering', set: { 'Alternates Peer 1 Address': '10.0.0.11', 'Alternates Peer 2 Address': '10.0.0.12', 'Alternates Peer 3 Address': '10.0.0.13' } },
    { kind: 'restart', peer: 'expc02' },
    { kind: 'wait', durationMs: 15 * 60_000 },
  ],
};

/** Actions a student might try that are not in the procedure, some of them refused. */
const NOISE: Action[] = [
  { kind: 'tshell', peer: 'expc02', line: 'xStatus Cluster' },
  { kind: 'tshell', peer: 'expc03', line: 'xCommand ForceConfigUpdate' },
  { kind: 'restart', peer: 'expc02' },
  { kind: 'fault', fault: { kind: 'partition', groups: [['expc01'], ['expc02', 'expc03']] } },
  { kind: 'page', peer: 'expc01', page: 'clustering', set: { 'Alternates Peer 3 Address': 'not-an-address!' } },
];
