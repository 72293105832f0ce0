// Safety and liveness of the communication alarms (DOMAIN §7.1): a joined peer cut off from all
// the others for over a minute raises 20004; and after healing, no peer whose links are all
// Active still shows 20004 or 20006.
import { eventsOf, type TraceEvent } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

/** assumption: a partition shorter than this may end before RAS and the database notice it. */
const NOTICE_MS = 60_000;

/** Whether alarm `id` was up on any peer at some moment in [fromMs, toMs]: already up at the start, or raised inside. */
function upDuring(events: readonly TraceEvent[], id: string, fromMs: number, toMs: number): boolean {
  // Which peers show it just before fromMs; a lower inside the window does not undo having been up.
  const up = new Set<string>();
  for (const e of events) {
    if (e.atMs > toMs) break;
    if (e.kind !== 'alarm.raise' && e.kind !== 'alarm.lower') continue;
    if (e.data.id !== id) continue;
    if (e.atMs >= fromMs) {
      if (up.size > 0 || e.kind === 'alarm.raise') return true;
      continue;
    }
    if (e.kind === 'alarm.raise') up.add(e.source);
    else up.delete(e.source);
  }
  return up.size > 0;
}

const PEER_ENTRY = /^Alternates Peer [1-6] Address$/;

/**
 * Whether `peer` had a working cluster link at `atMs`: its last link event was up, it has not stopped
 * since, and its own saved Peer N list still names a peer it linked to. A peer's links follow its
 * saved list, so one that took every linked peer out of it (e.g. cleared it to leave, DOMAIN §6.4,
 * §9.1) has no link left to lose.
 */
function linkedAt(events: readonly TraceEvent[], peer: string, atMs: number): boolean {
  let linked = false;
  const up = new Set<string>();
  /** Peer N entries as this peer's own saves set them, and the addresses a save took out of one */
  const entries = new Map<string, string>();
  const left = new Set<string>();
  for (const e of events) {
    if (e.atMs > atMs) break;
    if (e.source !== peer) continue;
    if (e.kind === 'cluster.link.up') {
      linked = true;
      up.add(String(e.data.peer));
    } else if (e.kind === 'cluster.link.down' || e.kind === 'cluster.link.failed') {
      linked = false;
      up.delete(String(e.data.peer));
    } else if (e.kind === 'peer.state' && e.data.state !== 'running') {
      linked = false;
      up.clear();
    } else if (e.kind === 'config.change' && PEER_ENTRY.test(String(e.data.key))) {
      entries.set(String(e.data.key), String(e.data.to ?? ''));
      if (e.data.from) left.add(String(e.data.from));
    }
  }
  const listed = new Set(entries.values());
  const stillListed = (a: string) => !left.has(a) || listed.has(a);
  return linked && (up.size === 0 || [...up].some(stillListed));
}

export const alarmsFollow: Invariant = {
  name: 'alarms-follow-conditions',
  class: 'liveness',
  description: '20004 is raised while a peer is cut off, and 20004/20006 are cleared once its links are Active again',
  check({ run, twin }) {
    const injected = eventsOf(run.events, 'fault.inject').filter((e) => e.data.kind === 'partition');
    const heals = eventsOf(run.events, 'fault.heal');
    for (const inj of injected) {
      const healed = heals.find((e) => e.data.id === inj.data.id);
      const endMs = healed?.atMs ?? run.endMs;
      if (endMs - inj.atMs < NOTICE_MS) continue;
      if (inj.data.oneWay) continue; // one-way partitions are not isolation
      const alone = inj.data.groups?.find((g) => g.length === 1)?.[0];
      if (!alone) continue;
      // Only a peer that had a working cluster link when the partition began can lose it.
      if (linkedAt(run.events, alone, inj.atMs) && !upDuring(run.events, '20004', inj.atMs, endMs + 1_000)) {
        return broken(`${alone} was cut off for ${Math.round((endMs - inj.atMs) / 1000)} s and no peer raised 20004`, [inj]);
      }
    }
    for (const n of twin.peerNames()) {
      const o = twin.observe(n);
      if (!o.clustering.joined) continue;
      const others = o.clustering.entries.filter((e) => e.status && e.status !== 'This system');
      const stale = o.alarms.filter((a) => a.id === '20004' || a.id === '20006');
      if (others.length > 0 && others.every((e) => e.status === 'Active') && stale.length > 0) {
        return broken(`${n} still shows ${stale.map((a) => a.shownId).join(', ')} with every peer Active`);
      }
    }
    return HOLDS;
  },
};
