// A two-peer cluster runbook from a steps (or faults) body, for runner tests that need a small
// world: parsed as the loader does, and run.
import { parseRunbook } from '../../src/runbook/load.js';
import { runRunbook, type RunResult } from '../../src/runbook/run.js';

export const TWO_PEER_HEAD = `name: two peers
seed: 3
topology:
  peers:
    - { name: expc01, lan1: { ipv4: 10.0.0.11 } }
    - { name: expc02, lan1: { ipv4: 10.0.0.12 } }
  cluster: { peers: [expc01, expc02] }
`;

export function parseTwoPeer(body: string, file = 'plan.yaml') {
  return parseRunbook(TWO_PEER_HEAD + body, file);
}

export function runTwoPeer(body: string): RunResult {
  const r = parseTwoPeer(body);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return runRunbook(r.runbook);
}
