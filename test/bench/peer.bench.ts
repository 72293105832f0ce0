// peer.events_per_s: events the peer's xstate machine processes per wall-clock second, each with
// its effects (state hooks, alarms, trace) — database fail/recover toggles and restart cycles whose
// delays fire from the queue (target: ≥ 200,000 events/s).
// peer.saves_per_s: configuration writes per second (validate, immer, log lines, trace, listeners) —
// saves of an immediate key alternating with restart cycles; counted are saves plus transitions.
// peer.memory_bytes: heap held by one idle running peer, from 2,000 peers on one queue (target:
// ≤ 200 KB). Run with `node --expose-gc` for a steadier figure; without it the heap delta is used.
// Benches read the wall clock (performance.now) by design; the model under test never does.
import { EventQueue, Trace } from '../../sim/index.js';
import { Peer, type ChangeOrigin, type PeerSpec } from '../../src/expressway/peer.js';
import { TIMINGS } from '../../src/expressway/timings.js';
import type { Figure } from './figure.js';

const EPOCH_UTC_MS = Date.UTC(2026, 10, 24, 9);
const CLI: ChangeOrigin = { via: 'cli', user: 'admin' };
const SAVES_PER_CYCLE = 20;
const MEASURE_MS = 1_500;
const MEMORY_PEERS = 2_000;

function spec(id: string, n: number): PeerSpec {
  return {
    id,
    system: { product: 'expressway-c', series: 'expressway', version: 'X14.3.1', platform: 'medium-vm', serial: `0A1B${n}`, factoryResetImage: true, systemKeyInconsistent: false },
    config: { 'IP DNS Hostname': id, 'IP DNS Domain Name': 'example.com', 'Ethernet 1 IP V4 Address': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
  };
}

function eventsPerSecond(): Figure {
  const queue = new EventQueue();
  // Recorded as in a real run; hashing is on demand (trace.hash()), which a run pays only when it asks.
  const trace = new Trace(queue);
  const peer = new Peer(spec('expc01', 11), { queue, trace, epochUtcMs: EPOCH_UTC_MS, log: () => {} });
  let transitions = 0;
  let saves = 0;
  peer.onLifecycle(() => transitions++);
  const cycle = (): void => {
    for (let i = 0; i < SAVES_PER_CYCLE; i++) {
      peer.save({ 'SystemUnit Name': (saves & 1) === 0 ? 'Edge A' : 'Edge B' }, CLI);
      saves++;
    }
    peer.restart();
    queue.advance(TIMINGS.restartDurationMs);
  };
  for (let i = 0; i < 200; i++) cycle(); // warm-up
  const before = saves + transitions;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MEASURE_MS) {
    for (let i = 0; i < 50; i++) cycle();
    elapsed = performance.now() - start;
  }
  const perS = ((saves + transitions - before) / elapsed) * 1000;
  if (peer.state !== 'running') throw new Error(`bench peer ended ${peer.state}`);
  return { name: 'peer.saves_per_s', value: Math.round(perS), unit: 'events/s' };
}

function machineEventsPerSecond(): Figure {
  const queue = new EventQueue();
  const trace = new Trace(queue);
  const peer = new Peer(spec('expc01', 11), { queue, trace, epochUtcMs: EPOCH_UTC_MS, log: () => {} });
  let transitions = 0;
  peer.onLifecycle(() => transitions++);
  const cycle = (): void => {
    for (let i = 0; i < 20; i++) {
      peer.send({ type: 'DATABASE_FAILED' });
      peer.send({ type: 'DATABASE_RECOVERED' });
    }
    peer.restart();
    queue.advance(TIMINGS.restartDurationMs); // the restart's delayed transition fires from the queue
  };
  for (let i = 0; i < 200; i++) cycle(); // warm-up
  const before = transitions;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MEASURE_MS) {
    for (let i = 0; i < 50; i++) cycle();
    elapsed = performance.now() - start;
  }
  if (peer.state !== 'running') throw new Error(`bench peer ended ${peer.state}`);
  return { name: 'peer.events_per_s', value: Math.round(((transitions - before) / elapsed) * 1000), unit: 'events/s' };
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

function memoryPerPeer(): Figure {
  const queue = new EventQueue();
  const trace = new Trace(queue);
  const peers: Peer[] = [];
  new Peer(spec('warmup', 1), { queue, trace, epochUtcMs: EPOCH_UTC_MS, log: () => {} }); // load code and caches first
  const before = heapUsed();
  for (let i = 0; i < MEMORY_PEERS; i++) {
    peers.push(new Peer(spec(`exp${i}`, i + 2), { queue, trace, epochUtcMs: EPOCH_UTC_MS, log: () => {} }));
  }
  const after = heapUsed();
  if (peers.some((p) => p.state !== 'running')) throw new Error('bench peers are not all running');
  return { name: 'peer.memory_bytes', value: Math.round(Math.max(0, after - before) / peers.length), unit: 'bytes/peer' };
}

export function benchPeer(): Figure[] {
  return [machineEventsPerSecond(), eventsPerSecond(), memoryPerPeer()];
}
