/**
 * The one owner of this peer's `PeerLink` records (links.ts): the list that follows the saved Peer N
 * list, and every change to a link as a named transition — the database link's (connecting, up,
 * failed, lost), RAS liveness's (queried, retrying, dead, answered) and the restart that forgets
 * both. After each transition the link's invariants are checked; a broken one is a bug of the twin
 * (ClusterError), which the node's scheduled work turns into a model fault.
 */
import type { Connection, Json } from '../../sim/index.js';
import { TIMINGS } from '../expressway/index.js';
import { ClusterError } from './errors.js';
import type { Hello } from './protocol.js';
import type { LinkFailure, MutablePeerLink, PeerLink } from './links.js';
import type { Resolution } from './names.js';
import type { TlsProblem } from './tls.js';

/**
 * How long a link that left the list can still be named by pending work: the longest delay any is
 * scheduled with (a DNS retry, 300 s) — that work still runs on the link as it was, as it did when
 * it held the link itself.
 */
export const RETIRED_LINK_KEPT_MS = TIMINGS.peerNameDnsRetryMs;

/** A link as JSON: its connection by the network's reference, or null. */
export type LinkState = Omit<MutablePeerLink, 'conn'> & { readonly conn: Json };

export interface LinkTableState {
  readonly links: readonly LinkState[];
  readonly retired: readonly { readonly link: LinkState; readonly atMs: number }[];
  readonly nextId: number;
}

export class LinkTable {
  private links: MutablePeerLink[] = [];
  /** links that left the list, and when: pending work may still name them */
  private retired: { link: MutablePeerLink; atMs: number }[] = [];
  private nextId = 1;

  /** The links in Peer N order (this peer's own entry has none). */
  get all(): readonly PeerLink[] {
    return this.links;
  }

  includes(link: PeerLink): boolean {
    return this.links.includes(link as MutablePeerLink);
  }

  /** The link numbered `id`, in the list or recently retired from it (for pending work that names it). */
  byId(id: number): PeerLink | undefined {
    return this.links.find((l) => l.id === id) ?? this.retired.find((r) => r.link.id === id)?.link;
  }

  at(index: number): PeerLink | undefined {
    return this.links.find((l) => l.index === index);
  }

  forIp(ip: string): PeerLink | undefined {
    return this.links.find((l) => l.resolution?.ok && l.resolution.ip === ip);
  }

  withAddress(address: string): PeerLink | undefined {
    return this.links.find((l) => l.address === address);
  }

  /**
   * Follow a Peer N list: an entry spelt as before keeps its link (and state) at its new index, a new
   * one gets a fresh link added at `nowMs`; `onGone` sees each link that leaves, while it is still in the table.
   * @returns the links in list order
   */
  rebuild(list: readonly string[], isSelf: (address: string) => boolean, onGone: (link: PeerLink) => void, nowMs: number): readonly PeerLink[] {
    const next: MutablePeerLink[] = [];
    list.forEach((address, i) => {
      if (!address || isSelf(address)) return;
      const old = this.links.find((l) => l.address === address);
      if (old) {
        old.index = i + 1;
        next.push(this.checked(old));
      } else {
        next.push(this.checked({ id: this.nextId++, index: i + 1, address, addedAtMs: nowMs, db: 'unknown', initiator: false, tlsProblems: [], ras: 'unknown', rasSeqNum: 0, rasAwaiting: false }));
      }
    });
    this.retired = this.retired.filter((r) => nowMs - r.atMs <= RETIRED_LINK_KEPT_MS);
    for (const gone of this.links.filter((l) => !next.includes(l))) {
      onGone(gone);
      this.retired.push({ link: gone, atMs: nowMs });
    }
    this.links = next;
    return next;
  }

  /** The application stopped: nothing is known about the peer any more, not even its address (no resolver cache survives). */
  forget(link: PeerLink): void {
    const l = this.own(link);
    l.db = 'unknown';
    l.ras = 'unknown';
    l.rasAwaiting = false;
    delete l.failure;
    delete l.resolution;
    this.checked(l);
  }

  resolved(link: PeerLink, resolution: Resolution): void {
    this.own(link).resolution = resolution;
  }

  // ── The cluster-database link ─────────────────────────────────────────────────────────────

  /** This side opened `conn` to the peer. */
  outbound(link: PeerLink, conn: Connection): void {
    const l = this.own(link);
    l.db = 'connecting';
    l.initiator = true;
    l.conn = conn;
    this.checked(l);
  }

  /** The peer opened `conn` to this side at `nowMs`. */
  inbound(link: PeerLink, conn: Connection, nowMs: number): void {
    const l = this.own(link);
    l.conn = conn;
    l.initiator = false;
    l.inboundAtMs = nowMs;
    l.db = 'connecting';
    this.checked(l);
  }

  /** The link lets go of its connection (the caller decides whether to close it). */
  detach(link: PeerLink): Connection | undefined {
    const l = this.own(link);
    const conn = l.conn;
    delete l.conn;
    return conn;
  }

  /** The connection ended at `nowMs`: let go of it and wait for the next attempt from then. */
  connectionLost(link: PeerLink, nowMs: number): Connection | undefined {
    const conn = this.detach(link);
    this.own(link).waitingSinceMs = nowMs;
    return conn;
  }

  /** Start the wait for the other side (the one that opens the connection) at `nowMs`, once. */
  awaitContact(link: PeerLink, nowMs: number): void {
    const l = this.own(link);
    if (l.waitingSinceMs === undefined) l.waitingSinceMs = nowMs;
  }

  /** The peer's hello arrived and passed this side's checks; the link is up once the peer confirms. */
  heardHello(link: PeerLink, remote: Hello): void {
    this.own(link).remote = remote;
  }

  certificateChecked(link: PeerLink, problems: readonly TlsProblem[]): void {
    this.own(link).tlsProblems = problems;
  }

  up(link: PeerLink, remote: Hello): void {
    const l = this.own(link);
    l.db = 'up';
    l.remote = remote;
    l.primaryView = remote.primaryIndex;
    if (remote.primaryFqdn === undefined) delete l.primaryViewFqdn;
    else l.primaryViewFqdn = remote.primaryFqdn;
    delete l.failure;
    delete l.waitingSinceMs;
    delete l.downAtMs;
    this.checked(l);
  }

  /** @returns whether anything changed (state or reason) */
  failed(link: PeerLink, why: LinkFailure): boolean {
    const l = this.own(link);
    const changed = l.db !== 'failed' || l.failure !== why;
    l.db = 'failed';
    l.failure = why;
    this.checked(l);
    return changed;
  }

  /** The database link that was up went down at `nowMs` (the seed's mnesia_down). */
  wentDown(link: PeerLink, nowMs: number): void {
    this.own(link).downAtMs = nowMs;
  }

  /** Who the peer says the primary is (its periodic primary view). */
  primaryViewed(link: PeerLink, primaryIndex: number, primaryFqdn: string | undefined): void {
    const l = this.own(link);
    l.primaryView = primaryIndex;
    if (primaryFqdn === undefined) delete l.primaryViewFqdn;
    else l.primaryViewFqdn = primaryFqdn;
  }

  /** The other side's boot-order verdict changed since its hello (DOMAIN §3 R20). */
  startOrderHeard(link: PeerLink, startedBeforePrimary: boolean): void {
    const l = this.own(link);
    if (!l.remote) return;
    const { startedBeforePrimary: _was, ...rest } = l.remote;
    l.remote = startedBeforePrimary ? { ...rest, startedBeforePrimary: true } : rest;
  }

  // ── H.323 RAS liveness ────────────────────────────────────────────────────────────────────

  rasQueried(link: PeerLink, seqNum: number): void {
    const l = this.own(link);
    l.rasSeqNum = seqNum;
    l.rasAwaiting = true;
  }

  /** An unanswered query: the retransmit sequence starts. */
  rasRetrying(link: PeerLink): void {
    const l = this.own(link);
    if (!l.rasAwaiting) this.broken(l, 'RAS retries only an unanswered query');
    l.ras = 'retrying';
  }

  /** The retransmits went unanswered: the gatekeeper timed out. */
  rasDead(link: PeerLink): void {
    const l = this.own(link);
    if (l.ras !== 'retrying') this.broken(l, `RAS is declared dead only after retrying (was ${l.ras})`);
    l.ras = 'dead';
  }

  /** An SCR arrived. @returns whether the peer was not alive before */
  rasAnswered(link: PeerLink): boolean {
    const l = this.own(link);
    const wasDown = l.ras !== 'alive';
    l.ras = 'alive';
    l.rasAwaiting = false;
    return wasDown;
  }

  /** This side runs no RAS (H.323 off): liveness is unknown. @returns whether the link knew anything */
  rasSilenced(link: PeerLink): boolean {
    const l = this.own(link);
    if (l.ras === 'unknown') return false;
    l.ras = 'unknown';
    l.rasAwaiting = false;
    return true;
  }

  // ── Checkpoint (issue #15) ──────────────────────────────────────────────────────────────

  /** The links (and those retired lately) as JSON; a link's connection is saved as `conn` says. */
  saveState(conn: (c: Connection) => Json): LinkTableState {
    const one = (l: MutablePeerLink): LinkState => {
      const { conn: c, ...rest } = l;
      return { ...structuredClone(rest), conn: c === undefined ? null : conn(c) };
    };
    return { links: this.links.map(one), retired: this.retired.map((r) => ({ link: one(r.link), atMs: r.atMs })), nextId: this.nextId };
  }

  /** Take a checkpoint's links; `conn` gives back (re-attached) the connection a link's saved reference names. */
  loadState(state: LinkTableState, conn: (ref: Json, link: PeerLink) => Connection): void {
    const one = (s: LinkState): MutablePeerLink => {
      const { conn: ref, ...rest } = s;
      const l: MutablePeerLink = structuredClone(rest) as MutablePeerLink;
      if (ref !== null) l.conn = conn(ref, l);
      return l;
    };
    this.links = state.links.map(one);
    this.retired = state.retired.map((r) => ({ link: one(r.link), atMs: r.atMs }));
    this.nextId = state.nextId;
  }

  // ── Invariants ────────────────────────────────────────────────────────────────────────────

  private own(link: PeerLink): MutablePeerLink {
    return link as MutablePeerLink;
  }

  private checked(l: MutablePeerLink): MutablePeerLink {
    if (!Number.isInteger(l.index) || l.index < 1) this.broken(l, `index ${l.index} is not a Peer N index`);
    if (l.db === 'up' && (l.remote === undefined || l.failure !== undefined)) this.broken(l, 'an up link has a verified remote and no failure');
    if (l.db === 'unknown' && l.failure !== undefined) this.broken(l, 'a link nothing was tried on has no failure');
    return l;
  }

  private broken(l: MutablePeerLink, rule: string): never {
    throw new ClusterError('XTW_ERR_CLUSTER_LINK_STATE', { value: l.address, rule });
  }
}
