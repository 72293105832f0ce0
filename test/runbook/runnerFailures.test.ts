// The runner's failure paths (issue: a verdict must be able to say FAILED): a `wait … until` that
// reaches its limit fails the run unless the runbook marks it optional; an action expected to be
// refused that is accepted fails; a timeline fault the twin refuses when it fires fails the run
// loudly, naming the fault and the step, instead of being dropped.
import { describe, expect, it } from 'vitest';
import { runTwoPeer } from '../helpers/twoPeerRunbook.js';
import { runRunbook } from '../../src/runbook/run.js';

const run = runTwoPeer;

describe('wait … until', () => {
  const never = '{ until: { peer: expc01, alarm: "20004" }, limit: 2m }';

  it('that reaches its limit fails the run, naming the condition and the limit', () => {
    const r = run(`steps:\n  - wait: ${never}\n  - note: after\n`);
    expect(r.passed).toBe(false);
    expect(r.failures).toEqual([{ step: 0, claim: 'within 2m: expc01: alarm 20004 raised', seen: expect.stringContaining('alarms:') }]);
    expect(r.steps[0]!.endMs - r.steps[0]!.startMs).toBe(120_000);
  });

  it('marked optional goes on when its limit is reached, and says so', () => {
    const r = run(`steps:\n  - wait: ${never.replace('limit: 2m', 'limit: 2m, optional: true')}\n    note: the alarm may not come on a healthy cluster\n`);
    expect(r.passed).toBe(true);
    expect(r.steps[0]!.text).toMatch(/optional\): not reached, went on$/);
    expect(r.steps[0]!.verdicts).toEqual([]);
  });

  it('that holds is one kept check, judged by the runner', () => {
    const r = run('steps:\n  - wait: { until: { peer: expc01, state: running }, limit: 2m }\n');
    expect(r.passed).toBe(true);
    expect(r.steps[0]!.verdicts).toEqual([{ ok: true, claim: 'within 2m: expc01: state running' }]);
  });
});

describe('expectError', () => {
  it('an action that is accepted although it was expected to be refused fails the run', () => {
    const r = run('steps:\n  - { peer: expc02, tshell: "xCommand ForceConfigUpdate", expectError: XTW_ERR_PEER_NO_BACKUP }\n');
    expect(r.passed).toBe(false);
    expect(r.failures).toEqual([{ step: 0, claim: expect.stringContaining('is refused with XTW_ERR_PEER_NO_BACKUP'), seen: 'it was accepted' }]);
  });

  it('the same action refused as expected passes', () => {
    const r = run('steps:\n  - { peer: expc02, tshell: "xCommand Restore Filename: none.tar.gz.enc", expectError: XTW_ERR_PEER_NO_BACKUP }\n');
    expect(r.failures).toEqual([]);
  });
});

describe('a timeline fault refused when it fires', () => {
  it('fails the run, naming the fault, the refusal and the step it fired in (it is never dropped)', () => {
    const r = run('faults: [{ at: 90s, fault: { kind: power-loss, peer: expc02 } }]\nsteps:\n  - { peer: expc02, power: off }\n  - wait: 2m\n');
    expect(r.passed).toBe(false);
    expect(r.failures).toEqual([{ step: 1, claim: 'timeline fault at 90s: power loss on expc02 is injected', seen: expect.stringMatching(/^refused: XTW_ERR_OP_POWER_STATE: expc02 is already powered off$/) }]);
  });

  it('one the twin accepts is in the trace and the run passes', () => {
    const r = run('faults: [{ at: 90s, fault: { kind: power-loss, peer: expc02 } }]\nsteps:\n  - wait: 2m\n');
    expect(r.events.filter((e) => e.kind === 'fault.inject')).toHaveLength(1);
    expect(r.failures).toEqual([]);
  });
});

describe('the runner keeps the bounds itself (a runbook that skipped validation cannot hang it)', () => {
  const topology = { peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }] };

  it.each([[1e300], ['99999999d'], [{ until: { peer: 'expc01', state: 'running' }, limit: '99999999d' }]])('wait %j is refused at once', (wait) => {
    const r = runRunbook({ name: 'unchecked', topology, steps: [{ wait } as never, { wait: '1m' }] });
    expect(r.steps[0]).toMatchObject({ ok: false, error: expect.stringMatching(/^XTW_ERR_OP_BAD_FIELD: a wait (limit )?of .* is longer than the 7d allowed/) });
    expect(r.endMs).toBe(60_000);
  });

  it('waits that together pass the run bound: the one that crosses it is refused', () => {
    const r = runRunbook({ name: 'unchecked', topology, steps: [{ wait: '4d' }, { wait: '4d' }] });
    expect(r.steps.map((s) => s.ok)).toEqual([true, false]);
  });

  it('a timeline fault later than any run is refused, not silently never fired', () => {
    const r = runRunbook({ name: 'unchecked', topology, faults: [{ at: '30d', fault: { kind: 'loss', lossRatio: 0.1 } }], steps: [{ wait: '1s' }] });
    expect(r.failures).toEqual([{ step: 0, claim: 'timeline fault at 30d: loss everywhere 0.1 is injected', seen: expect.stringContaining("a timeline fault's at of 30d") }]);
  });
});
