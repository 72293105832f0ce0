/**
 * Datagrams: bind a handler to a port, send, deliver. Best effort like real UDP: a datagram that
 * cannot arrive (no route, host or link down, a rule, nothing bound) is dropped silently, and the
 * trace says why. Bad *input* (unknown host, bad port or address, a port in use) throws. The
 * handler receives the packet object itself as its `Datagram`; nothing is copied on the way.
 */
import { SimError } from '../errors.js';
import { parseAddressCached } from './address.js';
import type { Fabric, NetContext } from './fabric.js';
import type { Host, HostTable, Iface } from './host.js';
import { Packet, type Datagram } from './packet.js';

export type DatagramHandler = (datagram: Datagram) => void;

/** Where a datagram comes from: the host, optionally one of its addresses, and a source port. */
export interface UdpSource {
  host: string;
  /** default: the host's first interface with an address of the destination's family */
  address?: string;
  port: number;
}

/** Where a datagram goes. */
export interface UdpDestination {
  address: string;
  port: number;
}

/** A bound port; `close()` unbinds it (idempotent). */
export interface UdpSocket {
  close(): void;
}

/** @internal */
export interface UdpBinding {
  readonly address: string | undefined;
  /** replaced when a restored world's owner re-attaches (issue #15) */
  handler: DatagramHandler;
}

/** @internal */
export class Udp {
  constructor(
    private readonly ctx: NetContext,
    private readonly fabric: Fabric,
  ) {
    fabric.plug('udp', (p) => this.deliver(p), (p) => fabric.decideAndSchedule(p));
  }

  bind(hostName: string, port: number, handler: DatagramHandler, options: { address?: string } = {}): UdpSocket {
    const host = this.ctx.hosts.get(hostName);
    checkPort(port);
    if (typeof handler !== 'function') throw new SimError('XTW_ERR_SIM_BAD_RULE', { value: 'a UDP handler must be a function' });
    const address = options.address === undefined ? undefined : parseAddressCached(options.address).text;
    if (address !== undefined) ownIface(this.ctx.hosts, host, address);
    const list = host.udp.get(port) ?? [];
    if (list.some((b) => b.address === undefined || address === undefined || b.address === address)) {
      throw new SimError('XTW_ERR_SIM_PORT_IN_USE', { value: port, host: host.name });
    }
    const binding: UdpBinding = { address, handler };
    list.push(binding);
    host.udp.set(port, list);
    return udpSocket(host, port, binding);
  }

  send(from: UdpSource, to: UdpDestination, payload: unknown, sizeBytes: number): void {
    const ctx = this.ctx;
    const host = ctx.hosts.get(from.host);
    checkPort(from.port);
    checkPort(to.port);
    checkSize(sizeBytes);
    const dst = parseAddressCached(to.address);
    let srcIface: Iface | undefined;
    let srcAddress: string | undefined;
    if (from.address === undefined) {
      srcIface = host.firstIface(dst.family);
      srcAddress = srcIface?.address(dst.family);
    } else {
      srcIface = ownIface(ctx.hosts, host, from.address);
      // A source of the other family cannot reach the destination: dropped as no-route.
      srcAddress = srcIface.address(dst.family);
      if (srcAddress !== parseAddressCached(from.address).text) srcAddress = undefined;
    }
    const p = new Packet(++ctx.nextPacketId, 'udp', host.name, srcAddress ?? '', from.port, dst.text, to.port,
      payload, sizeBytes, ctx.queue.nowMs);
    p.srcIface = srcIface;
    this.fabric.transmit(p, host, srcIface);
  }

  private deliver(p: Packet): void {
    const fabric = this.fabric;
    const problem = fabric.arrivalProblem(p);
    if (problem !== undefined) {
      fabric.drop(p, problem);
      return;
    }
    const list = p.dstIface!.host.udp.get(p.dst.port);
    let binding: UdpBinding | undefined;
    if (list !== undefined) {
      for (let i = 0; i < list.length; i++) {
        const b = list[i]!;
        if (b.address === undefined || b.address === p.dst.address) {
          binding = b;
          break;
        }
      }
    }
    if (binding === undefined) {
      fabric.drop(p, 'port-unreachable');
      return;
    }
    fabric.traceDeliver(p);
    binding.handler(p);
  }
}

/** @internal The socket that unbinds `binding`. */
export function udpSocket(host: Host, port: number, binding: UdpBinding): UdpSocket {
  return {
    close: () => {
      const current = host.udp.get(port);
      const i = current ? current.indexOf(binding) : -1;
      if (i < 0) return;
      current!.splice(i, 1);
      if (current!.length === 0) host.udp.delete(port);
    },
  };
}

/** @internal The interface of `host` that owns `address`; bad or foreign addresses throw. */
export function ownIface(hosts: HostTable, host: Host, address: string): Iface {
  const parsed = parseAddressCached(address);
  const iface = hosts.owners.get(parsed.text);
  if (iface === undefined || iface.host !== host) {
    throw new SimError('XTW_ERR_SIM_UNKNOWN_ADDRESS', { value: `${parsed.text} on host ${host.name}` });
  }
  return iface;
}

/** @internal */
export function checkPort(port: unknown): asserts port is number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SimError('XTW_ERR_SIM_BAD_PORT', { value: port });
  }
}

/** @internal */
export function checkSize(sizeBytes: unknown): asserts sizeBytes is number {
  if (typeof sizeBytes !== 'number' || !Number.isInteger(sizeBytes) || sizeBytes < 0) {
    throw new SimError('XTW_ERR_SIM_BAD_SIZE', { value: sizeBytes });
  }
}
