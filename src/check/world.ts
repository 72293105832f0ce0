/**
 * The world a case runs in: the runbook's topology, varied within the ranges the runbook declares
 * (`check.extraPeers`, `check.latencyMs`). Extra peers are subordinates appended to the cluster,
 * on their own addresses, so steps that name the runbook's peers are unaffected.
 */
import type { Runbook } from '../runbook/schema.js';
import type { CheckCase } from './case.js';
import { CheckError } from './errors.js';

export function extraPeerName(i: number): string {
  return `extra${i + 1}`;
}

/** The runbook with the case's topology variation applied (the runbook itself when none). */
export function caseRunbook(runbook: Runbook, c: CheckCase): Runbook {
  if (!c.extraPeers && c.latencyMs === undefined) return runbook;
  const t = runbook.topology;
  // On an IPv6 cluster an extra peer needs a LAN1 IPv6 address too: the cluster lists it by that (DOMAIN §6.2).
  const v6 = t.cluster?.ipVersion === 'IPv6';
  const extras = Array.from({ length: c.extraPeers ?? 0 }, (_, i) => ({ name: extraPeerName(i), lan1: { ipv4: `10.99.0.${11 + i}`, ...(v6 ? { ipv6: `2001:db8:99::${11 + i}` } : {}) } }));
  return {
    ...runbook,
    topology: {
      ...t,
      peers: [...t.peers, ...extras],
      ...(t.cluster ? { cluster: { ...t.cluster, peers: [...t.cluster.peers, ...extras.map((e) => e.name)] } } : {}),
      ...(c.latencyMs !== undefined ? { network: { ...t.network, latencyMsMean: c.latencyMs } } : {}),
    },
  };
}

/** Ranges that cannot be satisfied are refused before any run (STYLE R8). */
export function checkRanges(runbook: Runbook, file: string): void {
  const r = runbook.check;
  if (!r) return;
  if (r.latencyMs && !(r.latencyMs.min >= 0 && r.latencyMs.min <= r.latencyMs.max)) {
    throw new CheckError('XTW_ERR_CHECK_BAD_RANGE', { file, value: `latencyMs min ${r.latencyMs.min} > max ${r.latencyMs.max}` });
  }
  if (r.extraPeers) {
    const cluster = runbook.topology.cluster?.peers.length ?? 0;
    if (cluster === 0) throw new CheckError('XTW_ERR_CHECK_BAD_RANGE', { file, value: 'extraPeers needs an existing cluster in the topology' });
    if (cluster + r.extraPeers.max > 6) throw new CheckError('XTW_ERR_CHECK_BAD_RANGE', { file, value: `${cluster} cluster peers + ${r.extraPeers.max} extra exceed 6` });
  }
}
