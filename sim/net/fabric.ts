/**
 * The path every packet takes: source host → NAT → rules → event queue → destination host. Owns
 * route resolution, the verdict loop and the three-step packet trace (`net.send`, then
 * `net.deliver` or `net.drop` with the rule that decided). Per-packet work allocates nothing it can
 * avoid: deliveries are `queue.at(time, handlerForProtocol, packet)` with handlers bound once, and
 * trace data is built only when the trace wants that kind. Protocols plug in their own delivery.
 * Deliveries are named queue events (`net.deliver.udp|tcp|icmp`) whose packets become JSON only when
 * the world is saved (packetCodec.ts), so a checkpoint holds every packet in flight.
 */
import type { EventHandler, EventQueue, PayloadCodec } from '../queue.js';
import type { Trace } from '../trace.js';
import type { NetDefaults } from './defaults.js';
import type { Host, HostTable, Iface } from './host.js';
import type { NatTable } from './nat.js';
import type { DropReason, Endpoint, Packet, Protocol } from './packet.js';
import { DUPLICATE, HOLD, type NetChance, type Rule } from './rules.js';

/** Counters since the network was created. */
export interface NetStats {
  sent: number;
  delivered: number;
  dropped: number;
}

/** @internal What every part of the network shares. */
export interface NetContext {
  readonly queue: EventQueue;
  readonly trace: Trace;
  readonly chance: NetChance;
  defaults: NetDefaults;
  readonly hosts: HostTable;
  readonly rules: Rule[];
  readonly nats: NatTable;
  readonly stats: NetStats;
  nextPacketId: number;
}

/** @internal */
export class Fabric {
  /** per protocol: resume a packet a hold rule released */
  readonly resume = {} as Record<Protocol, (p: Packet) => void>;
  /** per protocol: the named queue handler (`net.deliver.<proto>`) that delivers a packet whose time has come */
  readonly arrival = {} as Record<Protocol, EventHandler<Packet>>;

  constructor(private readonly ctx: NetContext, private readonly codec: PayloadCodec<Packet>) {}

  /** A protocol plugs in its delivery and its resume (each protocol's constructor, once). */
  plug(proto: Protocol, deliver: (p: Packet) => void, resume: (p: Packet) => void): void {
    this.arrival[proto] = this.ctx.queue.handler<Packet>(`net.deliver.${proto}`, deliver, this.codec);
    this.resume[proto] = resume;
  }

  /** Send a datagram-like packet (udp, icmp): resolve, decide, schedule. */
  transmit(p: Packet, host: Host, srcIface: Iface | undefined): void {
    this.traceSend(p);
    const reason = this.resolve(p, host, srcIface);
    if (reason !== undefined) {
      this.drop(p, reason);
      return;
    }
    this.decideAndSchedule(p);
  }

  /** Run the rules and schedule delivery (or drop/hold). Also how a released packet continues. */
  decideAndSchedule(p: Packet): void {
    const v = this.evaluate(p);
    if (v === HOLD) return;
    if (v < 0) {
      this.drop(p, `rule:${p.decidedBy}`);
      return;
    }
    this.schedule(p, this.ctx.queue.nowMs + v);
  }

  /** Deliver `p` (and any duplicate copies) at `atMs`. */
  schedule(p: Packet, atMs: number): void {
    const arrival = this.arrival[p.proto];
    arrival.at(atMs, p);
    for (let i = p.copies; i > 0; i--) arrival.at(atMs, p.clone());
  }

  /**
   * Fill in the destination (direct or through a NAT's public address) and the source NAT, and check
   * power and links at both ends. Returns why the packet cannot go, or undefined.
   */
  resolve(p: Packet, host: Host, srcIface: Iface | undefined): DropReason | undefined {
    const ctx = this.ctx;
    if (!host.up) return 'host-down';
    if (srcIface === undefined || srcIface.removed || p.srcAddressInside === '') return 'no-route';
    if (!srcIface.up) return 'link-down';
    const iface = ctx.hosts.owners.get(p.dstAddressSent);
    if (iface !== undefined) {
      p.dstIface = iface;
      p.dstHost = iface.host.name;
    } else {
      const nat = ctx.nats.byPublic.get(p.dstAddressSent);
      if (nat === undefined || !nat.translateIn(p, ctx.hosts)) return 'no-route';
    }
    const out = host.nat;
    if (out !== undefined && out.translates(p)) {
      const mapped = out.translateOut(p);
      if (mapped === undefined) return 'no-route';
      p.src = mapped;
    }
    const dst = p.dstIface!;
    if (!dst.host.up) return 'host-down';
    if (!dst.up) return 'link-down';
    return undefined;
  }

  /**
   * Base latency, then every matching rule in install order. Returns the total delay in ms (≥ 0), or
   * the negative verdict that stopped the packet, with `p.decidedBy` naming the rule. A held packet
   * is already stored in its rule. A latency rule that `replacesBase` stands in for the base delay
   * (the last such rule wins); other delays add on top.
   */
  evaluate(p: Packet): number {
    const ctx = this.ctx;
    let baseMs = ctx.chance.latencyMs(ctx.defaults.latencyMsMean, ctx.defaults.latencyMsJitter);
    let addedMs = 0;
    p.copies = 0; // a packet evaluated again (released, retransmitted) starts over
    const rules = ctx.rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (!rule.matches(p)) continue;
      const v = rule.decide(p);
      if (v >= 0) {
        if (rule.params.replacesBase === true) baseMs = v;
        else addedMs += v;
      } else if (v === DUPLICATE) {
        p.copies++;
      } else {
        p.decidedBy = rule.name;
        if (v === HOLD) rule.held.push(p);
        return v;
      }
    }
    const delayMs = baseMs + addedMs;
    p.latencyMs = delayMs;
    return delayMs;
  }

  /** Why a packet shaped like `p` cannot cross right now, ignoring chance; undefined if it can. */
  blockedReason(p: Packet): DropReason | undefined {
    const src = p.srcIface;
    const dst = p.dstIface;
    if (src === undefined || dst === undefined) return 'no-route';
    if (!src.host.up || !dst.host.up) return 'host-down';
    if (src.removed || dst.removed) return 'no-route';
    if (!src.up || !dst.up) return 'link-down';
    const rules = this.ctx.rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (rule.blocking && rule.matches(p)) return `rule:${rule.name}`;
    }
    return undefined;
  }

  /** Re-check the destination when a packet arrives: it may have gone down in flight. */
  arrivalProblem(p: Packet): DropReason | undefined {
    const dst = p.dstIface!;
    if (!dst.host.up) return 'host-down';
    if (dst.removed) return 'no-route';
    if (!dst.up) return 'link-down';
    return undefined;
  }

  traceSend(p: Packet): void {
    this.ctx.stats.sent++;
    const trace = this.ctx.trace;
    if (!trace.wants('net.send')) return;
    trace.emit('net', 'net.send', {
      id: p.id, proto: p.proto, srcHost: p.srcHost,
      src: endpointText(p.src), dst: endpointText({ address: p.dstAddressSent, port: p.dstPortSent }),
      sizeBytes: p.sizeBytes,
    });
  }

  traceDeliver(p: Packet): void {
    this.ctx.stats.delivered++;
    const trace = this.ctx.trace;
    if (!trace.wants('net.deliver')) return;
    trace.emit('net', 'net.deliver', {
      id: p.id, proto: p.proto, srcHost: p.srcHost, dstHost: p.dstHost,
      src: endpointText(p.src), dst: endpointText(p.dst), latencyMs: p.latencyMs,
    });
  }

  drop(p: Packet, reason: DropReason): void {
    this.ctx.stats.dropped++;
    const trace = this.ctx.trace;
    if (!trace.wants('net.drop')) return;
    const data: Record<string, unknown> = { id: p.id, proto: p.proto, srcHost: p.srcHost, reason };
    if (p.dstHost !== '') data.dstHost = p.dstHost;
    if (reason.startsWith('rule:')) data.rule = p.decidedBy;
    trace.emit('net', 'net.drop', data);
  }
}

/** `10.0.0.1:5060`, `[2001:db8::1]:5060`. */
export function endpointText(e: Endpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}
