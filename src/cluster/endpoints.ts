/**
 * A population of endpoints registered to the cluster (DOMAIN §2.1, §11.4), kept as counts per
 * peer rather than one object per endpoint. Endpoints register to a peer that answers — serving,
 * not in maintenance mode, H.323 on for H.323 endpoints — and below its physical limit, while the
 * cluster stays within its capacity (the four-peer rule, or N+1 from X14.2: DOMAIN §2.1). When their peer stops answering, its
 * endpoints notice at their next re-registration, spread over one registration time-to-live, and
 * move to the least-loaded alternate peer (the Alternate Gatekeeper list).
 */
import type { EventHandler, EventQueue, TraceSink } from '../../sim/index.js';
import type { ClusterTraceKinds } from './traceKinds.js';
import { capacityModelFor, clusterCapacity, clusterVersion, nodeCapacity, releaseOf, type Peer, type Platform } from '../expressway/index.js';

export interface EndpointOptions {
  count: number;
  protocol: 'h323' | 'sip';
}

/** assumption: re-registrations after a peer loss are spread over one TTL in this many waves. */
export const REREGISTRATION_WAVES = 12;

export interface EndpointsState {
  readonly registered: readonly (readonly [string, number])[];
  readonly unregistered: number;
  readonly retryPending: boolean;
}

export class EndpointPopulation {
  private readonly registered = new Map<string, number>();
  private unregistered: number;
  private retryPending = false;
  /** pending work as named queue handlers (issue #15): the retry of those that found no room, and each wave of re-registrations */
  private readonly retry: EventHandler<undefined>;
  private readonly wave: EventHandler<{ peer: string; size: number }>;

  constructor(
    private readonly peers: readonly Peer[],
    private readonly options: EndpointOptions,
    private readonly env: { queue: EventQueue; trace: TraceSink<ClusterTraceKinds> },
  ) {
    this.retry = env.queue.handler('endpoints/retry', () => {
      this.retryPending = false;
      this.register(this.unregistered);
    });
    this.wave = env.queue.handler('endpoints/wave', ({ peer, size }) => this.waveNoticed(peers.find((p) => p.id === peer)!, size));
    this.unregistered = options.count;
    for (const p of peers) {
      this.registered.set(p.id, 0);
      p.onLifecycle(() => this.peerChanged(p));
      p.onConfigChange((changes) => {
        if (changes.some((c) => c.key === 'Maintenance Mode' || c.key === 'H323 Mode')) this.peerChanged(p);
      });
    }
    this.register(this.unregistered);
  }

  saveState(): EndpointsState {
    return { registered: [...this.registered], unregistered: this.unregistered, retryPending: this.retryPending };
  }

  loadState(s: EndpointsState): void {
    this.registered.clear();
    for (const [peer, n] of s.registered) this.registered.set(peer, n);
    this.unregistered = s.unregistered;
    this.retryPending = s.retryPending;
  }

  /** Endpoints registered to `peer` now. */
  on(peer: string): number {
    return this.registered.get(peer) ?? 0;
  }

  get waiting(): number {
    return this.unregistered;
  }

  /** Cluster capacity for registrations over the platforms: the four-peer rule, or N+1 from X14.2 (DOMAIN §2.1). */
  capacity(): number {
    const version = clusterVersion(this.peers.map((p) => p.system.version));
    const platforms = this.peers.map((p) => p.system.platform as Platform);
    return clusterCapacity({ platforms, model: capacityModelFor(version), release: releaseOf(version) }).registrations;
  }

  private answers(p: Peer): boolean {
    const active = p.config.active;
    return p.serving && active['Maintenance Mode'] !== 'On' && (this.options.protocol !== 'h323' || active['H323 Mode'] === 'On');
  }

  private limitOf(p: Peer): number {
    return nodeCapacity(p.system.platform as Platform, releaseOf(p.system.version)).registrations;
  }

  /** Place `n` endpoints on the least-loaded answering peers, within each peer's limit and the cluster's. */
  private register(n: number): void {
    let total = [...this.registered.values()].reduce((a, b) => a + b, 0);
    const capacity = this.capacity();
    let placed = 0;
    for (let i = 0; i < n; i++) {
      const candidates = this.peers.filter((p) => this.answers(p) && this.on(p.id) < this.limitOf(p));
      if (candidates.length === 0 || total >= capacity) break;
      const target = candidates.reduce((best, p) => (this.on(p.id) < this.on(best.id) ? p : best));
      this.registered.set(target.id, this.on(target.id) + 1);
      total++;
      placed++;
    }
    this.unregistered -= placed;
    if (placed > 0) this.env.trace.emit('endpoints', 'endpoints.register', { placed, waiting: this.unregistered });
    for (const p of this.peers) p.alarms.set('capacity-warning-registrations', p.serving && this.on(p.id) >= this.limitOf(p));
    // Those that found no room try again after a time-to-live (one retry pending at a time).
    if (this.unregistered > 0 && !this.retryPending) {
      this.retryPending = true;
      this.retry.after(this.ttlMs(), undefined);
    }
  }

  /** A peer that stops answering loses its endpoints wave by wave over one TTL; a peer that answers again takes waiting ones. */
  private peerChanged(p: Peer): void {
    if (this.answers(p)) {
      if (this.unregistered > 0) this.register(this.unregistered);
      return;
    }
    const n = this.on(p.id);
    if (n === 0) return;
    const ttlMs = this.ttlMs(p);
    const waves = Math.min(n, REREGISTRATION_WAVES);
    for (let w = 0; w < waves; w++) {
      const size = Math.floor(n / waves) + (w < n % waves ? 1 : 0);
      this.wave.after(Math.round(((w + 1) * ttlMs) / waves), { peer: p.id, size });
    }
  }

  /** A wave of `p`'s endpoints re-registers: they move unless `p` came back before they noticed. */
  private waveNoticed(p: Peer, size: number): void {
    if (this.answers(p)) return;
    const moving = Math.min(size, this.on(p.id));
    this.registered.set(p.id, this.on(p.id) - moving);
    this.unregistered += moving;
    this.register(moving);
  }

  /** H.323 registration time to live of the peer (DOMAIN §3 R27); assumption: SIP endpoints refresh on the same period. */
  private ttlMs(p: Peer = this.peers[0]!): number {
    return Number(p.config.active['H323 Gatekeeper TimeToLive'] ?? 1800) * 1000;
  }
}
