// A small builder for one Peer on its own queue and trace, for the tests under test/expressway.
// Time moves only through the queue (STYLE R3): `restartAndWait` advances virtual time past the
// restart, never the wall clock.
import { EventQueue, Trace, type TraceEvent } from '../../sim/index.js';
import type { Edits } from '../../src/expressway/config/store.js';
import type { LogRecord } from '../../src/expressway/logLines.js';
import { Peer, type ChangeOrigin, type PeerSystem } from '../../src/expressway/peer.js';
import { PeerError, type PeerErrorCode } from '../../src/expressway/errors.js';
import { TIMINGS } from '../../src/expressway/timings.js';

/** Virtual time 0 in UTC (24 Nov 2026, 09:00). */
export const EPOCH_UTC_MS = Date.UTC(2026, 10, 24, 9);

export const BASE_SYSTEM: PeerSystem = {
  product: 'expressway-c', series: 'expressway', version: 'X14.3.1', platform: 'medium-vm',
  serial: '0A1B2C3D', factoryResetImage: true, systemKeyInconsistent: false,
};

export const BASE_CONFIG: Edits = {
  'IP DNS Hostname': 'expc01', 'IP DNS Domain Name': 'example.com', 'Ethernet 1 IP V4 Address': '10.0.0.11',
};

/** The origin most tests save with: an admin on the CLI. */
export const CLI: ChangeOrigin = { via: 'cli', user: 'admin' };

export interface Rig {
  readonly queue: EventQueue;
  readonly trace: Trace;
  readonly logs: LogRecord[];
  readonly peer: Peer;
}

export interface RigOptions {
  id?: string;
  system?: Partial<PeerSystem>;
  /** Extra configuration on top of BASE_CONFIG, active from the start. */
  config?: Edits;
  poweredOn?: boolean;
  queue?: EventQueue;
  trace?: Trace;
}

/** One peer, running (unless `poweredOn: false`), with its configuration active. */
export function buildPeer(options: RigOptions = {}): Rig {
  const queue = options.queue ?? new EventQueue();
  const trace = options.trace ?? new Trace(queue);
  const logs: LogRecord[] = [];
  const peer = new Peer(
    {
      id: options.id ?? 'expc01',
      system: { ...BASE_SYSTEM, ...options.system },
      config: { ...BASE_CONFIG, ...options.config },
      ...(options.poweredOn === undefined ? {} : { poweredOn: options.poweredOn }),
    },
    { queue, trace, epochUtcMs: EPOCH_UTC_MS, log: (r) => logs.push(r) },
  );
  return { queue, trace, logs, peer };
}

/** Restart and advance virtual time until the peer runs again (bounded: 30 virtual minutes). */
export function restartAndWait(rig: Rig, how: 'restart' | 'reboot' = 'restart'): void {
  if (how === 'restart') rig.peer.restart();
  else rig.peer.reboot();
  const deadline = rig.queue.nowMs + TIMINGS.factoryResetOnRestartMs + TIMINGS.rebootDurationMs + 1;
  rig.queue.runUntilTrue(() => rig.peer.state === 'running', deadline, { maxEvents: 10_000 });
  if (rig.peer.state !== 'running') throw new Error(`peer did not come back: ${rig.peer.state}`);
}

/** Trace events of one kind (or all events when no kind is given). */
export function traceOf(rig: Rig, kind?: string): readonly TraceEvent[] {
  const all = rig.trace.all();
  return kind === undefined ? all : all.filter((e) => e.kind === kind);
}

/** The XTW_ERR_PEER_* code `fn` throws, or undefined when it does not throw. */
export function errorCode(fn: () => unknown): PeerErrorCode | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof PeerError) return e.code;
    throw e;
  }
  return undefined;
}

/** Ids of the active alarms, sorted. */
export function alarmIds(rig: Rig): string[] {
  return rig.peer.alarms.list().map((a) => a.def.id).sort();
}

/** Peer N address edits for a list (missing positions cleared). */
export function peerListEdits(list: readonly string[]): Edits {
  const out: Record<string, string> = {};
  for (let n = 1; n <= 6; n++) out[`Alternates Peer ${n} Address`] = list[n - 1] ?? '';
  return out;
}
