/**
 * The life of established connections when the world changes. After every topology change (a rule,
 * power, a link, an interface, a NAT) each live pair checks its path both ways without drawing
 * chance: blocked ⇒ segments wait in the sender's outbox and a reset is scheduled after
 * `connectionResetAfterMs`; healed in time ⇒ the reset is cancelled and the outboxes flush in
 * order. A powered-off host's ends are abandoned at once with no callback (it runs no code).
 */
import type { EventHandler, PayloadCodec } from '../queue.js';
import type { TcpEnd, TcpPair } from './connection.js';
import type { Fabric, NetContext } from './fabric.js';
import type { Host } from './host.js';
import type { Packet } from './packet.js';

/** @internal */
export class TcpPaths {
  /** live pairs in creation order (ids increase), so every sweep is deterministic */
  readonly live = new Map<number, TcpPair>();
  readonly connectTimeout: EventHandler<TcpPair>;
  private readonly resetFire: EventHandler<TcpPair>;

  constructor(
    private readonly ctx: NetContext,
    private readonly fabric: Fabric,
    private readonly transmit: (seg: Packet) => void,
    /** a pair saves as its id; the pairs are restored before the queue */
    pairCodec: PayloadCodec<TcpPair>,
  ) {
    this.connectTimeout = ctx.queue.handler('net.tcp.connectTimeout', (pair) => this.onConnectTimeout(pair), pairCodec);
    this.resetFire = ctx.queue.handler('net.tcp.resetTimer', (pair) => this.onResetTimer(pair), pairCodec);
  }

  get size(): number {
    return this.live.size;
  }

  track(pair: TcpPair): void {
    this.live.set(pair.id, pair);
  }

  /** Re-check every live pair (after a topology change). */
  reevaluateAll(): void {
    for (const pair of [...this.live.values()]) this.reevaluate(pair);
  }

  /** Finish a pair that is done; otherwise schedule or cancel its reset from the path's state. */
  reevaluate(pair: TcpPair): void {
    if (pair.done) {
      this.finish(pair);
      return;
    }
    // Nothing open (not accepted yet, or only a client still waiting): the connect timeout covers it.
    if (pair.client.state !== 'open' && pair.server?.state !== 'open') {
      this.cancelReset(pair);
      return;
    }
    const reason = pair.broken ?? this.blocked(pair);
    if (reason !== undefined) {
      pair.blockedReason = reason;
      if (pair.resetTimer === undefined) {
        pair.resetTimer = this.resetFire.after(this.ctx.defaults.connectionResetAfterMs, pair);
      }
      return;
    }
    if (pair.blockedReason === undefined) return;
    pair.blockedReason = undefined;
    this.cancelReset(pair);
    for (const end of [pair.client, pair.server]) {
      if (end !== undefined) for (const seg of end.outbox.splice(0)) this.transmit(seg);
    }
  }

  /** Reset every open end of `pair` with `reason` (each gets `onReset`). */
  reset(pair: TcpPair, reason: string): void {
    const ends: TcpEnd[] = [];
    for (const end of [pair.client, pair.server]) {
      if (end === undefined || end.state !== 'open') continue;
      end.state = 'reset';
      ends.push(end);
      this.ctx.trace.emit('net', 'net.reset', { id: pair.id, host: end.host, reason });
    }
    this.dropOutboxes(pair);
    if (pair.done) this.finish(pair);
    else this.cancelReset(pair);
    for (const end of ends) end.handlers.onReset?.(end, reason);
  }

  /** The accept came back to the client. */
  opened(pair: TcpPair, flushPending: (end: TcpEnd) => void): void {
    const client = pair.client;
    if (client.state !== 'connecting') {
      // The client gave up before the accept arrived: the server's end learns it at once.
      this.reset(pair, 'connection-reset');
      return;
    }
    this.cancelConnectTimer(pair);
    client.state = 'open';
    this.ctx.trace.emit('net', 'net.open', { id: pair.id, host: client.host });
    // Data sent while connecting goes first: it was sent before anything onOpen sends.
    flushPending(client);
    if (client.state === 'open') client.handlers.onOpen?.(client);
  }

  refused(pair: TcpPair): void {
    const client = pair.client;
    if (client.state !== 'connecting') return;
    client.state = 'closed';
    this.ctx.trace.emit('net', 'net.refused', { id: pair.id, host: client.host, remote: client.remote });
    this.finish(pair);
    client.handlers.onRefused?.('connection refused');
  }

  peerClosed(receiver: TcpEnd): void {
    receiver.state = 'closed';
    this.ctx.trace.emit('net', 'net.close', { id: receiver.id, host: receiver.host, by: 'peer' });
    this.reevaluate(receiver.pair);
    receiver.handlers.onClose?.(receiver);
  }

  /** Power off: abandon this host's ends; their peers reset after `connectionResetAfterMs`. */
  hostDown(host: Host): void {
    for (const pair of [...this.live.values()]) {
      for (const end of [pair.client, pair.server]) {
        if (end === undefined || end.hostRef !== host || !end.live) continue;
        if (end.side === 'client') this.cancelConnectTimer(pair);
        end.state = 'reset';
        pair.broken = 'host-down';
        this.ctx.trace.emit('net', 'net.reset', { id: pair.id, host: host.name, reason: 'host-down', abandoned: true });
      }
      this.reevaluate(pair);
    }
  }

  private onConnectTimeout(pair: TcpPair): void {
    pair.connectTimer = undefined;
    const client = pair.client;
    if (client.state !== 'connecting') return;
    client.state = 'closed';
    this.ctx.trace.emit('net', 'net.timeout', { id: pair.id, host: client.host, remote: client.remote });
    if (pair.server !== undefined) pair.broken = 'connection-reset';
    this.reevaluate(pair);
    client.handlers.onTimeout?.();
  }

  private onResetTimer(pair: TcpPair): void {
    pair.resetTimer = undefined;
    const reason = pair.broken ?? this.blocked(pair);
    if (reason === undefined) this.reevaluate(pair);
    else this.reset(pair, reason);
  }

  private blocked(pair: TcpPair): string | undefined {
    if (pair.natOut?.removed || pair.natIn?.removed) return 'no-route';
    return this.fabric.blockedReason(pair.forward!) ?? this.fabric.blockedReason(pair.backward!);
  }

  private finish(pair: TcpPair): void {
    if (!this.live.delete(pair.id)) return;
    this.cancelReset(pair);
    this.cancelConnectTimer(pair);
    pair.client.hostRef.connectionPorts.delete(pair.clientPort);
    this.dropOutboxes(pair);
  }

  private dropOutboxes(pair: TcpPair): void {
    for (const end of [pair.client, pair.server]) {
      if (end === undefined) continue;
      for (const seg of end.outbox.splice(0)) this.fabric.drop(seg, 'connection-reset');
    }
  }

  private cancelReset(pair: TcpPair): void {
    if (pair.resetTimer !== undefined) this.ctx.queue.cancel(pair.resetTimer);
    pair.resetTimer = undefined;
  }

  private cancelConnectTimer(pair: TcpPair): void {
    if (pair.connectTimer !== undefined) this.ctx.queue.cancel(pair.connectTimer);
    pair.connectTimer = undefined;
  }
}
