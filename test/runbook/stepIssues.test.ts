// The loader's last pass (src/runbook/stepChecks.ts) on runbook objects: which issue each mistake
// gives, and the path inside the runbook it points at — the loader turns that path into the
// file:line:col an author is sent to, so a wrong path sends them to the wrong line.
import { describe, expect, it } from 'vitest';
import { stepIssues } from '../../src/runbook/stepChecks.js';
import type { Runbook, Step } from '../../src/runbook/schema.js';
import type { Topology } from '../../src/twin.js';
import { MAX_RUN_WAIT_MS } from '../../src/operator/bounds.js';

const TOPOLOGY: Topology = {
  peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }, { name: 'expc02', lan1: { ipv4: '10.0.0.12' } }],
  cluster: { peers: ['expc01', 'expc02'] },
};
const issues = (steps: Step[], more: Partial<Runbook> = {}) => stepIssues({ name: 'i', topology: TOPOLOGY, steps, ...more });
const where = (steps: Step[], more: Partial<Runbook> = {}) => issues(steps, more).map((i) => [i.code, i.path.join('.')]);

describe('durations', () => {
  it('a gap beyond a wait\'s bound points at the gap; one within it is fine', () => {
    expect(where([{ peer: 'expc01', tshell: 'xStatus Alarm', gap: '8d' } as Step])).toEqual([['XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', 'steps.0.gap']]);
    expect(issues([{ peer: 'expc01', tshell: 'xStatus Alarm', gap: '7d' } as Step])).toEqual([]);
  });

  it('a wait limit beyond the bound points at the limit; a plain wait at the wait', () => {
    expect(where([{ wait: '8d' }, { wait: { until: { replicated: true }, limit: '8d' } }])).toEqual([
      ['XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', 'steps.0.wait'], ['XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', 'steps.1.wait.limit'],
    ]);
  });

  it('waits adding up past the run\'s bound: only the step that crosses it, with the sum', () => {
    const days = MAX_RUN_WAIT_MS / 86_400_000;
    const found = issues([{ wait: `${days - 1}d` }, { wait: { until: { replicated: true }, limit: '2d' } }, { wait: '1d' }, { wait: '1s' }]);
    expect(found.map((i) => i.path.join('.'))).toEqual(['steps.1.wait.limit']);
    expect(found[0]!.detail).toBe(`with this step the runbook's waits add up to ${days + 1}d, more than the ${days}d one run may wait (the twin's bound, src/operator/bounds.ts)`);
  });

  it('waits that reach the run\'s bound exactly are fine', () => {
    const days = MAX_RUN_WAIT_MS / 86_400_000;
    expect(issues([{ wait: `${days - 1}d` }, { wait: '1d' }])).toEqual([]);
  });

  it('a timeline fault\'s at and heal, each at its own place', () => {
    expect(where([{ wait: '1m' }], { faults: [{ at: '1s', heal: '30d', fault: { kind: 'loss', lossRatio: 0.1 } }, { at: '30d', fault: { kind: 'loss', lossRatio: 0.1 } }] }))
      .toEqual([['XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', 'faults.0.heal'], ['XTW_ERR_RUNBOOK_OUT_OF_BOUNDS', 'faults.1.at']]);
    expect(issues([{ wait: '1m' }], { faults: [{ at: '1s', heal: '7d', fault: { kind: 'loss', lossRatio: 0.1 } }] })).toEqual([]);
  });
});

describe('faults and steps the operator would refuse', () => {
  it('a timeline fault the twin would refuse, at its fault, saying so', () => {
    const found = issues([{ wait: '1m' }], { faults: [{ at: '1s', fault: { kind: 'partition', groups: [['expc01'], ['expc09']] } }] });
    expect(found.map((i) => [i.code, i.path.join('.')])).toEqual([['XTW_ERR_RUNBOOK_REFUSED_STEP', 'faults.0.fault']]);
    expect(found[0]!.detail).toMatch(/^this fault would be refused when it fires: XTW_ERR_\w+: /);
  });

  it('a page field points at the field (a key), a tshell line at the line', () => {
    const found = issues([
      { peer: 'expc01', page: 'system', set: { 'SystemUnit Name': 'ok', 'SystemUnit Nme': 'x' } },
      { peer: 'expc01', tshell: 'xConfiguration SystemUnit Nme: "x"' },
    ]);
    expect(found.map((i) => [i.path.join('.'), i.atKey])).toEqual([['steps.0.set.SystemUnit Nme', true], ['steps.1.tshell', false]]);
    expect(found[1]!.detail).toBe("this step would be refused whatever runs before it: XTW_ERR_PEER_UNKNOWN_KEY: Unknown configuration item: 'SystemUnit Nme' (did you mean SystemUnit Name?)");
  });

  it('root, DNS and fault steps point at their action', () => {
    expect(where([
      { peer: 'expc01', root: 'rm -rf /' },
      { dns: { name: 'bad name', type: 'A', value: '10.0.0.50' } },
      { fault: { kind: 'partition', groups: [['expc01'], ['expc01']] } },
    ]).map(([, p]) => p)).toEqual(['steps.0.root', 'steps.1.dns', 'steps.2.fault']);
  });

  it('expectError matching the refusal by code or by message silences it; another one is named', () => {
    expect(issues([{ peer: 'expc01', root: 'rm -rf /', expectError: 'XTW_ERR_OP_COMMAND_NOT_FOUND' }])).toEqual([]);
    expect(issues([{ peer: 'expc01', root: 'rm -rf /', expectError: 'command not found' }])).toEqual([]);
    const other = issues([{ peer: 'expc01', root: 'rm -rf /', expectError: 'XTW_ERR_OP_ROOT_USAGE' }]);
    expect(other[0]!.detail).toMatch(/ \(the step expects "XTW_ERR_OP_ROOT_USAGE" instead\)$/);
  });

  it('steps the operator accepts, and steps that depend on the moment, give no issue', () => {
    expect(issues([{ peer: 'expc01', tshell: 'xStatus Alarm' }, { peer: 'expc02', restart: 'restart' }, { peer: 'expc01', power: 'on' }, { note: 'n' }])).toEqual([]);
  });
});

describe('conditions', () => {
  it('an unknown alarm, in an expectation list, in a wait, and in a lab objective', () => {
    const found = issues([
      { expect: [{ peer: 'expc01', state: 'running' }, { peer: 'expc01', alarm: '2004' }] },
      { wait: { until: { peer: 'expc01', alarm: 'no-such-alarm' }, limit: '1m' } },
    ], { lab: { title: 'l', objectives: [{ title: 'o', expect: { peer: 'expc01', alarm: '99999', present: false } }] } });
    expect(found.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['XTW_ERR_RUNBOOK_UNKNOWN_CONDITION', 'steps.0.expect.1.alarm'],
      ['XTW_ERR_RUNBOOK_UNKNOWN_CONDITION', 'steps.1.wait.until.alarm'],
      ['XTW_ERR_RUNBOOK_UNKNOWN_CONDITION', 'lab.objectives.0.expect.alarm'],
    ]);
    expect(found[0]!.detail).toMatch(/^unknown alarm "2004"; expected an alarm id such as "20004" or a catalog key/);
  });

  it('known alarms by id, shown id and catalog key pass', () => {
    expect(issues([{ expect: [{ peer: 'expc01', alarm: '20004' }, { peer: 'expc01', alarm: 'cluster-tls-permissive', present: false }] }])).toEqual([]);
  });

  it('an unknown configuration key in config or active points at the key', () => {
    const found = issues([{ expect: [{ peer: 'expc01', config: { 'SystemUnit Name': 'a' } }, { peer: 'expc01', active: { 'SystemUnit Nme': 'a' } }] }]);
    expect(found.map((i) => [i.path.join('.'), i.atKey])).toEqual([['steps.0.expect.1.active.SystemUnit Nme', true]]);
    expect(found[0]!.detail).toBe('unknown configuration key "SystemUnit Nme" (did you mean SystemUnit Name?)');
  });
});

describe('the topology', () => {
  it('one the twin cannot build is one issue, without the twin\'s own code prefix; nothing else is checked', () => {
    const found = stepIssues({ name: 't', topology: { peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }, { name: 'expc01', lan1: { ipv4: '10.0.0.12' } }] }, steps: [{ peer: 'expc01', root: 'rm -rf /' }] });
    expect(found.map((i) => [i.code, i.path.join('.')])).toEqual([['XTW_ERR_RUNBOOK_BAD_TOPOLOGY', 'topology']]);
    expect(found[0]!.detail).toMatch(/^the twin cannot build this topology: (?!XTW_ERR)/);
  });
});
