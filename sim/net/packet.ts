/**
 * The packet: one object per datagram or segment, built once and handed through resolve, rules and
 * delivery without copies (the datagram a UDP handler receives *is* the packet). A class with every
 * field set in the constructor keeps one hidden shape on the hot path. It carries the addresses a
 * rule selector may name: the sender's interface address before NAT and the receiver's after it.
 */
import type { Iface } from './host.js';

export type Protocol = 'udp' | 'tcp' | 'icmp';

/** An address (canonical text) and a port. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

/** What a UDP handler receives. `src` is the source as the receiver sees it (after any NAT). */
export interface Datagram {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly payload: unknown;
  readonly sizeBytes: number;
  readonly sentAtMs: number;
  /** the one-way delay sampled for this datagram, before rounding to the integer-ms clock */
  readonly latencyMs: number;
}

/** A packet as rules see it. */
export interface PacketView extends Datagram {
  readonly id: number;
  readonly proto: Protocol;
  readonly srcHost: string;
  readonly dstHost: string;
  /** the sender's interface address, before any NAT */
  readonly srcAddressInside: string;
  /** the address the sender put in the packet (a NAT public address, or the receiver's own) */
  readonly dstAddressSent: string;
}

/** @internal */
export class Packet implements PacketView {
  dstHost = '';
  src: Endpoint;
  dst: Endpoint;
  dstAddressSent: string;
  /** the port the sender put in the packet (a masquerade NAT may map it to another) */
  dstPortSent: number;
  latencyMs = 0;
  srcIface: Iface | undefined = undefined;
  dstIface: Iface | undefined = undefined;
  /** the rule that dropped, blocked or held the packet */
  decidedBy = '';
  /** extra copies asked for by duplicate rules */
  copies = 0;
  /** tcp: segment kind; icmp: echo kind */
  segment = 0;
  /** tcp: the receiving connection end; icmp: the probe */
  target: unknown = undefined;

  constructor(
    readonly id: number,
    readonly proto: Protocol,
    readonly srcHost: string,
    readonly srcAddressInside: string,
    srcPort: number,
    dstAddress: string,
    dstPort: number,
    readonly payload: unknown,
    readonly sizeBytes: number,
    readonly sentAtMs: number,
  ) {
    this.src = { address: srcAddressInside, port: srcPort };
    this.dst = { address: dstAddress, port: dstPort };
    this.dstAddressSent = dstAddress;
    this.dstPortSent = dstPort;
  }

  /** A copy for a duplicate delivery (the handler gets a distinct object). */
  clone(): Packet {
    const p = new Packet(this.id, this.proto, this.srcHost, this.srcAddressInside, this.src.port,
      this.dstAddressSent, this.dstPortSent, this.payload, this.sizeBytes, this.sentAtMs);
    p.dstHost = this.dstHost;
    p.src = this.src;
    p.dst = this.dst;
    p.latencyMs = this.latencyMs;
    p.srcIface = this.srcIface;
    p.dstIface = this.dstIface;
    p.segment = this.segment;
    p.target = this.target;
    return p;
  }
}

/** Why a packet did not arrive, as the trace records it (`rule:<name>` for a rule's verdict). */
export type DropReason =
  | 'no-route'
  | 'host-down'
  | 'link-down'
  | 'port-unreachable'
  | 'connection-reset'
  | `rule:${string}`;
