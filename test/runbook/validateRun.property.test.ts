// `validate` accepts exactly what `run` can execute (fast-check, real shrinking): for generated
// runbooks — tshell lines, page saves and root commands with right and wrong keys, values and
// words; waits, limits and faults inside and beyond the bounds; timeline faults — the loader says
// ok exactly when the runner starts every step and every timeline fault without a refusal. And a
// runbook that validates never runs longer than its declared virtual time: no validated runbook hangs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseRunbook } from '../../src/runbook/load.js';
import { declaredVirtualMs, runRunbook, type RunResult } from '../../src/runbook/run.js';
import type { Runbook, Step, TimedFault } from '../../src/runbook/schema.js';
import { FC_SEED } from '../setup.js';

const PEERS = ['expc01', 'expc02', 'expc03'];
const peer = fc.constantFrom(...PEERS);
/** Keys right and wrong (misspelled, a seventh peer, a list key the CLI cannot set). */
const key = fc.constantFrom('SystemUnit Name', 'SystemUnit Nme', 'H323 Gatekeeper TimeToLive', 'Call Routed Mode', 'Alternates Peer 9 Address', 'Alternates Cluster AddressMapping Entries');
const value = fc.constantFrom<string | number>('box', 120, 5, 'Optimal', 'Sometimes', 'a b');
const tshellValue = (v: string | number) => (typeof v === 'number' ? String(v) : `"${v}"`);

const tshell = fc.oneof(
  fc.tuple(key, value).map(([k, v]) => `xConfiguration ${k}: ${tshellValue(v)}`),
  fc.constantFrom('xStatus Alarm', 'xStatus Nothing', 'xConfiguration SystemUnit', 'xConfiguration Nowhere', 'xCommand Frobnicate', 'xConfiguration "open', 'help xStatus', 'xconfig', '',
    'xCommand DefaultValuesSet Level: 9', 'xCommand Option Key Delete OptionKeyId: 99', 'xCommand Cluster Address Mapping Add Fqdn: "no name" IpAddress: "10.0.0.50"'),
);
const action: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ peer, tshell }),
  fc.record({ peer, page: fc.constantFrom('system' as const, 'protocols' as const, 'call-routing' as const), set: fc.dictionary(key, value, { minKeys: 1, maxKeys: 2 }) }),
  fc.record({ peer, root: fc.constantFrom('cp /tmp/rk /mnt/harddisk/factory-reset/rk', 'rm -rf /', 'factory-reset now', 'cp a b c', 'mv s42700x15_0_2.tar.gz /mnt/harddisk/factory-reset/other') }),
  fc.record({ fault: fc.record({ kind: fc.constant('latency' as const), latencyMsMean: fc.constantFrom(50, 400, 70_000) }) }),
  fc.record({ dns: fc.record({ name: fc.constantFrom('expc09.example.com', 'not a name'), type: fc.constant('A' as const), value: fc.constant('10.0.0.99') }) }),
);
const duration = fc.constantFrom<string | number>('10s', '1m', 90_000, '8d', '99999999d', 1e300);
const wait: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ wait: duration }),
  fc.record({ wait: fc.record({ until: fc.record({ peer, state: fc.constant('running') }), limit: duration }) }),
);
const timedFault: fc.Arbitrary<TimedFault> = fc.record({
  at: fc.constantFrom<string | number>('1s', '30s', '30d'),
  fault: fc.record({ kind: fc.constant('loss' as const), lossRatio: fc.constantFrom(0.1, 0.5) }),
});

const runbook: fc.Arbitrary<Runbook> = fc.record({
  name: fc.constant('generated'),
  seed: fc.integer({ min: 1, max: 1_000 }),
  topology: fc.constant({ peers: PEERS.map((name, i) => ({ name, lan1: { ipv4: `10.0.0.${11 + i}` } })), cluster: { peers: PEERS } }),
  faults: fc.array(timedFault, { maxLength: 2 }),
  steps: fc.array(fc.oneof(action, wait), { minLength: 1, maxLength: 6 }),
});

/** What the runner refused: steps it did not start, timeline faults it could not inject. */
function refusals(run: RunResult): string[] {
  return [
    ...run.steps.filter((s) => !s.ok).map((s) => `#${s.index + 1} ${s.text}: ${s.error ?? ''}`),
    ...run.failures.filter((f) => f.claim.startsWith('timeline fault')).map((f) => `${f.claim}: ${f.seen ?? ''}`),
  ];
}

describe(`validate ⇔ run (fast-check seed ${FC_SEED})`, () => {
  it('the loader accepts a runbook exactly when the runner starts every step and fault without a refusal; validated runs stay within their declared time', () => {
    fc.assert(
      fc.property(runbook, (rb) => {
        // Through YAML, as a user writes it: the loader sees text, the runner the loaded value.
        const loaded = parseRunbook(stringify(rb), 'generated.yaml');
        // The runner is run on the raw value when the loader refuses: it must refuse too, and not hang.
        const run = runRunbook(loaded.ok ? loaded.runbook : rb);
        const refused = refusals(run);
        const problems = loaded.ok ? [] : loaded.errors.map((e) => e.message);
        expect({ validated: loaded.ok, refusedAtRun: refused.length > 0 }, `loader: ${problems.join(' | ')}\nrunner: ${refused.join(' | ')}`)
          .toEqual({ validated: refused.length === 0, refusedAtRun: !loaded.ok });
        if (loaded.ok) expect(run.endMs).toBeLessThanOrEqual(declaredVirtualMs(loaded.runbook));
      }),
    );
  });
});
