/**
 * The cluster-database links of one peer (DOMAIN §4.1, §11.1): TLS over TCP 4372 to every other
 * Peer N entry. A joined peer listens and connects; the TLS handshake is the exchange of hellos,
 * each side verifying the other's certificate under its *active* verification mode (tls.ts).
 * A link that breaks logs the seed's mnesia_down sequence and raises 20006/20004 on its timing;
 * failed links are retried. Cluster-table changes travel over these links at once (DOMAIN §5.4).
 */
import { isIpAddress, type Connection, type ConnectionHandlers, type ConnectionRef, type Json, type ListenSocket } from '../../sim/index.js';
import { logLines, TIMINGS } from '../expressway/index.js';
import type { DbLinksContext } from './context.js';
import { PIDS } from './pids.js';
import { CLUSTER_DB_PORT, type DbMessage, type Hello } from './protocol.js';
import type { LinkFailure, PeerLink } from './links.js';
import { Handshake, type HandshakeState } from './handshake.js';
import { sameFamily } from './names.js';
import type { ServiceTimer } from './serviceTimers.js';

export interface DbLinksState {
  /** the address the listener is bound to, or null when not listening */
  readonly listening: string | null;
  readonly byHello: readonly (readonly [Json, number | null])[];
  readonly owners: HandshakeState;
}

export class DbLinks {
  private listener: ListenSocket | undefined;
  private listening: string | undefined;
  private readonly handshake: Handshake;
  private readonly reconciling: ServiceTimer<undefined>;
  private readonly nameResolverRun: ServiceTimer<{ link: number; downAtMs: number | null }>;
  /**
   * Inbound connections from an address no entry resolves to, by the link whose FQDN their hello
   * named (null: no hello yet). Data, not closure state, so a checkpoint can re-attach them.
   */
  private readonly byHello = new Map<Connection, number | null>();

  constructor(private readonly node: DbLinksContext) {
    this.handshake = new Handshake(node);
    this.reconciling = node.timer('cluster.db.reconcile', () => this.reconcile());
    this.nameResolverRun = node.timer('cluster.db.name-resolver-run', ({ link, downAtMs }) => this.nameResolverRan(link, downAtMs ?? undefined));
  }

  // ── Checkpoint (issue #15) ──────────────────────────────────────────────────────────────

  saveState(): DbLinksState {
    const net = this.node.net;
    const live = [...this.byHello].filter(([c]) => c.state === 'open' || c.state === 'connecting');
    return {
      listening: this.listening ?? null,
      byHello: live.map(([c, link]) => [net.connectionRef(c) as unknown as Json, link]),
      owners: this.handshake.saveState(),
    };
  }

  /** The saved reference of a link's connection (LinkTable.saveState). */
  connectionRef(conn: Connection): Json {
    return this.node.net.connectionRef(conn) as unknown as Json;
  }

  /**
   * Re-attach a restored link's connection: the handlers it had — those of an inbound connection
   * waiting on its hello (`helloIds`), of one this side opened, or of one the link adopted.
   */
  reattach(ref: Json, link: PeerLink, helloIds: ReadonlySet<number>): Connection {
    const r = ref as unknown as ConnectionRef;
    let conn: Connection | undefined;
    const handlers = helloIds.has(r.id) ? this.helloHandlers() : link.initiator ? this.outboundHandlers(link, () => conn!) : this.linkHandlers(link);
    conn = this.node.net.reattachConnection(r, handlers);
    return conn;
  }

  /** After the links: the listener, and the inbound connections not (or no longer) held by a link. */
  loadState(s: DbLinksState): void {
    const node = this.node;
    this.listening = s.listening ?? undefined;
    this.listener = this.listening === undefined ? undefined : node.net.reattachListener(node.host, CLUSTER_DB_PORT, (conn) => this.accepted(conn), { address: this.listening });
    const held = new Map(node.links.all.flatMap((l) => (l.conn ? [[l.conn.id, l.conn] as const] : [])));
    this.byHello.clear();
    for (const [ref, link] of s.byHello) {
      const r = ref as unknown as ConnectionRef;
      this.byHello.set(held.get(r.id) ?? node.net.reattachConnection(r, this.helloHandlers()), link);
    }
    this.handshake.loadState(s.owners);
  }

  start(): void {
    this.reconcile();
    this.reconciling.every(this.node.reconnectDelayMs(), undefined);
  }

  stop(): void {
    this.listener?.close();
    this.listener = undefined;
    this.listening = undefined;
    for (const l of this.node.links.all) this.drop(l);
  }

  /** Listen when joined; connect to every entry that is not up; mark all failed when not joined. */
  reconcile(): void {
    const node = this.node;
    if (!node.peer.serving) return;
    if (node.joined && !this.listener && ownsClusterIp(node)) {
      this.listening = node.clusterIp;
      this.listener = node.net.listen(node.host, CLUSTER_DB_PORT, (conn) => this.accepted(conn), { address: node.clusterIp });
    }
    if (!node.joined && this.listener) {
      this.listener.close();
      this.listener = undefined;
      this.listening = undefined;
    }
    for (const link of node.links.all) {
      if (!node.joined) {
        this.fail(link, 'not-joined');
        continue;
      }
      if (link.db === 'up') {
        // A database link whose round trip rose above 80 ms drops like any lost node (DOMAIN §3 R5).
        if (link.conn && this.handshake.rttTooHigh(link.conn)) this.lost(link, 'latency');
        continue;
      }
      if (link.db === 'connecting') continue;
      if (!link.resolution) continue;
      if (!link.resolution.ok) {
        this.fail(link, 'unresolved');
        continue;
      }
      // An IPv4 socket cannot reach an IPv6 address nor the reverse: peers must all use the one
      // Cluster IP version, with Peer N entries of that family (DOMAIN §5.1, §6.2).
      if (!sameFamily(node.clusterIp, link.resolution.ip)) {
        this.fail(link, 'address-family');
        continue;
      }
      if (!this.listener) {
        this.fail(link, 'no-local-address');
        continue;
      }
      // One connection per pair, opened by the smaller address; the other side waits one retry
      // period for it and then reports the peer as failed.
      if (node.clusterIp < link.resolution.ip) this.connect(link, link.resolution.ip);
      else if (link.waitingSinceMs === undefined) node.links.awaitContact(link, node.nowMs);
      else if (node.nowMs - link.waitingSinceMs >= node.reconnectDelayMs() && !this.recentInbound(link)) this.fail(link, 'no-contact');
    }
    node.refreshAlarms();
  }

  drop(link: PeerLink): void {
    const conn = this.node.links.detach(link);
    if (conn && (conn.state === 'open' || conn.state === 'connecting')) conn.close();
  }

  broadcastTableChange(values: Record<string, unknown>): void {
    this.broadcast({ type: 'table-change', values: values as never });
  }

  broadcastSystemKey(): void {
    this.broadcast({ type: 'system-key' });
  }

  broadcastStartOrder(startedBeforePrimary: boolean): void {
    this.broadcast({ type: 'start-order', startedBeforePrimary });
  }

  broadcastPrimaryView(): void {
    const primaryFqdn = this.node.primaryFqdn();
    this.broadcast({ type: 'primary-view', primaryIndex: this.node.primaryIndex, ...(primaryFqdn === undefined ? {} : { primaryFqdn }) });
  }

  send(link: PeerLink, msg: DbMessage): boolean {
    if (link.db !== 'up' || !link.conn || link.conn.state !== 'open') return false;
    link.conn.send(msg);
    return true;
  }

  private broadcast(msg: DbMessage): void {
    for (const l of this.node.links.all) this.send(l, msg);
  }

  private connect(link: PeerLink, ip: string): void {
    const node = this.node;
    let conn: Connection | undefined;
    conn = node.net.connect({ host: node.host, address: node.clusterIp }, { address: ip, port: CLUSTER_DB_PORT }, this.outboundHandlers(link, () => conn!));
    node.links.outbound(link, conn);
  }

  /** The handlers of the connection this side opened for `link` (`conn` gives it, for the callbacks that do not). */
  private outboundHandlers(link: PeerLink, conn: () => Connection): ConnectionHandlers {
    return {
      onOpen: (c) => {
        c.send(this.handshake.hello('hello'));
        // The handshake's own round trip shows the latency to this side too (DOMAIN §3 R5).
        if (this.handshake.rttTooHigh(c)) {
          this.failIf(link, c, 'latency');
          c.close();
        }
      },
      onData: (c, m) => this.received(link, c, m as DbMessage),
      onClose: (c) => this.broken(link, c, 'closed'),
      onReset: (c) => this.broken(link, c, 'reset'),
      onRefused: () => this.failIf(link, conn(), 'refused'),
      onTimeout: () => this.failIf(link, conn(), 'timeout'),
    };
  }

  /** An inbound connection: find the entry it belongs to by its source address (NAT breaks this, DOMAIN §3 R6). */
  private accepted(conn: Connection): ConnectionHandlers {
    const node = this.node;
    if (!node.joined) return this.refuse(conn, 'not-joined');
    const link = node.links.forIp(conn.remote.address);
    if (link) return this.adopt(link, conn);
    // Not a known address: a peer named by FQDN may still identify itself by its node name in the
    // hello (clusterdb@<fqdn>); an entry given as an IP address never does (NAT, DOMAIN §3 R6).
    this.byHello.set(conn, null);
    return this.helloHandlers();
  }

  /** Handlers of an inbound connection that waits for its hello to say which entry it is (then it acts as that link's). */
  private helloHandlers(): ConnectionHandlers {
    const adopted = (c: Connection): ConnectionHandlers | undefined => {
      const id = this.byHello.get(c);
      const link = id === null || id === undefined ? undefined : this.node.links.byId(id);
      return link ? this.linkHandlers(link) : undefined;
    };
    return {
      onData: (c, m) => {
        if (this.byHello.get(c) !== null) return adopted(c)?.onData?.(c, m);
        const msg = m as DbMessage;
        const named = msg.type === 'hello' ? this.node.links.all.find((l) => !isIpAddress(l.address) && l.address === msg.fqdn.toLowerCase()) : undefined;
        if (!named) return void this.refuse(c, 'unexpected-source');
        this.byHello.set(c, named.id);
        this.adopt(named, c).onData?.(c, m);
      },
      onClose: (c) => {
        adopted(c)?.onClose?.(c);
        this.byHello.delete(c);
      },
      onReset: (c, why) => {
        adopted(c)?.onReset?.(c, why);
        this.byHello.delete(c);
      },
    };
  }

  private refuse(conn: Connection, reason: 'not-joined' | 'unexpected-source'): ConnectionHandlers {
    this.node.trace.emit(this.node.host, 'cluster.db.reject', { from: conn.remote.address, reason });
    conn.close();
    return {};
  }

  /** This inbound connection now carries `link`. */
  private adopt(link: PeerLink, conn: Connection): ConnectionHandlers {
    if (link.conn && link.conn !== conn) this.drop(link);
    this.node.links.inbound(link, conn, this.node.nowMs);
    return this.linkHandlers(link);
  }

  /** The handlers of an inbound connection that carries `link`. */
  private linkHandlers(link: PeerLink): ConnectionHandlers {
    return {
      onData: (c, m) => this.received(link, c, m as DbMessage),
      onClose: (c) => this.broken(link, c, 'closed'),
      onReset: (c) => this.broken(link, c, 'reset'),
    };
  }

  private received(link: PeerLink, conn: Connection, msg: DbMessage): void {
    if (link.conn !== conn) return;
    const node = this.node;
    switch (msg.type) {
      case 'hello':
      case 'welcome': {
        // The other side's database runs, whether or not this handshake succeeds (boot order, startOrder.ts).
        node.linkChanged(link, 'heard');
        const failure = this.handshake.verify(link, conn, msg);
        if (failure) {
          // Say why before closing, so the other side can show it (an alert in a real TLS handshake).
          conn.send({ type: 'reject', reason: failure });
          this.fail(link, failure);
          conn.close();
          return;
        }
        // Mutual verification: the side that accepted is up only once the connecting side has
        // verified it in turn and confirmed; otherwise a rejected peer would count itself up.
        if (msg.type === 'hello') {
          node.links.heardHello(link, msg);
          conn.send(this.handshake.hello('welcome'));
          return;
        }
        conn.send({ type: 'confirm' });
        this.up(link, msg);
        return;
      }
      case 'confirm':
        if (link.remote && link.db === 'connecting') this.up(link, link.remote);
        return;
      case 'table-change':
        node.peer.applyReplicated(msg.values);
        return;
      case 'primary-view':
        node.links.primaryViewed(link, msg.primaryIndex, msg.primaryFqdn);
        return;
      case 'start-order':
        node.links.startOrderHeard(link, msg.startedBeforePrimary);
        node.refreshAlarms();
        return;
      case 'reject':
        node.links.detach(link);
        conn.close();
        this.fail(link, msg.reason === 'tls-rejected' ? 'tls-rejected-by-peer' : msg.reason === 'latency' ? 'latency' : 'rejected-by-peer');
        return;
      case 'system-key':
        node.peer.system.systemKeyInconsistent = false;
        node.peer.refreshSystemKeyAlarm();
        return;
      default:
        node.replicationMessage(link, msg);
    }
  }

  private up(link: PeerLink, remote: Hello): void {
    const node = this.node;
    node.links.up(link, remote);
    node.trace.emit(node.host, 'cluster.link.up', { peer: link.address });
    node.linkChanged(link, 'up');
    // A database that reconnects to its primary takes the primary's cluster tables: what changed
    // while this peer was away arrives now (assumption: DOMAIN §13.8, the primary's side wins).
    if (remote.isPrimary && link.index === node.primaryIndex && !node.isPrimary) node.peer.applyReplicated(remote.tables);
    node.refreshAlarms();
  }

  private broken(link: PeerLink, conn: Connection, how: 'closed' | 'reset'): void {
    if (link.conn !== conn) return;
    const wasUp = link.db === 'up';
    this.node.links.connectionLost(link, this.node.nowMs);
    // A link that was up fails quietly here: its alarms follow on the seed's timing (mnesiaDown).
    this.fail(link, how, !wasUp);
    if (wasUp && how === 'closed') this.node.linkChanged(link, 'closed');
    if (wasUp) this.mnesiaDown(link);
  }

  /** The seed's peer-loss sequence (DOMAIN §10.2 B), then the alarms on their timing. */
  private mnesiaDown(link: PeerLink): void {
    const node = this.node;
    node.links.wentDown(link, node.nowMs);
    const peerNode = logLines.clusterdbNode(link.remote?.fqdn ?? link.address);
    for (const line of logLines.peerLossLines({ atMs: node.nowMs, host: node.peer.hostName, node: node.clusterdbNode, peerNode, pid: PIDS.cdb, transactionPid: node.nextTransactionPid() })) node.log(line);
    node.trace.emit(node.host, 'cluster.link.down', { peer: link.address });
    node.linkLost();
    // The seed's name resolver forces a peer update ≈16 s after the loss and queues its next run
    // (DOMAIN §10.2 C). assumption: it does so only while that peer is still down.
    this.nameResolverRun.after(TIMINGS.peerLossToNameResolverRunMs, { link: link.id, downAtMs: link.downAtMs ?? null });
  }

  private nameResolverRan(id: number, downAtMs: number | undefined): void {
    const node = this.node;
    const link = node.links.byId(id);
    if (link && link.downAtMs === downAtMs && link.db !== 'up' && node.links.includes(link)) {
      node.log(logLines.peerNameResolverQueueLine({ atMs: node.nowMs, host: node.peer.hostName, node: node.clusterdbNode, pid: PIDS.peerNameResolver }));
    }
  }

  /** An up link this side gives up on: close it and log the loss as the seed does. */
  private lost(link: PeerLink, why: LinkFailure): void {
    const conn = this.node.links.connectionLost(link, this.node.nowMs);
    this.fail(link, why, false);
    this.mnesiaDown(link);
    conn?.close();
  }

  /** The other side tried to connect within the last retry period (its failure says more than 'no-contact'). */
  private recentInbound(link: PeerLink): boolean {
    return link.inboundAtMs !== undefined && this.node.nowMs - link.inboundAtMs < this.node.reconnectDelayMs();
  }

  private failIf(link: PeerLink, conn: Connection, why: LinkFailure): void {
    if (link.conn !== conn) return;
    this.node.links.detach(link);
    this.fail(link, why);
  }

  private fail(link: PeerLink, why: LinkFailure, refresh = true): void {
    if (this.node.links.failed(link, why)) {
      this.node.trace.emit(this.node.host, 'cluster.link.failed', { peer: link.address, reason: why });
      if (refresh) this.node.refreshAlarms();
    }
  }
}

/** The host has the address clustering binds to (a LAN1 address another host already owns, DOMAIN §3 R7, never arrives). */
export function ownsClusterIp(node: Pick<DbLinksContext, 'clusterIp' | 'host' | 'net'>): boolean {
  return node.clusterIp !== '' && node.net.ownerOf(node.clusterIp)?.host === node.host;
}
