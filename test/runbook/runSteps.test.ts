// How the runner executes each kind of step (src/runbook/run.ts), on small runbooks against a real
// twin: the text a step records, its virtual time, its verdicts, how refusals and expected refusals
// read, the operator waiting for a peer that is down, `wait … until` polling, a timeline fault's heal,
// the options src/check and the lab server pass, and the declared virtual time that bounds a run.
import { describe, expect, it } from 'vitest';
import {
  declaredVirtualMs, durationMs, OPERATOR_PATIENCE_MS, runRunbook, runRunbookWith, scheduleFault, STEP_GAP_MS, toAction, WAIT_POLL_MS,
} from '../../src/runbook/run.js';
import type { Runbook, Step } from '../../src/runbook/schema.js';
import { createTwin, TIMINGS, type Topology } from '../../src/twin.js';
import { AT_BOOT, withLifecycleCrash } from '../helpers/modelFault.js';

const TWO_PEERS: Topology = {
  peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }, { name: 'expc02', lan1: { ipv4: '10.0.0.12' } }],
  cluster: { peers: ['expc01', 'expc02'] },
};
const run = (steps: Step[], more: Partial<Runbook> = {}) => runRunbook({ name: 'steps', seed: 5, topology: TWO_PEERS, steps, ...more });
const took = (r: ReturnType<typeof run>, i: number) => r.steps[i]!.endMs - r.steps[i]!.startMs;
const SAVE_ZONE = 'xConfiguration Zones Zone 1 Name: "Lab"';

describe('the seed', () => {
  it('is the option\'s, else the runbook\'s, else 1; the same seed gives the same trace', () => {
    const steps: Step[] = [{ wait: '3m' }];
    expect(run(steps, { seed: 7 }).seed).toBe(7);
    expect(runRunbook({ name: 's', seed: 7, topology: TWO_PEERS, steps }, { seed: 9 }).seed).toBe(9);
    expect(runRunbook({ name: 's', topology: TWO_PEERS, steps }).seed).toBe(1);
    expect(runRunbook({ name: 's', topology: TWO_PEERS, steps }).traceHash).toBe(runRunbook({ name: 's', seed: 1, topology: TWO_PEERS, steps }).traceHash);
    expect(run(steps, { seed: 7 }).traceHash).not.toBe(run(steps, { seed: 8 }).traceHash);
  });
});

describe('what each step records', () => {
  it('a note, an expectation list, a refused action and an accepted one', () => {
    const r = run([
      { note: 'look first' },
      { expect: [{ peer: 'expc01', state: 'running' }, { peer: 'expc02', state: 'running' }] },
      { peer: 'expc01', tshell: 'xCommand NoSuchCommand' },
      { peer: 'expc01', tshell: SAVE_ZONE },
    ]);
    expect(r.steps.map((s) => [s.text, s.ok, s.error])).toEqual([
      ['look first', true, undefined],
      ['expect expc01: state running; expc02: state running', true, undefined],
      ['expc01: xCommand NoSuchCommand', false, 'XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND: Unknown command: xCommand NoSuchCommand'],
      [`expc01: ${SAVE_ZONE}`, true, undefined],
    ]);
    expect(r.steps.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect([took(r, 0), took(r, 1), took(r, 2), took(r, 3)]).toEqual([0, 0, STEP_GAP_MS, STEP_GAP_MS]);
    expect(r.failures).toEqual([{ step: 2, claim: 'expc01: xCommand NoSuchCommand', seen: 'XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND: Unknown command: xCommand NoSuchCommand' }]);
    expect(r.passed).toBe(false);
  });

  it('each step is noted in the trace with its index, text and outcome (the armed-trap report reads them)', () => {
    const r = run([{ note: 'a' }, { peer: 'expc01', tshell: 'xCommand NoSuchCommand' }]);
    const notes = r.events.filter((e) => e.source === 'runbook' && e.kind === 'step').map((e) => e.data);
    expect(notes).toEqual([{ index: 0, text: 'a', ok: true }, { index: 1, text: 'expc01: xCommand NoSuchCommand', ok: false }]);
  });

  it('failures come in step order, a refused timeline fault among the steps\' own', () => {
    const r = run([
      { peer: 'expc02', power: 'off' },
      { wait: '2m' },
      { expect: { peer: 'expc01', state: 'restarting' } },
    ], { faults: [{ at: '90s', fault: { kind: 'power-loss', peer: 'expc02' } }] });
    expect(r.failures.map((f) => f.step)).toEqual([1, 2]);
    expect(r.failures[1]).toEqual({ step: 2, claim: 'expc01: state restarting', seen: 'state running' });
  });

  it('an expectation that holds leaves no failure and no "seen"', () => {
    const r = run([{ expect: { peer: 'expc01', state: 'running' } }]);
    expect(r.steps[0]!.verdicts).toEqual([{ ok: true, claim: 'expc01: state running' }]);
    expect(r.passed).toBe(true);
  });
});

describe('expectError', () => {
  it('matched by code or by a part of the message: the step says what it expected', () => {
    const byCode = run([{ peer: 'expc01', tshell: 'xCommand NoSuchCommand', expectError: 'XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND' }]);
    expect(byCode.steps[0]).toMatchObject({
      ok: true, text: 'expc01: xCommand NoSuchCommand (expected to be refused: XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND)',
      error: 'Unknown command: xCommand NoSuchCommand',
      verdicts: [{ ok: true, claim: 'expc01: xCommand NoSuchCommand is refused with XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND' }],
    });
    expect(byCode.passed).toBe(true);
    const byMessage = run([{ peer: 'expc01', tshell: 'xCommand NoSuchCommand', expectError: 'Unknown command' }]);
    expect(byMessage.passed).toBe(true);
  });

  it('refused for another reason: fails, showing the code and message it got', () => {
    const r = run([{ peer: 'expc01', tshell: 'xCommand NoSuchCommand', expectError: 'XTW_ERR_PEER_NO_BACKUP' }]);
    expect(r.passed).toBe(false);
    expect(r.failures).toEqual([{
      step: 0, claim: 'expc01: xCommand NoSuchCommand is refused with XTW_ERR_PEER_NO_BACKUP',
      seen: 'XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND: Unknown command: xCommand NoSuchCommand',
    }]);
  });

  it('accepted: the step has no error, and the verdict fails', () => {
    const r = run([{ peer: 'expc01', tshell: SAVE_ZONE, expectError: 'XTW_ERR_PEER_NO_BACKUP' }]);
    expect(r.steps[0]!.error).toBeUndefined();
    expect(r.steps[0]!.verdicts).toEqual([{ ok: false, claim: `expc01: ${SAVE_ZONE} is refused with XTW_ERR_PEER_NO_BACKUP`, seen: 'it was accepted' }]);
  });
});

describe('the operator and a peer that is down', () => {
  it('waits, polling each second, for the peer to serve again, and says how long', () => {
    const r = run([{ peer: 'expc02', restart: 'restart', gap: 0 }, { peer: 'expc02', tshell: SAVE_ZONE }]);
    const waited = took(r, 1) - STEP_GAP_MS;
    expect(waited).toBeGreaterThanOrEqual(TIMINGS.restartDurationMs);
    expect(waited).toBeLessThan(TIMINGS.restartDurationMs + WAIT_POLL_MS);
    expect(waited % WAIT_POLL_MS).toBe(0);
    expect(r.steps[1]!.text).toBe(`expc02: ${SAVE_ZONE} (after waiting ${Math.round(waited / 1000)} s for expc02 to come back)`);
    expect(r.passed).toBe(true);
  });

  it('a peer that stays down: gives up after its patience and the action is refused', () => {
    const r = run([{ peer: 'expc02', power: 'off' }, { peer: 'expc02', tshell: SAVE_ZONE }]);
    expect(took(r, 1)).toBe(OPERATOR_PATIENCE_MS + STEP_GAP_MS);
    expect(r.steps[1]).toMatchObject({ ok: false, text: `expc02: ${SAVE_ZONE} (after waiting 1800 s for expc02 to come back)` });
  });

  it('power steps do not wait: powering on a peer that is off is immediate', () => {
    const r = run([{ peer: 'expc02', power: 'off' }, { peer: 'expc02', power: 'on' }]);
    expect(took(r, 1)).toBe(STEP_GAP_MS);
    expect(r.steps[1]!.text).not.toContain('after waiting');
    expect(r.passed).toBe(true);
  });

  it('a peer the topology does not have is refused at once (an unvalidated runbook), not waited for', () => {
    const r = run([{ peer: 'expc09', tshell: SAVE_ZONE }]);
    expect(r.steps[0]).toMatchObject({ ok: false, endMs: STEP_GAP_MS });
    expect(r.steps[0]!.error).toMatch(/^XTW_ERR_/);
  });
});

describe('the last CLI output', () => {
  it('is the last tshell step\'s on that peer: a page save on it does not replace it', () => {
    const r = run([
      { peer: 'expc01', tshell: 'xStatus SystemUnit Software Version' },
      { peer: 'expc01', page: 'system', set: { 'SystemUnit Name': 'box' } },
      { expect: { peer: 'expc01', output: 'X14.3.1' } },
    ]);
    expect(r.failures).toEqual([]);
  });
});

describe('gaps the loader would refuse fall back to the default pace (the runner keeps the bounds)', () => {
  it.each([['8d'], ['soon']])('gap %s', (gap) => {
    const r = run([{ peer: 'expc01', tshell: SAVE_ZONE, gap } as Step]);
    expect(took(r, 0)).toBe(STEP_GAP_MS);
  });

  it('an http step is followed by the pace too, or by its own gap', () => {
    const r = run([{ peer: 'expc01', http: { path: '/status.xml' } }, { peer: 'expc01', http: { path: '/status.xml' }, gap: '5s' } as Step]);
    expect([took(r, 0), took(r, 1)]).toEqual([STEP_GAP_MS, 5_000]);
  });
});

describe('wait … until', () => {
  it('polls once a second and stops at the first poll that sees the conditions hold', () => {
    const r = run([{ peer: 'expc02', restart: 'restart', gap: 0 }, { wait: { until: { peer: 'expc02', state: 'running' }, limit: '10m' } }]);
    expect(took(r, 1)).toBeGreaterThanOrEqual(TIMINGS.restartDurationMs);
    expect(took(r, 1)).toBeLessThan(TIMINGS.restartDurationMs + WAIT_POLL_MS);
    expect(took(r, 1) % WAIT_POLL_MS).toBe(0);
  });

  it('a limit that is not a whole number of polls is kept to the millisecond', () => {
    const r = run([{ wait: { until: { peer: 'expc01', state: 'restarting' }, limit: 2_500 } }]);
    expect(took(r, 0)).toBe(2_500);
  });

  it('several conditions are joined with "and", each judged', () => {
    const r = run([{ wait: { until: [{ peer: 'expc01', state: 'running' }, { peer: 'expc02', state: 'restarting' }], limit: '5s' } }]);
    expect(r.steps[0]!.text).toBe('wait until expc01: state running and expc02: state restarting (limit 5s)');
    // Only the one that did not hold is a failure.
    expect(r.failures).toEqual([{ step: 0, claim: 'within 5s: expc02: state restarting', seen: 'state running' }]);
    const held = run([{ wait: { until: [{ peer: 'expc01', state: 'running' }, { peer: 'expc02', state: 'running' }], limit: '5s' } }]);
    expect(held.steps[0]!.verdicts).toEqual([{ ok: true, claim: 'within 5s: expc01: state running and expc02: state running' }]);
    expect(took(held, 0)).toBe(0);
  });

  it('a wait that is not a duration is refused, not run', () => {
    const r = run([{ wait: 'soon' } as Step, { wait: '1s' }]);
    expect(r.steps[0]).toMatchObject({ ok: false, text: 'wait soon', error: 'XTW_ERR_OP_BAD_FIELD: a wait: "soon" is not a valid duration; expected e.g. "90s", "2m", "1h30m"' });
    expect(r.endMs).toBe(1_000);
  });
});

describe('src/check\'s extension', () => {
  it('scales plain waits, not wait limits', () => {
    const r = runRunbookWith({ name: 'scaled', seed: 5, topology: TWO_PEERS, steps: [{ wait: '1m' }, { wait: { until: { peer: 'expc01', state: 'restarting' }, limit: '10s' } }] }, {}, { waitScale: 1.5 });
    expect([took(r, 0), took(r, 1)]).toEqual([90_000, 10_000]);
  });

  it('calls beforeSteps once with the built twin, before the first step runs', () => {
    const seen: number[] = [];
    runRunbookWith({ name: 'hook', seed: 5, topology: TWO_PEERS, steps: [{ wait: '1m' }] }, {}, { beforeSteps: (twin) => seen.push(twin.nowMs) });
    expect(seen).toEqual([0]);
  });

  it('with expectations skipped: expectations and refusals are not judged, the run passes', () => {
    const r = runRunbook({ name: 'skip', seed: 5, topology: TWO_PEERS, steps: [
      { expect: { peer: 'expc01', state: 'restarting' } },
      { peer: 'expc01', tshell: 'xCommand NoSuchCommand' },
    ] }, { expectations: 'skip' });
    expect(r.steps.map((s) => [s.text, s.ok, s.verdicts])).toEqual([['expect (judged at the end)', true, []], ['expc01: xCommand NoSuchCommand', true, []]]);
    expect(r.passed).toBe(true);
  });
});

describe('what a long-lived lab keeps', () => {
  it('traceKept and logLinesKept bound what stays in memory', () => {
    const steps: Step[] = [{ wait: '30m' }];
    const full = run(steps);
    const kept = runRunbook({ name: 'kept', seed: 5, topology: TWO_PEERS, steps }, { traceKept: 10, logLinesKept: 5 });
    expect(full.events.length).toBeGreaterThan(10);
    expect(full.twin.logLines('expc01').length).toBeGreaterThan(5);
    expect(kept.events).toHaveLength(10);
    expect(kept.twin.logLines('expc01')).toHaveLength(5);
    expect(kept.twin.logLines('expc01')).toEqual(full.twin.logLines('expc01').slice(-5));
  });
});

describe('timeline faults', () => {
  const injected = (r: ReturnType<typeof run>) => r.events.filter((e) => e.kind === 'fault.inject' || e.kind === 'fault.heal').map((e) => [e.kind, e.atMs]);

  it('fire at their time and heal at theirs', () => {
    const r = run([{ wait: '5m' }], { faults: [{ at: '1m', heal: '3m', fault: { kind: 'partition', groups: [['expc01'], ['expc02']] } }] });
    expect(injected(r)).toEqual([['fault.inject', 60_000], ['fault.heal', 180_000]]);
  });

  it('a heal time before the fault heals it as it fires', () => {
    const r = run([{ wait: '5m' }], { faults: [{ at: '1m', heal: '30s', fault: { kind: 'partition', groups: [['expc01'], ['expc02']] } }] });
    expect(injected(r)).toEqual([['fault.inject', 60_000], ['fault.heal', 60_000]]);
  });

  it('a fault a step healed already is not healed again', () => {
    const r = run([{ wait: '2m' }, { heal: 'all' }, { wait: '3m' }], { faults: [{ at: '1m', heal: '4m', fault: { kind: 'partition', groups: [['expc01'], ['expc02']] } }] });
    expect(injected(r)).toEqual([['fault.inject', 60_000], ['fault.heal', 120_000]]);
    expect(r.passed).toBe(true);
  });

  it('scheduleFault collects the callbacks and the injected fault id, so they can be ended together', () => {
    const twin = createTwin({ seed: 1, topology: TWO_PEERS });
    const handles = scheduleFault(twin, { at: '1m', heal: '2m', fault: { kind: 'loss', lossRatio: 0.1 } });
    expect(handles.events).toHaveLength(1);
    expect(handles.faults).toEqual([]);
    twin.advance(90_000);
    expect(handles.events).toHaveLength(2);
    expect(handles.faults).toEqual([twin.activeFaults()[0]!.id]);
    twin.advance(60_000);
    expect(twin.activeFaults()).toEqual([]);
  });
});

describe('toAction', () => {
  it('maps each action step to the operator action it is, and a note to none', () => {
    const cases: [Step, unknown][] = [
      [{ peer: 'p', tshell: 'x' }, { kind: 'tshell', peer: 'p', line: 'x' }],
      [{ peer: 'p', page: 'system', set: { a: 1 } }, { kind: 'page', peer: 'p', page: 'system', set: { a: 1 } }],
      [{ peer: 'p', root: 'ls' }, { kind: 'root', peer: 'p', command: 'ls' }],
      [{ peer: 'p', power: 'on' }, { kind: 'power', peer: 'p', on: true }],
      [{ peer: 'p', power: 'off' }, { kind: 'power', peer: 'p', on: false }],
      [{ peer: 'p', restart: 'reboot' }, { kind: 'restart', peer: 'p', mode: 'reboot' }],
      [{ peer: 'p', upgrade: 'X15.0' }, { kind: 'upgrade', peer: 'p', version: 'X15.0' }],
      [{ peer: 'p', backup: true }, { kind: 'backup', peer: 'p' }],
      [{ peer: 'p', restore: 'b1' }, { kind: 'restore', peer: 'p', backup: 'b1' }],
      [{ dns: { name: 'n', type: 'A', value: '10.0.0.1' } }, { kind: 'dns', name: 'n', type: 'A', value: '10.0.0.1' }],
      [{ fault: { kind: 'power-loss', peer: 'p' } }, { kind: 'fault', fault: { kind: 'power-loss', peer: 'p' } }],
      [{ heal: 'all' }, { kind: 'heal' }],
      [{ heal: 3 }, { kind: 'heal', id: 3 }],
      [{ note: 'n' }, undefined],
      [{ wait: '1s' }, undefined],
    ];
    for (const [step, action] of cases) expect(toAction(step), JSON.stringify(step)).toEqual(action);
  });
});

describe('durations', () => {
  it('durationMs reads numbers and unit strings and refuses anything else', () => {
    expect(durationMs('90s')).toBe(90_000);
    expect(durationMs(1_500)).toBe(1_500);
    expect(() => durationMs('soon')).toThrow(new RangeError('not a duration: soon'));
  });

  it('declaredVirtualMs: waits and limits, the pace after http steps, patience and pace for each action, nothing for notes and expectations', () => {
    const rb: Runbook = { name: 'd', topology: TWO_PEERS, steps: [
      { wait: '1m' }, { wait: { until: { replicated: true }, limit: '2m' } }, { peer: 'expc01', http: { path: '/status.xml' } },
      { peer: 'expc01', tshell: SAVE_ZONE, gap: '5s' } as Step, { note: 'n' }, { expect: { replicated: true } },
    ] };
    expect(declaredVirtualMs(rb)).toBe(60_000 + 120_000 + STEP_GAP_MS + OPERATOR_PATIENCE_MS + 5_000);
  });
});

describe('a twin fault met during a step fails it in the words the step was planned with', () => {
  // The seam makes expc02's actor throw as it comes back up (≥ 1 min after the start): during
  // whichever step is advancing time then. The step then has no outcome of its own to describe.
  const crashAtBoot = (steps: Step[]) => withLifecycleCrash(AT_BOOT, () => run([{ wait: '1m' }, { peer: 'expc02', restart: 'restart', gap: 0 }, ...steps]));

  it.each([
    [{ wait: { until: { peer: 'expc01', state: 'restarting' }, limit: '10m' } }, 'wait until … (limit 10m)'],
    [{ wait: '10m' }, 'wait 10m'],
    [{ peer: 'expc01', http: { path: '/status.xml' }, gap: '10m' }, 'expc01: HTTPS GET /status.xml'],
    [{ peer: 'expc01', tshell: SAVE_ZONE, gap: '10m' }, `expc01: ${SAVE_ZONE}`],
  ] as [Step, string][])('%j reads "%s"', (step, text) => {
    const r = crashAtBoot([step, { note: 'never runs' }]);
    expect(r.steps.map((s) => s.ok)).toEqual([true, true, false]);
    expect(r.steps[2]).toMatchObject({ text, error: `twin fault: ${AT_BOOT.message}` });
    expect(r.twinFaults).toEqual([expect.objectContaining({ peer: 'expc02', step: 2 })]);
    expect(r.passed).toBe(false);
  });
});
