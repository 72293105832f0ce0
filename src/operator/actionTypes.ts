/**
 * The operator's vocabulary: every thing a student, an engineer or a runbook can do to the twin,
 * as plain data (so runbooks, the CLI, the server and property checks share one set). `applyAction`
 * in actions.ts validates and applies one; the result says what the product answered.
 */
import type { PageName } from '../twin.js';

/** A fault injected into the world (STYLE R10: few plain verbs). */
export type FaultSpec =
  | { kind: 'partition'; groups: [string[], string[]]; oneWay?: boolean }
  /**
   * Either `latencyMsMean`, added one way on top of whatever the path has (a round trip grows by
   * twice it), or `rttMs`, the round trip the path now has in place of its base latency — one of the two.
   */
  | { kind: 'latency'; between?: [string, string]; latencyMsMean?: number; rttMs?: number; latencyMsJitter?: number }
  | { kind: 'loss'; between?: [string, string]; lossRatio: number }
  | { kind: 'nat'; inside: string[]; publicAddress: string }
  | { kind: 'dns-failure'; name: string; failure: 'nxdomain' | 'servfail' | 'timeout'; forPeer?: string }
  | { kind: 'power-loss'; peer: string }
  | { kind: 'database-failure'; peer: string };

export type Action =
  /** one line typed at the admin CLI (tshell) */
  | { kind: 'tshell'; peer: string; line: string }
  /** edit fields on an admin page and press Save: keys are xConfiguration paths */
  | { kind: 'page'; peer: string; page: PageName; set: Record<string, unknown> }
  /** a root shell command: `clusterdb_destroy_and_purge_data.sh`, `factory-reset`, or copying the package into the factory-reset folder */
  | { kind: 'root'; peer: string; command: string }
  | { kind: 'power'; peer: string; on: boolean }
  /** Maintenance > Restart options */
  | { kind: 'restart'; peer: string; mode?: 'restart' | 'reboot' }
  /** Maintenance > Upgrade (upload + install; runs after the next reboot) */
  | { kind: 'upgrade'; peer: string; version: string }
  | { kind: 'backup'; peer: string }
  /** deploy a fresh OVA on the powered-off VM, with the same LAN1 addressing (DOMAIN §6.16 rebuild) */
  | { kind: 'redeploy'; peer: string }
  /** `from`: the box the backup was taken on, when it is not `peer` (DOMAIN §6.10 configuration migration) */
  | { kind: 'restore'; peer: string; backup: string; from?: string }
  /** change DNS records (the customer's DNS, not a peer's settings) */
  | { kind: 'dns'; name: string; type: 'A' | 'AAAA'; value?: string }
  | { kind: 'fault'; fault: FaultSpec }
  /** heal one fault by id, or all of them */
  | { kind: 'heal'; id?: number }
  /** let virtual time pass */
  | { kind: 'wait'; durationMs: number };

export interface ActionError {
  /** a stable code: XTW_ERR_* of the layer that refused, or XTW_ERR_OP_* */
  readonly code: string;
  /** what the product (or the twin) says, naming the bad value */
  readonly message: string;
}

export type ActionResult =
  /** `faultId`: the fault a `fault` action injected, for `heal` (absent for a database failure, which is not healed) */
  | { readonly ok: true; readonly output: readonly string[]; readonly faultId?: number }
  | { readonly ok: false; readonly output: readonly string[]; readonly error: ActionError };

/** How an action prints, as the operator would type it: `expc02: xCommand ForceConfigUpdate`. */
export function describeAction(a: Action): string {
  switch (a.kind) {
    case 'tshell': return `${a.peer}: ${a.line}`;
    case 'page': return `${a.peer}: ${a.page} page: ${Object.entries(a.set).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')}; Save`;
    case 'root': return `${a.peer}# ${a.command}`;
    case 'power': return `${a.peer}: power ${a.on ? 'on' : 'off'}`;
    case 'restart': return `${a.peer}: Maintenance > Restart options > ${a.mode === 'reboot' ? 'Reboot' : 'Restart'}`;
    case 'upgrade': return `${a.peer}: Maintenance > Upgrade to ${a.version}`;
    case 'backup': return `${a.peer}: Maintenance > Backup`;
    case 'redeploy': return `${a.peer}: deploy a fresh OVA on the VM (same LAN1 address)`;
    case 'restore': return `${a.peer}: Maintenance > Restore ${a.backup}${a.from === undefined ? '' : ` (taken on ${a.from})`}`;
    case 'dns': return a.value === undefined ? `DNS: remove ${a.type} ${a.name}` : `DNS: ${a.name} ${a.type} ${a.value}`;
    case 'fault': return `fault: ${describeFault(a.fault)}`;
    case 'heal': return a.id === undefined ? 'heal all faults' : `heal fault ${a.id}`;
    case 'wait': return `wait ${a.durationMs} ms`;
  }
}

export function describeFault(f: FaultSpec): string {
  switch (f.kind) {
    case 'partition': return `partition {${f.groups[0].join(',')}}${f.oneWay ? '->' : '|'}{${f.groups[1].join(',')}}`;
    case 'latency': return `latency ${f.between ? f.between.join('<->') : 'everywhere'} ${f.rttMs !== undefined ? `round trip ${f.rttMs}ms` : `+${f.latencyMsMean ?? 0}ms each way`}`;
    case 'loss': return `loss ${f.between ? f.between.join('<->') : 'everywhere'} ${f.lossRatio}`;
    case 'nat': return `NAT {${f.inside.join(',')}} behind ${f.publicAddress}`;
    case 'dns-failure': return `DNS ${f.failure} for ${f.name}${f.forPeer ? ` from ${f.forPeer}` : ''}`;
    case 'power-loss': return `power loss on ${f.peer}`;
    case 'database-failure': return `database failure on ${f.peer}`;
  }
}
