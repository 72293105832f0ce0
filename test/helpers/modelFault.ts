// Runbooks that make the model itself fail (issue #11 §1), for the tests of every surface that must
// report it. The model has no known real fault left — the last one, a peer's own LAN1 address
// changed in place (DOMAIN §6.9), is modelled now (`LAN1_CHANGE_YAML` runs clean, test/runbook/
// twinFault.test.ts says so) — so the test seam provides them: `FORCED` throws as expc02 enters
// 'restarting' (during the restart action), `AT_BOOT` as it enters 'running' again three minutes
// later (during a wait, like the LAN1 fault did).
import { parseRunbook } from '../../src/runbook/load.js';
import type { Runbook } from '../../src/runbook/schema.js';
import { TEST_ONLY_LIFECYCLE_CRASH, type ArmedLifecycleCrash } from '../../src/expressway/testSeam.js';

/** The two-peer cluster both runbooks start from. */
const TWO_PEER_CLUSTER = `topology:
  domain: example.com
  peers:
    - { name: expc01, lan1: { ipv4: 10.0.0.11 } }
    - { name: expc02, lan1: { ipv4: 10.0.0.12 } }
  cluster:
    peers: [expc01, expc02]
    primary: expc01
`;

export const LAN1_CHANGE_YAML = `name: change a peer's own LAN1 address
seed: 3
${TWO_PEER_CLUSTER}steps:
  - wait: 1m
  - peer: expc02
    tshell: 'xConfiguration Ethernet 1 IP V4 Address: "10.0.0.22"'
  - peer: expc02
    restart: restart
  - wait: 10m
  - expect: { peer: expc01, state: running }
`;

/** A healthy two-peer cluster whose second peer is restarted at step 2 (0-based 1), for the seam. */
export const RESTART_YAML = `name: restart a subordinate
seed: 5
${TWO_PEER_CLUSTER}steps:
  - wait: 1m
  - peer: expc02
    restart: restart
  - wait: 5m
  - expect: { peer: expc02, state: running }
`;

export function runbookOf(yaml: string, file = 'model-fault.yaml'): Runbook {
  const r = parseRunbook(yaml, file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.runbook;
}

/** Runs `f` with the test-only seam armed (a peer's actor throws on entering a state), disarmed after. */
export function withLifecycleCrash<T>(crash: ArmedLifecycleCrash, f: () => T): T {
  TEST_ONLY_LIFECYCLE_CRASH.armed = crash;
  let result: T | undefined;
  try {
    result = f();
    return result;
  } finally {
    // A promise keeps the seam armed until it settles.
    if (result instanceof Promise) void result.finally(() => delete TEST_ONLY_LIFECYCLE_CRASH.armed);
    else delete TEST_ONLY_LIFECYCLE_CRASH.armed;
  }
}

export const FORCED = { peer: 'expc02', entering: 'restarting', message: 'forced by the test seam' } as const;
/** expc02's actor throws as it comes back up after its restart: during whatever waits then. */
export const AT_BOOT = { peer: 'expc02', entering: 'running', message: 'forced by the test seam at boot', fromMs: 60_000 } as const;
