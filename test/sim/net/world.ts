// Small builders for network tests: a queue, a seeded Rng, a trace and a Network, plus hosts on one
// IPv4 LAN (host i gets 10.0.0.<i+1>) and a collector of datagrams per host and port.
import { EventQueue, Network, Rng, SimError, Trace, type Datagram, type NetDefaults } from '../../../sim/index.js';

export interface World {
  queue: EventQueue;
  trace: Trace;
  rng: Rng;
  net: Network;
}

export function makeWorld(seed: number | string = 1, options: { defaults?: Partial<NetDefaults>; tracePackets?: boolean } = {}): World {
  const queue = new EventQueue();
  const tracePackets = options.tracePackets ?? true;
  const trace = new Trace(queue, { record: (kind) => tracePackets || !['net.send', 'net.deliver', 'net.drop'].includes(kind) });
  const rng = Rng.fromSeed(seed);
  const net = new Network({ queue, rng, trace, defaults: options.defaults });
  return { queue, trace, rng, net };
}

/** Hosts on one LAN: `names[i]` gets lan1 = 10.0.0.<i+1>/24. */
export function lan(net: Network, names: readonly string[]): Record<string, string> {
  const addresses: Record<string, string> = {};
  names.forEach((name, i) => {
    net.addHost(name);
    net.addInterface(name, { name: 'lan1', ipv4: `10.0.0.${i + 1}`, ipv4PrefixLength: 24 });
    addresses[name] = `10.0.0.${i + 1}`;
  });
  return addresses;
}

/** Record what arrives on `host:port`, with the virtual time it arrived. */
export function collect(w: World, host: string, port: number): (Datagram & { atMs: number })[] {
  const got: (Datagram & { atMs: number })[] = [];
  w.net.bindUdp(host, port, (d) => got.push({ ...d, src: d.src, dst: d.dst, atMs: w.queue.nowMs }));
  return got;
}

/** Kinds of the trace events recorded so far, optionally only those of one kind prefix. */
export function kinds(w: World, prefix = ''): string[] {
  return w.trace.all().filter((e) => e.kind.startsWith(prefix)).map((e) => e.kind);
}

/** The SimError code `fn` throws, undefined when it does not throw (a non-SimError says so). */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof SimError ? e.code : `not a SimError: ${String(e)}`;
  }
  return undefined;
}
