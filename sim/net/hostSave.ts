/**
 * Hosts as JSON (issue #15): power, interfaces (in order, with link state), source-port state and
 * which ports are bound or listened on. Handlers are the owners' closures and are not saved: a
 * restored binding or listener throws until its owner re-attaches (`Network.reattachUdp`,
 * `reattachListener`), and `Network.unattached()` lists those still waiting.
 */
import { SimError } from '../errors.js';
import { Host, Iface, type HostTable } from './host.js';
import type { Listener } from './listen.js';
import type { UdpBinding } from './udp.js';

interface SavedIface {
  name: string;
  ipv4?: string;
  ipv4PrefixLength?: number;
  ipv6?: string;
  ipv6PrefixLength?: number;
  up: boolean;
}

export interface SavedHost {
  name: string;
  up: boolean;
  ifaces: SavedIface[];
  nextEphemeralPort: number;
  connectionPorts: number[];
  /** [port, address or null for all] of each UDP binding, in bind order */
  udp: [number, string | null][];
  listeners: [number, string | null][];
}

const unattached = new WeakSet<object>();

function waiting<F extends (...args: never[]) => unknown>(what: string): F {
  const fn = (() => {
    throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: what, why: 'it was restored but its owner never re-attached a handler' });
  }) as unknown as F;
  unattached.add(fn);
  return fn;
}

export function isWaiting(fn: unknown): boolean {
  return typeof fn === 'function' && unattached.has(fn);
}

export function saveHosts(hosts: HostTable): SavedHost[] {
  return [...hosts.hosts.values()].map((h) => ({
    name: h.name,
    up: h.up,
    ifaces: h.ifaces.map((i) => {
      const out: SavedIface = { name: i.name, up: i.up };
      if (i.ipv4 !== undefined) out.ipv4 = i.ipv4;
      if (i.ipv4PrefixLength !== undefined) out.ipv4PrefixLength = i.ipv4PrefixLength;
      if (i.ipv6 !== undefined) out.ipv6 = i.ipv6;
      if (i.ipv6PrefixLength !== undefined) out.ipv6PrefixLength = i.ipv6PrefixLength;
      return out;
    }),
    nextEphemeralPort: h.nextEphemeralPort,
    connectionPorts: [...h.connectionPorts],
    udp: [...h.udp].flatMap(([port, list]) => list.map((b): [number, string | null] => [port, b.address ?? null])),
    listeners: [...h.listeners].flatMap(([port, list]) => list.map((l): [number, string | null] => [port, l.address ?? null])),
  }));
}

/** Make the host table what was saved (hosts a fresh world lacks are added); NAT membership is the NAT table's. */
export function loadHosts(saved: SavedHost[], hosts: HostTable): void {
  if (!Array.isArray(saved)) throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'the hosts', why: 'not a saved host list' });
  hosts.owners.clear();
  for (const s of saved) {
    const host = hosts.hosts.get(s.name) ?? hosts.addHost(s.name);
    host.up = s.up;
    host.ifaces.length = 0;
    for (const si of s.ifaces) {
      const iface = new Iface(host, si.name, si.ipv4, si.ipv4PrefixLength, si.ipv6, si.ipv6PrefixLength);
      iface.up = si.up;
      host.ifaces.push(iface);
      if (iface.ipv4 !== undefined) hosts.owners.set(iface.ipv4, iface);
      if (iface.ipv6 !== undefined) hosts.owners.set(iface.ipv6, iface);
    }
    host.nextEphemeralPort = s.nextEphemeralPort;
    host.connectionPorts.clear();
    for (const p of s.connectionPorts) host.connectionPorts.add(p);
    host.udp.clear();
    for (const [port, address] of s.udp) {
      const binding: UdpBinding = { address: address ?? undefined, handler: waiting(`UDP port ${port} on ${host.name}`) };
      host.udp.set(port, [...(host.udp.get(port) ?? []), binding]);
    }
    host.listeners.clear();
    for (const [port, address] of s.listeners) {
      const listener: Listener = { address: address ?? undefined, onAccept: waiting(`the listener on port ${port} of ${host.name}`) };
      host.listeners.set(port, [...(host.listeners.get(port) ?? []), listener]);
    }
  }
}

/** Bindings and listeners restored but not re-attached yet, named. */
export function waitingSockets(hosts: HostTable): string[] {
  const out: string[] = [];
  for (const h of hosts.hosts.values()) {
    for (const [port, list] of h.udp) for (const b of list) if (isWaiting(b.handler)) out.push(`UDP port ${port} on ${h.name}`);
    for (const [port, list] of h.listeners) for (const l of list) if (isWaiting(l.onAccept)) out.push(`the listener on port ${port} of ${h.name}`);
  }
  return out;
}

/** The restored entry on `host:port` with exactly this address (undefined = all addresses). */
export function findSocket<T extends { address: string | undefined }>(host: Host, list: T[] | undefined, address: string | undefined, what: string, port: number): T {
  const found = list?.find((x) => x.address === address);
  if (found === undefined) {
    throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: `${what} ${port} on ${host.name}${address ? ` (${address})` : ''}`, why: 'no such socket was saved' });
  }
  return found;
}
