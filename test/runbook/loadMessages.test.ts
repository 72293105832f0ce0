// The loader's words for each kind of mistake (src/runbook/load.ts): the code, the JSON pointer, the
// file:line:col and the sentence an author reads — one runbook per mistake, each message pinned
// whole. The schema pass turns ajv's errors into one sentence per real problem: the branch the
// author meant (a step by its action key, a fault by its kind), a suggestion for a typo, the
// allowed values, the bound that was crossed.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbook/load.js';

const HEAD = `name: t
topology:
  peers:
    - { name: expc01, lan1: { ipv4: 10.0.0.11 } }
    - { name: expc02, lan1: { ipv4: 10.0.0.12 } }
  cluster: { peers: [expc01, expc02] }
`;
const STEP_KINDS = 'tshell, page, root, power, restart, upgrade, backup, restore, redeploy, dns, fault, heal, wait, expect, http, note';
const FAULT_KINDS = 'partition, latency, loss, nat, dns-failure, power-loss, database-failure';

function problems(text: string): [string, string, string][] {
  const r = parseRunbook(text, 'p.yaml');
  return r.ok ? [] : r.errors.map((e) => [e.code, e.path, e.message]);
}
const step = (yaml: string) => `${HEAD}steps:\n  - ${yaml}\n`;

describe('the schema pass, one sentence per problem', () => {
  it.each([
    ['an unknown top-level key, with a suggestion', `${HEAD}stepz: []\nsteps:\n  - note: a\n`,
      ['XTW_ERR_RUNBOOK_UNKNOWN_KEY', '/stepz', 'p.yaml:7:1: unknown key "stepz" at the top level of the runbook; expected one of: name, description, procedure, kind, seed, topology, faults, steps, invariants, check, lab (did you mean steps?)']],
    ['a missing required key', HEAD, ['XTW_ERR_RUNBOOK_SCHEMA', '', 'p.yaml:1:1: missing key "steps" at the top level of the runbook']],
    ['a second action on a step', step('{ peer: expc01, tshell: "xStatus Alarm", root: ls }'),
      ['XTW_ERR_RUNBOOK_UNKNOWN_KEY', '/steps/0/root', 'p.yaml:8:46: "root" is a second action in this tshell step; a step does one thing, so split it into two steps']],
    ['a step with no action', step('{ peer: expc01 }'),
      ['XTW_ERR_RUNBOOK_UNKNOWN_STEP', '/steps/0', `p.yaml:8:5: this step says nothing it does; expected one of: ${STEP_KINDS}`]],
    ['a misspelled action, pointing at the key', step('{ peer: expc01, tshel: "xStatus Alarm" }'),
      ['XTW_ERR_RUNBOOK_UNKNOWN_STEP', '/steps/0/tshel', `p.yaml:8:21: "tshel" is not a step; expected one of: ${STEP_KINDS} (did you mean tshell?)`]],
    ['a misspelled action beside a note: the note does not make it a note step', step('{ note: check, peer: expc01, tshel: "xStatus Alarm" }'),
      ['XTW_ERR_RUNBOOK_UNKNOWN_STEP', '/steps/0/tshel', `p.yaml:8:34: "tshel" is not a step; expected one of: ${STEP_KINDS} (did you mean tshell?)`]],
    ['a note with a key no step has and no action resembles', step('{ note: check, colour: red }'),
      ['XTW_ERR_RUNBOOK_UNKNOWN_KEY', '/steps/0/colour', 'p.yaml:8:20: unknown key "colour" in note step; expected one of: note, expectError, independent']],
    ['a step that is not a mapping', step('5'),
      ['XTW_ERR_RUNBOOK_SCHEMA', '/steps/0', `p.yaml:8:5: expected a step: a mapping with one of ${STEP_KINDS}; got 5`]],
    ['a fault without a kind', step('fault: { peer: expc01 }'),
      ['XTW_ERR_RUNBOOK_UNKNOWN_FAULT', '/steps/0/fault', `p.yaml:8:12: a fault needs a kind; expected kind to be one of: ${FAULT_KINDS}`]],
    ['a misspelled fault kind, pointing at the kind', step('fault: { kind: partiton, groups: [[expc01], [expc02]] }'),
      ['XTW_ERR_RUNBOOK_UNKNOWN_FAULT', '/steps/0/fault/kind', `p.yaml:8:20: unknown fault kind "partiton"; expected one of: ${FAULT_KINDS} (did you mean partition?)`]],
    ['a misspelled condition', step('expect: { peer: expc01, alrm: "20004" }'),
      ['XTW_ERR_RUNBOOK_UNKNOWN_CONDITION', '/steps/0/expect/alrm', 'p.yaml:8:29: "alrm" is not a condition; expected one of: alarm, state, status, certificate, database, config, active, banner, log, output, version, factoryReset, registrations, endpointsWaiting, replicated, armed, syslog (did you mean alarm?)']],
    ['a wait of the wrong type, with examples of both forms', step('wait: [1]'),
      ['XTW_ERR_RUNBOOK_SCHEMA', '/steps/0/wait', 'p.yaml:8:11: expected wait (e.g. "90s", {"until":{"peer":"expc01","alarm":"20004"},"limit":"10m"}); got a list']],
    ['a duration in words', step('wait: 5 minutes'),
      ['XTW_ERR_RUNBOOK_BAD_DURATION', '/steps/0/wait', 'p.yaml:8:11: "5 minutes" is not a valid duration; expected e.g. "90s", "2m", "1h30m"']],
    ['a negative duration', step('wait: -5'),
      ['XTW_ERR_RUNBOOK_BAD_DURATION', '/steps/0/wait', 'p.yaml:8:11: duration in milliseconds must be >= 0; got -5']],
    ['a value out of an enum, with a suggestion', step('{ peer: expc01, restart: rebot }'),
      ['XTW_ERR_RUNBOOK_SCHEMA', '/steps/0/restart', 'p.yaml:8:30: "rebot" is not a valid restart; expected one of: restart, reboot (did you mean reboot?)']],
    ['a constant that differs', step('{ peer: expc01, backup: 3 }'), ['XTW_ERR_RUNBOOK_SCHEMA', '/steps/0/backup', 'p.yaml:8:29: expected true; got 3']],
    ['heal of neither "all" nor a fault id', step('heal: some'), ['XTW_ERR_RUNBOOK_SCHEMA', '/steps/0/heal', 'p.yaml:8:11: expected "all"; got "some"']],
    ['a number above its maximum', step('fault: { kind: loss, lossRatio: 2 }'),
      ['XTW_ERR_RUNBOOK_SCHEMA', '/steps/0/fault/lossRatio', 'p.yaml:8:37: loss ratio must be <= 1; got 2']],
    ['an empty name', `${HEAD.replace('name: t', 'name: ""')}steps:\n  - note: a\n`, ['XTW_ERR_RUNBOOK_SCHEMA', '/name', 'p.yaml:1:7: name must not be empty']],
    ['an invalid IPv4 address', `${HEAD.replace('10.0.0.12', '10.0.0.300')}steps:\n  - note: a\n`,
      ['XTW_ERR_RUNBOOK_BAD_ADDRESS', '/topology/peers/1/lan1/ipv4', 'p.yaml:5:37: "10.0.0.300" is not a valid IPv4 address; expected e.g. "10.0.0.11"']],
    ['a document that is not a mapping', '5\n', ['XTW_ERR_RUNBOOK_SCHEMA', '', 'p.yaml:1:1: expected a mapping for expressway-twin runbook; got 5']],
    ['an empty step', `${HEAD}steps:\n  -\n`, ['XTW_ERR_RUNBOOK_SCHEMA', '/steps/0', `p.yaml:8:4: expected a step: a mapping with one of ${STEP_KINDS}; got nothing (null)`]],
  ])('%s', (_what, text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it('a cluster of seven peers: its own code and count, at the list', () => {
    const text = `${HEAD.replace('cluster: { peers: [expc01, expc02] }', 'cluster: { peers: [expc01, expc02, a, b, c, d, e] }')}steps:\n  - note: a\n`;
    expect(problems(text)[0]).toEqual(['XTW_ERR_RUNBOOK_TOO_MANY_PEERS', '/topology/cluster/peers', 'p.yaml:6:21: a cluster has at most 6 peers; this one lists 7']);
  });

  it('a key with "/" or "~" is escaped in the JSON pointer', () => {
    expect(problems(step('{ peer: expc01, page: system, set: { "a/b~c": 1 } }'))[0]!.slice(0, 2)).toEqual(['XTW_ERR_RUNBOOK_REFUSED_STEP', '/steps/0/set/a~1b~0c']);
  });
});

describe('the YAML pass', () => {
  it.each([
    ['a duplicate key, named', `${HEAD}steps:\n  - note: a\nsteps:\n  - note: b\n`, 'p.yaml:9:1: duplicate key "steps"; a key may appear once in a mapping'],
    ['two documents', `${HEAD}steps:\n  - note: a\n---\nname: b\n`, 'p.yaml:9:1: more than one YAML document; expected one runbook per file'],
    ['broken syntax, in the parser\'s words on one line', `${HEAD}steps:\n  - note: [a\n`, 'p.yaml:9:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ])('%s', (_what, text, message) => {
    expect(problems(text)).toEqual([['XTW_ERR_RUNBOOK_YAML', '', message]]);
  });
});

describe('several problems', () => {
  it('come in file order, each once', () => {
    const text = `${HEAD}steps:\n  - { peer: expc01, restart: rebot }\n  - wait: 5 minutes\n  - { peer: expc01, restart: rebot }\n`;
    expect(problems(text).map(([, , m]) => m.split(':').slice(1, 3).join(':'))).toEqual(['8:30', '9:11', '10:30']);
  });
});
