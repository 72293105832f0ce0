/**
 * The world a case runs in: the runbook's topology, varied within the ranges the runbook declares
 * (`check.extraPeers`, `check.latencyMs`, `check.reorderPeers`). Extra peers are subordinates
 * appended to the cluster, on their own addresses, so steps that name the runbook's peers are
 * unaffected. A reordered list is the same on every peer (DOMAIN §5.1) and names the primary by
 * peer, so the primary keeps its role at its new index.
 */
import type { Runbook } from '../runbook/schema.js';
import type { CheckCase } from './case.js';
import { CheckError } from './errors.js';

export function extraPeerName(i: number): string {
  return `extra${i + 1}`;
}

/** The runbook with the case's topology variation applied (the runbook itself when none). */
export function caseRunbook(runbook: Runbook, c: CheckCase): Runbook {
  if (!c.extraPeers && c.latencyMs === undefined && !c.peerOrder) return runbook;
  const t = runbook.topology;
  // On an IPv6 cluster an extra peer needs a LAN1 IPv6 address too: the cluster lists it by that (DOMAIN §6.2).
  const v6 = t.cluster?.ipVersion === 'IPv6';
  const extras = Array.from({ length: c.extraPeers ?? 0 }, (_, i) => ({ name: extraPeerName(i), lan1: { ipv4: `10.99.0.${11 + i}`, ...(v6 ? { ipv6: `2001:db8:99::${11 + i}` } : {}) } }));
  const members = t.cluster ? inOrder([...t.cluster.peers, ...extras.map((e) => e.name)], c.peerOrder ?? []) : [];
  return {
    ...runbook,
    topology: {
      ...t,
      peers: [...t.peers, ...extras],
      // The primary is named, so it keeps its role wherever the new order puts it.
      ...(t.cluster ? { cluster: { ...t.cluster, peers: members, ...(t.cluster.peers[0] ? { primary: t.cluster.primary ?? t.cluster.peers[0] } : {}) } } : {}),
      ...(c.latencyMs !== undefined ? { network: { ...t.network, latencyMsMean: c.latencyMs } } : {}),
    },
  };
}

/** `list` in the order a Lehmer code gives (missing or out-of-range entries pick the first left). */
export function inOrder<T>(list: readonly T[], code: readonly number[]): T[] {
  const left = [...list];
  const out: T[] = [];
  for (let i = 0; left.length > 0; i++) {
    const k = code[i] ?? 0;
    out.push(left.splice(k < left.length ? k : 0, 1)[0]!);
  }
  return out;
}

/** Ranges that cannot be satisfied are refused before any run (STYLE R8). */
export function checkRanges(runbook: Runbook, file: string): void {
  const r = runbook.check;
  if (!r) return;
  if (r.latencyMs && !(r.latencyMs.min >= 0 && r.latencyMs.min <= r.latencyMs.max)) {
    throw new CheckError('XTW_ERR_CHECK_BAD_RANGE', { file, value: `latencyMs min ${r.latencyMs.min} > max ${r.latencyMs.max}` });
  }
  if (r.reorderPeers && (runbook.topology.cluster?.peers.length ?? 0) < 2) {
    throw new CheckError('XTW_ERR_CHECK_BAD_RANGE', { file, value: 'reorderPeers needs a cluster of at least two peers in the topology' });
  }
  if (r.extraPeers) {
    const cluster = runbook.topology.cluster?.peers.length ?? 0;
    if (cluster === 0) throw new CheckError('XTW_ERR_CHECK_BAD_RANGE', { file, value: 'extraPeers needs an existing cluster in the topology' });
    if (cluster + r.extraPeers.max > 6) throw new CheckError('XTW_ERR_CHECK_BAD_RANGE', { file, value: `${cluster} cluster peers + ${r.extraPeers.max} extra exceed 6` });
  }
}
