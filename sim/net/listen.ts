/**
 * Listening sockets and connection source ports. A host holds its listeners per port, each on one
 * address or on all of them; two listeners whose addresses overlap on one port are refused, as a
 * real stack refuses the second bind. Source ports come in order from the ephemeral range, skipping
 * ports in use, so the same calls always get the same ports.
 */
import { SimError } from '../errors.js';
import type { Connection, ConnectionHandlers } from './connection.js';
import type { NetDefaults } from './defaults.js';
import type { NetContext } from './fabric.js';
import type { Host } from './host.js';
import { checkPort, ownIface } from './udp.js';

/** Called for each accepted connection; returns that end's handlers. */
export type AcceptHandler = (conn: Connection) => ConnectionHandlers | void;

/** A listening port; `close()` stops accepting (open connections stay). Idempotent. */
export interface ListenSocket {
  close(): void;
}

/** @internal */
export interface Listener {
  readonly address: string | undefined;
  /** replaced when a restored world's owner re-attaches (issue #15) */
  onAccept: AcceptHandler;
}

/** @internal Validate, then register a listener on `host:port`. */
export function listen(ctx: NetContext, hostName: string, port: number, onAccept: AcceptHandler,
  options: { address?: string }): ListenSocket {
  const host = ctx.hosts.get(hostName);
  checkPort(port);
  if (typeof onAccept !== 'function') throw new SimError('XTW_ERR_SIM_BAD_RULE', { value: 'onAccept must be a function' });
  const address = options.address === undefined ? undefined : ownIface(ctx.hosts, host, options.address).address(family(options.address));
  const list = host.listeners.get(port) ?? [];
  if (list.some((l) => l.address === undefined || address === undefined || l.address === address)) {
    throw new SimError('XTW_ERR_SIM_PORT_IN_USE', { value: port, host: host.name });
  }
  const listener: Listener = { address, onAccept };
  list.push(listener);
  host.listeners.set(port, list);
  ctx.trace.emit('net', 'net.listen', { host: host.name, port, address });
  return listenSocket(host, port, listener);
}

/** @internal The socket that stops `listener`. */
export function listenSocket(host: Host, port: number, listener: Listener): ListenSocket {
  return {
    close: () => {
      const list = host.listeners.get(port);
      const i = list ? list.indexOf(listener) : -1;
      if (i < 0) return;
      list!.splice(i, 1);
      if (list!.length === 0) host.listeners.delete(port);
    },
  };
}

/** @internal The listener on `host` for a connection to `address:port`, if any. */
export function listenerFor(host: Host, address: string, port: number): Listener | undefined {
  const list = host.listeners.get(port);
  if (list === undefined) return undefined;
  for (const l of list) if (l.address === undefined || l.address === address) return l;
  return undefined;
}

/** @internal The next free source port on `host`, in order, wrapping around the ephemeral range. */
export function allocatePort(host: Host, defaults: NetDefaults): number {
  const { ephemeralPortFirst: first, ephemeralPortLast: last } = defaults;
  const span = last - first + 1;
  for (let i = 0; i < span; i++) {
    const candidate = host.nextEphemeralPort >= first && host.nextEphemeralPort <= last ? host.nextEphemeralPort : first;
    host.nextEphemeralPort = candidate >= last ? first : candidate + 1;
    if (!host.connectionPorts.has(candidate) && !host.listeners.has(candidate)) return candidate;
  }
  throw new SimError('XTW_ERR_SIM_PORT_IN_USE', { value: `every port ${first}-${last}`, host: host.name });
}

function family(address: string): 4 | 6 {
  return address.includes(':') ? 6 : 4;
}
