/**
 * TCP-like connections: listen, connect, accept, data in order, close, refused, timeout. Segments
 * take the same path and rules as datagrams, but a rule's drop costs a retransmit delay instead of
 * the data, and each direction's arrivals never go backwards in time, so data arrives in order.
 * What happens when a path is blocked (reset after `connectionResetAfterMs`) is in tcpPaths.ts;
 * listening sockets and port allocation are in listen.ts.
 */
import { SimError } from '../errors.js';
import { parseAddressCached } from './address.js';
import {
  DATA, FIN, REFUSE, SYN, SYN_ACK, TcpEnd, TcpPair, backwardOf, segmentOf,
  type ConnectionHandlers, type Connection, type EndOwner,
} from './connection.js';
import type { Fabric, NetContext } from './fabric.js';
import type { Iface } from './host.js';
import { Packet } from './packet.js';
import { BLOCK, HOLD } from './rules.js';
import { TcpPaths } from './tcpPaths.js';
import { allocatePort, listenerFor } from './listen.js';
import { checkPort, checkSize, ownIface } from './udp.js';
import type { Json } from '../json.js';
import type { PacketCodec } from './packetCodec.js';
import type { ConnectionRef } from './connection.js';
import { isUnattached, loadTcp, loadTcpTarget, saveTcp, saveTcpTarget, type TcpSave } from './tcpSave.js';

/** @internal */
export class Tcp implements EndOwner {
  readonly paths: TcpPaths;
  private nextConnectionId = 0;
  /** pairs restored from a checkpoint, finished ones included (packets in flight may name them) */
  private readonly restored = new Map<number, TcpPair>();

  constructor(
    private readonly ctx: NetContext,
    private readonly fabric: Fabric,
    private readonly codec: PacketCodec,
  ) {
    const pairCodec = { save: (pair: TcpPair) => pair.id, load: (id: Json) => this.pairById(id as number) };
    this.paths = new TcpPaths(ctx, fabric, (seg) => this.transmit(seg), pairCodec);
    fabric.plug('tcp', (seg) => this.arrive(seg), (seg) => this.transmit(seg));
  }

  /** Live pairs, and every pair the given packets (in flight, held) belong to. */
  save(inFlight: Iterable<Packet>): TcpSave {
    const referenced: TcpPair[] = [];
    for (const p of inFlight) if (p.proto === 'tcp' && p.target !== undefined) referenced.push((p.target as TcpEnd).pair);
    return saveTcp(this.nextConnectionId, this.paths.live, referenced, this.codec);
  }

  load(saved: TcpSave): void {
    loadTcp(saved, this.ctx.hosts, this.ctx.nats, this, this.codec, this.restored, this.paths.live);
    this.nextConnectionId = saved.nextConnectionId;
  }

  saveTarget(p: Packet): Json {
    return saveTcpTarget(p);
  }

  loadTarget(json: Json, p: Packet): TcpEnd | undefined {
    return loadTcpTarget(json, p, this.restored, this.ctx.hosts, this);
  }

  /**
   * Give a restored end its owner's handlers again. A finished connection the checkpoint did not
   * keep comes back as a finished end with the facts the owner saved.
   */
  reattach(ref: ConnectionRef, handlers: ConnectionHandlers): Connection {
    const pair = this.paths.live.get(ref?.id) ?? this.restored.get(ref?.id);
    const end = ref?.side === 'client' ? pair?.client : pair?.server;
    if (end !== undefined) {
      end.handlers = handlers;
      return end;
    }
    if (ref === null || typeof ref !== 'object' || (ref.state !== 'closed' && ref.state !== 'reset')) {
      throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: `connection ${JSON.stringify(ref)}`, why: 'it was live when saved but the network did not save it' });
    }
    const stub = new TcpPair(ref.id, undefined as unknown as TcpEnd);
    const finished = new TcpEnd(stub, ref.side, this.ctx.hosts.get(ref.host), { ...ref.local }, { ...ref.remote }, handlers, this);
    finished.state = ref.state;
    if (ref.side === 'client') stub.client = finished;
    else {
      stub.client = finished;
      stub.server = finished;
    }
    return finished;
  }

  /** Live ends restored from a checkpoint whose owners have not re-attached handlers. */
  unattached(): string[] {
    const out: string[] = [];
    for (const pair of this.paths.live.values()) {
      for (const end of [pair.client, pair.server]) {
        if (end !== undefined && end.live && isUnattached(end)) out.push(`connection ${pair.id} (${end.side} end on ${end.host})`);
      }
    }
    return out;
  }

  private pairById(id: number): TcpPair {
    const pair = this.paths.live.get(id) ?? this.restored.get(id);
    if (pair === undefined) throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: `a connection timer`, why: `its connection ${id} is not saved` });
    return pair;
  }

  connect(from: { host: string; address?: string }, to: { address: string; port: number },
    handlers: ConnectionHandlers = {}): Connection {
    const ctx = this.ctx;
    const host = ctx.hosts.get(from?.host);
    const dst = parseAddressCached(to?.address);
    checkPort(to.port);
    if (handlers === null || typeof handlers !== 'object') throw new SimError('XTW_ERR_SIM_BAD_RULE', { value: 'handlers must be an object' });
    const srcIface: Iface | undefined = from.address === undefined ? host.firstIface(dst.family) : ownIface(ctx.hosts, host, from.address);
    const srcAddress = srcIface?.address(dst.family) ?? '';
    const port = allocatePort(host, ctx.defaults);
    const pair = new TcpPair(++this.nextConnectionId, undefined as unknown as TcpEnd);
    const client = new TcpEnd(pair, 'client', host, { address: srcAddress, port }, { address: dst.text, port: to.port }, handlers, this);
    pair.client = client;
    pair.clientPort = port;
    ctx.trace.emit('net', 'net.connect', { id: pair.id, host: host.name, local: client.local, remote: client.remote });
    const syn = new Packet(++ctx.nextPacketId, 'tcp', host.name, srcAddress, port, dst.text, to.port, undefined, 0, ctx.queue.nowMs);
    syn.srcIface = srcIface;
    syn.segment = SYN;
    syn.target = client;
    this.fabric.traceSend(syn);
    if (!host.up) {
      // A powered-off host runs no code: its attempt is abandoned with no callback.
      client.state = 'reset';
      this.fabric.drop(syn, 'host-down');
      return client;
    }
    host.connectionPorts.add(port);
    this.paths.track(pair);
    pair.connectTimer = this.paths.connectTimeout.after(ctx.defaults.connectTimeoutMs, pair);
    const reason = this.fabric.resolve(syn, host, srcIface);
    if (reason !== undefined) {
      this.fabric.drop(syn, reason);
      return client;
    }
    // A copy, not the SYN itself: the SYN travels on (and may be held by a rule), the template stays,
    // so a checkpoint never has to keep two references to one packet.
    pair.forward = syn.clone();
    pair.natOut = syn.src.address !== srcAddress ? host.nat : undefined;
    pair.natIn = ctx.nats.byPublic.get(syn.dstAddressSent);
    this.transmit(syn);
    return client;
  }

  /** EndOwner: data from an application. */
  send(end: TcpEnd, payload: unknown, sizeBytes: number | undefined): void {
    const size = sizeBytes ?? this.ctx.defaults.packetSizeBytes;
    checkSize(size);
    if (end.state === 'connecting') {
      end.pending.push({ payload, sizeBytes: size });
      return;
    }
    this.sendSegment(end, DATA, payload, size);
  }

  /** EndOwner: the application closes its end. */
  close(end: TcpEnd): void {
    if (!end.live) return;
    const wasOpen = end.state === 'open';
    end.state = 'closed';
    this.ctx.trace.emit('net', 'net.close', { id: end.id, host: end.host, by: 'local' });
    const pair = end.pair;
    if (wasOpen) this.sendSegment(end, FIN, undefined, 0);
    else if (pair.server !== undefined) pair.broken = 'closed';
    if (pair.connectTimer !== undefined && end.side === 'client') {
      this.ctx.queue.cancel(pair.connectTimer);
      pair.connectTimer = undefined;
    }
    this.paths.reevaluate(pair);
  }

  private sendSegment(end: TcpEnd, kind: number, payload: unknown, sizeBytes: number): void {
    const pair = end.pair;
    const template = end.side === 'client' ? pair.forward! : pair.backward!;
    const ctx = this.ctx;
    const seg = segmentOf(++ctx.nextPacketId, template, kind, end, payload, sizeBytes, ctx.queue.nowMs);
    this.fabric.traceSend(seg);
    if (pair.blockedReason !== undefined) end.outbox.push(seg);
    else this.transmit(seg);
  }

  /**
   * Decide and schedule one segment. A rule's drop adds a retransmit delay (doubling) and the rules
   * run again, up to `retransmitLimit` times; then the connection gives up and resets.
   */
  private transmit(seg: Packet): void {
    const ctx = this.ctx;
    const sender = seg.target as TcpEnd;
    let extraMs = 0;
    let rtoMs = ctx.defaults.retransmitDelayMs;
    for (let attempt = 0; ; attempt++) {
      // Duplicates (seg.copies) are never scheduled: the receiver would discard them.
      const v = this.fabric.evaluate(seg);
      if (v === HOLD) return;
      if (v >= 0) {
        seg.latencyMs = v + extraMs;
        const atMs = Math.max(ctx.queue.nowMs + seg.latencyMs, sender.lastArrivalMs);
        sender.lastArrivalMs = atMs;
        this.fabric.arrival.tcp.at(atMs, seg);
        return;
      }
      if (v === BLOCK || attempt >= ctx.defaults.retransmitLimit) {
        const handshake = seg.segment === SYN || seg.segment === REFUSE;
        if (handshake) {
          this.fabric.drop(seg, `rule:${seg.decidedBy}`); // the client times out
        } else if (v === BLOCK) {
          // Wait for the path to heal (or the reset): tcpPaths flushes or drops the outbox.
          sender.outbox.push(seg);
          this.paths.reevaluate(sender.pair);
        } else {
          this.fabric.drop(seg, `rule:${seg.decidedBy}`);
          this.paths.reset(sender.pair, 'retransmit-limit');
        }
        return;
      }
      extraMs += rtoMs;
      rtoMs *= 2;
    }
  }

  private arrive(seg: Packet): void {
    const sender = seg.target as TcpEnd;
    const pair = sender.pair;
    switch (seg.segment) {
      case SYN:
        this.arriveSyn(pair, seg);
        return;
      case SYN_ACK:
        this.fabric.traceDeliver(seg);
        this.paths.opened(pair, (end) => this.flushPending(end));
        return;
      case REFUSE:
        this.fabric.traceDeliver(seg);
        this.paths.refused(pair);
        return;
    }
    const receiver = sender.peer;
    if (receiver === undefined || receiver.state !== 'open') {
      this.fabric.drop(seg, 'connection-reset'); // the receiving end is gone
      return;
    }
    this.fabric.traceDeliver(seg);
    if (seg.segment === DATA) {
      receiver.handlers.onData?.(receiver, seg.payload);
    } else if (seg.segment === FIN) {
      this.paths.peerClosed(receiver);
    }
  }

  private arriveSyn(pair: TcpPair, syn: Packet): void {
    const client = pair.client;
    if (client.state !== 'connecting') {
      this.fabric.drop(syn, 'connection-reset'); // the client gave up waiting
      return;
    }
    const problem = this.fabric.arrivalProblem(syn);
    if (problem !== undefined) {
      this.fabric.drop(syn, problem); // the client times out
      return;
    }
    this.fabric.traceDeliver(syn);
    const host = syn.dstIface!.host;
    const listener = listenerFor(host, syn.dst.address, syn.dst.port);
    const server = new TcpEnd(pair, 'server', host, syn.dst, syn.src, {}, this);
    pair.backward = backwardOf(syn, client);
    const ctx = this.ctx;
    if (listener === undefined) {
      server.state = 'closed';
      const refuse = segmentOf(++ctx.nextPacketId, pair.backward, REFUSE, server, undefined, 0, ctx.queue.nowMs);
      this.fabric.traceSend(refuse);
      this.transmit(refuse);
      return;
    }
    pair.server = server;
    ctx.trace.emit('net', 'net.accept', { id: pair.id, host: host.name, local: server.local, remote: server.remote });
    // The accept goes out before anything the application sends from onAccept/onOpen.
    this.sendSegment(server, SYN_ACK, undefined, 0);
    server.handlers = listener.onAccept(server) ?? {};
    if (server.state === 'open') server.handlers.onOpen?.(server);
    this.paths.reevaluate(pair);
  }

  private flushPending(end: TcpEnd): void {
    const pending = end.pending.splice(0);
    for (const item of pending) {
      if (end.state !== 'open') return;
      this.sendSegment(end, DATA, item.payload, item.sizeBytes ?? this.ctx.defaults.packetSizeBytes);
    }
  }
}
