/**
 * Packets as JSON (issue #15), for a checkpoint: in flight (queue events), held by a rule, waiting
 * in a connection's outbox, or a connection's path template. An interface still in the host table
 * saves as `[host, name]`; one removed or renumbered since the packet left saves in full (and loads
 * as a detached, removed interface: the packet only needs to see that it is gone). A packet's
 * target (the sending connection end, the round-trip probe) saves through the protocol's refs.
 */
import { SimError } from '../errors.js';
import { checkJson, type Json } from '../json.js';
import type { PayloadCodec } from '../queue.js';
import { Iface, type HostTable } from './host.js';
import { Packet, type Endpoint, type Protocol } from './packet.js';

/** How a protocol saves and finds the object a packet targets. */
export interface PacketTargets {
  save(p: Packet): Json;
  load(proto: Protocol, json: Json, p: Packet): unknown;
}

type SavedIface = [string, string] | { host: string; name: string; ipv4?: string; ipv4PrefixLength?: number; ipv6?: string; ipv6PrefixLength?: number; up: boolean };

export interface SavedPacket {
  id: number;
  proto: Protocol;
  srcHost: string;
  srcAddressInside: string;
  src: Endpoint;
  dst: Endpoint;
  dstAddressSent: string;
  dstPortSent: number;
  dstHost: string;
  latencyMs: number;
  srcIface: SavedIface | null;
  dstIface: SavedIface | null;
  decidedBy: string;
  copies: number;
  segment: number;
  target: Json;
  payload: Json;
  sizeBytes: number;
  sentAtMs: number;
}

export class PacketCodec implements PayloadCodec<Packet> {
  /** set by the network once its protocols exist */
  targets: PacketTargets | undefined;

  constructor(private readonly hosts: HostTable) {}

  save(p: Packet): Json {
    const saved: SavedPacket = {
      id: p.id, proto: p.proto, srcHost: p.srcHost, srcAddressInside: p.srcAddressInside,
      src: { ...p.src }, dst: { ...p.dst }, dstAddressSent: p.dstAddressSent, dstPortSent: p.dstPortSent,
      dstHost: p.dstHost, latencyMs: p.latencyMs, srcIface: this.saveIface(p.srcIface), dstIface: this.saveIface(p.dstIface),
      decidedBy: p.decidedBy, copies: p.copies, segment: p.segment, target: this.targets!.save(p),
      payload: checkJson(p.payload ?? null, `the payload of ${p.proto} packet ${p.id} from ${p.srcHost}`), sizeBytes: p.sizeBytes, sentAtMs: p.sentAtMs,
    };
    return saved as unknown as Json;
  }

  load(json: Json): Packet {
    const s = json as unknown as SavedPacket;
    if (s === null || typeof s !== 'object' || typeof s.id !== 'number' || !['udp', 'tcp', 'icmp'].includes(s.proto)) {
      throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'a packet', why: `not a saved packet: ${JSON.stringify(json)?.slice(0, 200)}` });
    }
    const p = new Packet(s.id, s.proto, s.srcHost, s.srcAddressInside, s.src.port, s.dstAddressSent, s.dstPortSent,
      s.payload === null ? undefined : s.payload, s.sizeBytes, s.sentAtMs);
    p.src = { ...s.src };
    p.dst = { ...s.dst };
    p.dstHost = s.dstHost;
    p.latencyMs = s.latencyMs;
    p.srcIface = this.loadIface(s.srcIface);
    p.dstIface = this.loadIface(s.dstIface);
    p.decidedBy = s.decidedBy;
    p.copies = s.copies;
    p.segment = s.segment;
    p.target = this.targets!.load(s.proto, s.target, p);
    return p;
  }

  private saveIface(i: Iface | undefined): SavedIface | null {
    if (i === undefined) return null;
    if (!i.removed && this.hosts.hosts.get(i.host.name)?.ifaces.includes(i)) return [i.host.name, i.name];
    const out: SavedIface = { host: i.host.name, name: i.name, up: i.up };
    if (i.ipv4 !== undefined) out.ipv4 = i.ipv4;
    if (i.ipv4PrefixLength !== undefined) out.ipv4PrefixLength = i.ipv4PrefixLength;
    if (i.ipv6 !== undefined) out.ipv6 = i.ipv6;
    if (i.ipv6PrefixLength !== undefined) out.ipv6PrefixLength = i.ipv6PrefixLength;
    return out;
  }

  private loadIface(s: SavedIface | null): Iface | undefined {
    if (s === null) return undefined;
    if (Array.isArray(s)) return this.hosts.iface(s[0], s[1]);
    const gone = new Iface(this.hosts.get(s.host), s.name, s.ipv4, s.ipv4PrefixLength, s.ipv6, s.ipv6PrefixLength);
    gone.up = s.up;
    gone.removed = true;
    return gone;
  }
}
