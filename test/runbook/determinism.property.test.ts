// A run's JSON report depends only on the runbook and the seed: random runbooks (random operator
// steps, faults and waits over a small cluster) give byte-identical reports when run twice.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runRunbook } from '../../src/runbook/run.js';
import { jsonReport } from '../../src/runbook/report/json.js';
import type { Runbook, Step } from '../../src/runbook/schema.js';
import { FC_SEED } from '../setup.js';

const PEERS = ['expc01', 'expc02', 'expc03'];
const peer = fc.constantFrom(...PEERS);

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ peer, tshell: fc.constantFrom('xStatus Cluster', 'xConfiguration Zones Zone 1 Name: "Z"', 'xCommand ForceConfigUpdate', 'xConfiguration H323 Mode: Off', 'xConfiguration H323 Mode: On', 'bogus line') }),
  fc.record({ peer, restart: fc.constantFrom('restart' as const, 'reboot' as const) }),
  fc.record({ wait: fc.constantFrom('10s', '1m', '3m') }),
  fc.record({ fault: fc.record({ kind: fc.constant('partition' as const), groups: fc.constant<[string[], string[]]>([['expc03'], ['expc01', 'expc02']]) }) }),
  fc.record({ heal: fc.constant('all' as const) }),
  fc.record({ expect: fc.record({ peer, alarm: fc.constantFrom('20004', '20006', '20007') }) }),
);

const runbook: fc.Arbitrary<Runbook> = fc.record({
  name: fc.constant('random'),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  topology: fc.constant({
    peers: PEERS.map((name, i) => ({ name, lan1: { ipv4: `10.0.0.${11 + i}` } })),
    cluster: { peers: PEERS },
  }),
  steps: fc.array(step, { maxLength: 8 }),
});

describe(`runbook runner: determinism (fast-check seed ${FC_SEED})`, () => {
  it('a random runbook gives the same JSON report on two runs with the same seed', () => {
    fc.assert(
      fc.property(runbook, (rb) => {
        const a = JSON.stringify(jsonReport(runRunbook(rb)));
        const b = JSON.stringify(jsonReport(runRunbook(rb)));
        expect(a).toBe(b);
      }),
      { numRuns: 25 },
    );
  });
});
