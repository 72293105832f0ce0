/**
 * Round trips between two hosts. `expectedMs` reads the current rules (base latency — or the rule
 * that replaces it — plus every other matching latency rule's mean, both ways) and draws no chance; `measure` sends an echo through the
 * real path and rules and reports the sampled delays out and back, or undefined when the echo or
 * its reply is lost within `rttProbeTimeoutMs`. Hosts talk over IPv4 when both have it, else IPv6.
 */
import type { EventId } from '../queue.js';
import type { Fabric, NetContext } from './fabric.js';
import type { Host, Iface } from './host.js';
import { Packet } from './packet.js';

const ECHO = 1;
const REPLY = 2;

interface Probe {
  onResult: (rttMs: number | undefined) => void;
  outMs: number;
  timer: EventId;
  done: boolean;
}

/** @internal */
export class Rtt {
  private readonly timeout = (probe: Probe): void => this.finish(probe, undefined);

  constructor(
    private readonly ctx: NetContext,
    private readonly fabric: Fabric,
  ) {
    fabric.deliver.icmp = (p) => this.arrive(p);
    fabric.resume.icmp = (p) => fabric.decideAndSchedule(p);
  }

  expectedMs(a: Host, b: Host): number | undefined {
    const path = pathBetween(a, b);
    if (path === undefined) return undefined;
    const there = template(a, path[0], b, path[1], path[2]);
    const back = template(b, path[1], a, path[0], path[2]);
    if (this.fabric.blockedReason(there) !== undefined || this.fabric.blockedReason(back) !== undefined) return undefined;
    return this.oneWayMs(there) + this.oneWayMs(back);
  }

  /** The mean one-way delay of a packet shaped like `p`: base (or the last rule replacing it) plus added rules. */
  private oneWayMs(p: Packet): number {
    let baseMs = this.ctx.defaults.latencyMsMean;
    let addedMs = 0;
    for (const rule of this.ctx.rules) {
      if (rule.kind !== 'latency' || !rule.matches(p)) continue;
      const meanMs = rule.params.latencyMsMean as number;
      if (rule.params.replacesBase === true) baseMs = meanMs;
      else addedMs += meanMs;
    }
    return baseMs + addedMs;
  }

  measure(a: Host, b: Host, onResult: (rttMs: number | undefined) => void): void {
    const ctx = this.ctx;
    const probe: Probe = { onResult, outMs: 0, timer: 0, done: false };
    probe.timer = ctx.queue.after(ctx.defaults.rttProbeTimeoutMs, this.timeout, probe);
    const path = pathBetween(a, b);
    const family = path?.[2] ?? 4;
    const srcIface = path?.[0] ?? a.firstIface(family);
    const dstAddress = path?.[1].address(family) ?? '';
    const p = new Packet(++ctx.nextPacketId, 'icmp', a.name, srcIface?.address(family) ?? '', 0, dstAddress, 0,
      undefined, 0, ctx.queue.nowMs);
    p.srcIface = srcIface;
    p.segment = ECHO;
    p.target = probe;
    if (dstAddress === '') {
      this.fabric.traceSend(p);
      this.fabric.drop(p, 'no-route');
      return;
    }
    this.fabric.transmit(p, a, srcIface);
  }

  private arrive(p: Packet): void {
    const problem = this.fabric.arrivalProblem(p);
    if (problem !== undefined) {
      this.fabric.drop(p, problem);
      return;
    }
    this.fabric.traceDeliver(p);
    const probe = p.target as Probe;
    if (p.segment === REPLY) {
      this.finish(probe, probe.outMs + p.latencyMs);
      return;
    }
    probe.outMs = p.latencyMs;
    const ctx = this.ctx;
    const host = p.dstIface!.host;
    // Echo back to the source as seen here: through a masquerade NAT that is the mapped port.
    const reply = new Packet(++ctx.nextPacketId, 'icmp', host.name, p.dst.address, p.dst.port, p.src.address, p.src.port,
      undefined, 0, ctx.queue.nowMs);
    reply.srcIface = p.dstIface;
    reply.segment = REPLY;
    reply.target = probe;
    this.fabric.transmit(reply, host, p.dstIface);
  }

  private finish(probe: Probe, rttMs: number | undefined): void {
    if (probe.done) return;
    probe.done = true;
    this.ctx.queue.cancel(probe.timer);
    probe.onResult(rttMs);
  }
}

/** The first interfaces of `a` and `b` sharing a family (IPv4 first), with that family. */
function pathBetween(a: Host, b: Host): [Iface, Iface, 4 | 6] | undefined {
  for (const family of [4, 6] as const) {
    const ia = a.firstIface(family);
    const ib = b.firstIface(family);
    if (ia && ib) return [ia, ib, family];
  }
  return undefined;
}

/** A packet shaped like one from `a` to `b` directly, for matching rules (no NAT is consulted). */
function template(a: Host, ia: Iface, b: Host, ib: Iface, family: 4 | 6): Packet {
  const p = new Packet(0, 'icmp', a.name, ia.address(family)!, 0, ib.address(family)!, 0, undefined, 0, 0);
  p.dstHost = b.name;
  p.srcIface = ia;
  p.dstIface = ib;
  return p;
}
