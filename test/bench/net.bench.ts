/**
 * Benchmark of the simulated network's datagram path: 6 hosts, every one sending to every other on
 * a 1 ms virtual tick, with base latency + jitter and a latency rule on, and per-packet trace kinds
 * switched off (the way long property runs use it). Reports delivered datagrams per wall second.
 * Bench code may read the wall clock; it never asserts times.
 */
import { EventQueue, Network, Rng, Trace } from '../../sim/index.js';

const PER_PACKET_KINDS = new Set(['net.send', 'net.deliver', 'net.drop']);

function world(): { queue: EventQueue; net: Network; delivered: () => number } {
  const queue = new EventQueue();
  const trace = new Trace(queue, { record: (kind) => !PER_PACKET_KINDS.has(kind) });
  const net = new Network({ queue, rng: Rng.fromSeed(42), trace });
  const hosts = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
  let delivered = 0;
  const onDatagram = (): void => {
    delivered++;
  };
  hosts.forEach((h, i) => {
    net.addHost(h);
    net.addInterface(h, { name: 'lan1', ipv4: `10.0.0.${i + 1}`, ipv4PrefixLength: 24 });
    net.bindUdp(h, 1719, onDatagram);
  });
  net.latency({ from: ['h1', 'h2', 'h3'], to: ['h4', 'h5', 'h6'], bidirectional: true, latencyMsMean: 2, latencyMsJitter: 0.5 });
  const sources = hosts.map((host) => ({ host, port: 1719 }));
  const destinations = hosts.map((_, i) => ({ address: `10.0.0.${i + 1}`, port: 1719 }));
  const payload = { kind: 'keepalive' };
  // Every virtual ms each host sends 10 datagrams, one to each other host in turn.
  let turn = 0;
  queue.every(1, () => {
    for (let k = 0; k < 10; k++) {
      for (let s = 0; s < 6; s++) {
        turn = turn === 4 ? 0 : turn + 1;
        const d = (s + 1 + turn) % 6;
        net.sendUdp(sources[s]!, destinations[d]!, payload);
      }
    }
  });
  return { queue, net, delivered: () => delivered };
}

export function benchNetwork(): { name: string; value: number; unit: string }[] {
  const warm = world();
  warm.queue.advance(2_000); // let the JIT settle
  const { queue, delivered } = world();
  const start = performance.now();
  let elapsedMs = 0;
  while (elapsedMs < 1_500) {
    queue.advance(1_000);
    elapsedMs = performance.now() - start;
  }
  return [{ name: 'network.datagrams_per_s', value: Math.round(delivered() / (elapsedMs / 1000)), unit: 'datagrams/s' }];
}
