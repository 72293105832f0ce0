/**
 * Every default of the simulated network in one object (STYLE R9), with its unit in its name.
 * The network holds a mutable copy that `Network.setDefaults` changes at run time; changes apply
 * to packets sent afterwards. Validation lives here so construction and run-time changes agree.
 */
import { SimError } from '../errors.js';

export interface NetDefaults {
  /**
   * Mean one-way delay of every packet before any latency rule, in ms.
   * @defaultValue 0.25
   */
  latencyMsMean: number;
  /**
   * Half-width of the uniform jitter around `latencyMsMean`, in ms (the delay never goes below 0).
   * @defaultValue 0.05
   */
  latencyMsJitter: number;
  /**
   * How long `connect` waits for an answer (host down, blocked path, no route) before `onTimeout`.
   * @defaultValue 3000
   */
  connectTimeoutMs: number;
  /**
   * How long an open connection survives a blocked path (partition either way, host down, link
   * down, route gone) before both ends see a reset. Healing within this time keeps it open.
   * @defaultValue 1000
   */
  connectionResetAfterMs: number;
  /**
   * Delay added when a rule drops a connection segment (it is retransmitted, not lost); doubles on
   * each further drop of the same segment.
   * @defaultValue 200
   */
  retransmitDelayMs: number;
  /**
   * Drops of one segment after which the connection gives up and resets (STYLE R8: a bound).
   * @defaultValue 8
   */
  retransmitLimit: number;
  /**
   * How long `measureRtt` waits for its echo before reporting `undefined`.
   * @defaultValue 3000
   */
  rttProbeTimeoutMs: number;
  /**
   * First port of the range used for connection source ports and masquerade NAT mappings.
   * @defaultValue 49152
   */
  ephemeralPortFirst: number;
  /**
   * Last port of that range (inclusive).
   * @defaultValue 65535
   */
  ephemeralPortLast: number;
  /**
   * Size of a datagram or segment when the caller gives none, in bytes (carried, not yet used for
   * bandwidth: the network models delay, not throughput).
   * @defaultValue 100
   */
  packetSizeBytes: number;
}

/** The documented defaults of the simulated network. */
export const NET_DEFAULTS: Readonly<NetDefaults> = Object.freeze({
  latencyMsMean: 0.25,
  latencyMsJitter: 0.05,
  connectTimeoutMs: 3000,
  connectionResetAfterMs: 1000,
  retransmitDelayMs: 200,
  retransmitLimit: 8,
  rttProbeTimeoutMs: 3000,
  ephemeralPortFirst: 49152,
  ephemeralPortLast: 65535,
  packetSizeBytes: 100,
});

type Check = (v: number) => boolean;
const nonNegative: Check = (v) => Number.isFinite(v) && v >= 0;
const positive: Check = (v) => Number.isFinite(v) && v > 0;
const port: Check = (v) => Number.isInteger(v) && v >= 1 && v <= 65535;
const count: Check = (v) => Number.isInteger(v) && v >= 0 && v <= 64;

const CHECKS: Record<keyof NetDefaults, [Check, string]> = {
  latencyMsMean: [nonNegative, 'a finite number ≥ 0'],
  latencyMsJitter: [nonNegative, 'a finite number ≥ 0'],
  connectTimeoutMs: [positive, 'a finite number > 0'],
  connectionResetAfterMs: [nonNegative, 'a finite number ≥ 0'],
  retransmitDelayMs: [nonNegative, 'a finite number ≥ 0'],
  retransmitLimit: [count, 'an integer from 0 to 64'],
  rttProbeTimeoutMs: [positive, 'a finite number > 0'],
  ephemeralPortFirst: [port, 'a port from 1 to 65535'],
  ephemeralPortLast: [port, 'a port from 1 to 65535'],
  packetSizeBytes: [(v) => Number.isInteger(v) && v >= 0, 'an integer ≥ 0'],
};

/**
 * `base` with `changes` applied, or a SimError XTW_ERR_SIM_BAD_OPTION naming the first bad option.
 * @internal
 */
export function mergeNetDefaults(base: Readonly<NetDefaults>, changes: Partial<NetDefaults> | undefined): NetDefaults {
  const out: NetDefaults = { ...base };
  if (changes === undefined) return out;
  if (changes === null || typeof changes !== 'object') {
    throw new SimError('XTW_ERR_SIM_BAD_OPTION', { option: 'defaults', value: changes, expected: 'an object' });
  }
  for (const key of Object.keys(changes) as (keyof NetDefaults)[]) {
    const check = CHECKS[key];
    const value = changes[key];
    if (!check) throw new SimError('XTW_ERR_SIM_BAD_OPTION', { option: key, value, expected: 'a known option' });
    if (value === undefined) continue;
    if (typeof value !== 'number' || !check[0](value)) {
      throw new SimError('XTW_ERR_SIM_BAD_OPTION', { option: key, value, expected: check[1] });
    }
    out[key] = value;
  }
  if (out.ephemeralPortFirst > out.ephemeralPortLast) {
    throw new SimError('XTW_ERR_SIM_BAD_OPTION', {
      option: 'ephemeralPortFirst', value: out.ephemeralPortFirst, expected: 'at most ephemeralPortLast',
    });
  }
  return out;
}
