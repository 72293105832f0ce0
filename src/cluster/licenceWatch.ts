/**
 * One peer's view of the cluster's licences (DOMAIN §2.3): what each other peer holds — learnt from
 * its hello when their database link came up — and since when it is out of contact. From that
 * come the pool this peer may draw on and the lost-peer countdown alarms 30012-30017 (the rules are
 * src/expressway/licences.ts). The memory outlives this peer's restarts, as the cluster database
 * does; a peer taken out of the Peer N list is forgotten, which ends its countdown (DOMAIN §6.5).
 */
import {
  COUNTDOWN_ALARMS, countdownAlarms, licencePool, licencesOf, nextCountdownChangeMs,
  type KnownPeer, type LicenceKind, type OptionKey, type Peer, type PeerLicences,
} from '../expressway/index.js';
import type { NodeClock } from './context.js';
import type { PeerLink } from './links.js';
import type { ServiceTimer } from './serviceTimers.js';

export interface LicenceContext extends Pick<NodeClock, 'nowMs' | 'timer'> {
  readonly joined: boolean;
  readonly links: { readonly all: readonly PeerLink[] };
  readonly peer: Pick<Peer, 'alarms' | 'config' | 'nowUtcMs'>;
}

export interface LicenceView {
  /** this peer's own licences (its option keys) */
  readonly own: PeerLicences;
  /** what any peer of the cluster may use, as this peer counts it */
  readonly pool: Readonly<Partial<Record<LicenceKind, number>>>;
  /** the other peers this peer has met, in Peer N order */
  readonly peers: readonly KnownPeer[];
}

export interface LicenceWatchState {
  readonly known: readonly KnownPeer[];
  readonly nextCheckMs: number | null;
}

export class LicenceWatch {
  private readonly known = new Map<string, KnownPeer>();
  /** when the countdown next changes (a scheduled check for another time is stale) */
  private nextCheckMs: number | undefined;
  private readonly checkLater: ServiceTimer<number>;

  constructor(private readonly node: LicenceContext) {
    this.checkLater = node.timer<number>('cluster.licences.check', (next) => {
      if (this.nextCheckMs === next) this.refresh();
    });
  }

  /** Bring the memory and the countdown alarms up to date with the links (called whenever the cluster alarms are). */
  refresh(): void {
    const node = this.node;
    const now = node.nowMs;
    const listed = new Set(node.links.all.map((l) => l.address));
    for (const address of [...this.known.keys()]) if (!listed.has(address)) this.known.delete(address);
    for (const link of node.links.all) {
      const before = this.known.get(link.address);
      if (link.db === 'up' && link.remote !== undefined) this.known.set(link.address, { address: link.address, licences: link.remote.licences });
      else if (before !== undefined && before.lostAtMs === undefined) this.known.set(link.address, { ...before, lostAtMs: link.downAtMs ?? now });
    }
    const wanted = node.joined ? countdownAlarms(this.peers(), now, node.peer.nowUtcMs() - now) : [];
    for (const key of COUNTDOWN_ALARMS) {
      const alarm = wanted.find((a) => a.key === key);
      if (alarm) node.peer.alarms.raiseOrUpdate(key, alarm.params);
      else node.peer.alarms.lower(key);
    }
    const next = node.joined ? nextCountdownChangeMs(this.peers(), now) : undefined;
    if (next !== undefined && next !== this.nextCheckMs) {
      this.nextCheckMs = next;
      this.checkLater.after(next - now, next);
    }
  }

  saveState(): LicenceWatchState {
    return { known: structuredClone([...this.known.values()]), nextCheckMs: this.nextCheckMs ?? null };
  }

  loadState(s: LicenceWatchState): void {
    this.known.clear();
    for (const k of structuredClone(s.known)) this.known.set(k.address, k);
    this.nextCheckMs = s.nextCheckMs ?? undefined;
  }

  view(): LicenceView {
    const own = licencesOf((this.node.peer.config.active['Option Keys'] ?? []) as readonly OptionKey[]);
    return { own, pool: licencePool(own, this.peers(), this.node.nowMs), peers: this.peers() };
  }

  private peers(): KnownPeer[] {
    return this.node.links.all.flatMap((l) => this.known.get(l.address) ?? []);
  }
}
