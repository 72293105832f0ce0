/**
 * The runbook format as TypeScript types (DESIGN "Runbooks"): a name, a seed, the world
 * (a twin topology), an optional fault timeline, and steps — operator actions, waits and
 * expectations. jsonSchema.ts publishes the same format as a JSON Schema for editors; load.ts turns
 * YAML into these types with file:line:col errors. Durations are strings like "90s", "2m", "1h30m".
 */
import type { LifecycleState, PageName, Topology, TrapId } from '../twin.js';
import type { FaultSpec } from '../operator/actionTypes.js';

export type Duration = string | number;

export interface Runbook {
  name: string;
  description?: string;
  /** the procedure this runbook follows, e.g. "DOMAIN §6.3" or the technote heading */
  procedure?: string;
  /** 'procedure' (the right way) or 'wrong-way' (its expectations assert the trap) */
  kind?: 'procedure' | 'wrong-way';
  seed?: number | string;
  topology: Topology;
  faults?: TimedFault[];
  steps: Step[];
  /** invariants from the property-check catalog that apply to this runbook (src/check) */
  invariants?: string[];
  /** ranges within which `xtwin check` may vary the world */
  check?: CheckRanges;
  /** makes the runbook a training lab: its steps set the lab up, the student does the rest */
  lab?: LabSpec;
}

/** A training lab (DESIGN "Server and web"): what the student is told and what is graded. */
export interface LabSpec {
  title: string;
  /** the task as the trainer hands it out */
  brief?: string;
  /** what the admin pages advise during this lab, where the lab's procedure says otherwise than their general advice */
  hints?: LabHints;
  objectives: Objective[];
}

/** A lab's own advice, shown on the page it names instead of the page's general advice. */
export interface LabHints {
  /** Maintenance > Restart options: which peers to restart, in this lab's procedure */
  restart?: string;
}

/** One graded objective: met while all its conditions hold. */
export interface Objective {
  title: string;
  expect: Condition | Condition[];
}

export interface CheckRanges {
  /** up to this many extra subordinates appended to the cluster (for runbooks that do not rewrite the Peer N list) */
  extraPeers?: { max: number };
  /** the network's base one-way latency between peers, in milliseconds */
  latencyMs?: { min: number; max: number };
  /**
   * list the cluster's peers in any order (the same order on every peer; the primary stays the same
   * peer, at its new index) — for runbooks that address no Peer N field or primary by its number
   */
  reorderPeers?: boolean;
}

export interface TimedFault {
  /** virtual time from the start of the run */
  at: Duration;
  fault: FaultSpec;
  /** heal this fault at that time (from the start of the run) */
  heal?: Duration;
}

/** Every step may carry a note for the timeline and, for actions, the error it must produce. */
interface StepBase {
  note?: string;
  /** the action must be refused with this code or message fragment (wrong-way runbooks) */
  expectError?: string;
  /** the step can be moved among its independent neighbours by `xtwin check` */
  independent?: boolean;
}

/** An action step may set the operator's pace after it. */
interface ActionBase extends StepBase {
  /**
   * Virtual time the operator takes after this action before the next step; default STEP_GAP_MS
   * (1 s, src/runbook/run.ts). `gap: 0` reads the next step at the very moment of the action.
   */
  gap?: Duration;
}

export type Step =
  | (ActionBase & { peer: string; tshell: string })
  | (ActionBase & { peer: string; page: PageName; set: Record<string, unknown> })
  | (ActionBase & { peer: string; root: string })
  | (ActionBase & { peer: string; power: 'on' | 'off' })
  | (ActionBase & { peer: string; restart: 'restart' | 'reboot' })
  | (ActionBase & { peer: string; upgrade: string })
  | (ActionBase & { peer: string; backup: true })
  /** a fresh OVA on the powered-off VM (DOMAIN §6.16 rebuild) */
  | (ActionBase & { peer: string; redeploy: true })
  /** `from`: the box the backup was taken on, when it is another one (DOMAIN §6.10) */
  | (ActionBase & { peer: string; restore: string; from?: string })
  | (ActionBase & { dns: { name: string; type: 'A' | 'AAAA'; value?: string } })
  | (ActionBase & { fault: FaultSpec })
  | (ActionBase & { heal: 'all' | number })
  | (StepBase & { wait: Duration | WaitUntil })
  | (StepBase & { expect: Condition | Condition[] })
  /** one request to the peer's HTTP XML or REST API, in-process (no sockets) */
  | (Omit<ActionBase, 'expectError'> & { peer: string; http: HttpStep })
  | (StepBase & { note: string });

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** A request as a client would send it (INTERFACES §2, §3), answered by `handleHttp`. */
export interface HttpStep {
  /** default GET */
  method?: (typeof HTTP_METHODS)[number];
  /** path and query string, e.g. "/getxml?location=/Status/Warnings" */
  path: string;
  headers?: Record<string, string>;
  /** the request body: text as it is, or an object/list sent as JSON (with Content-Type application/json) */
  body?: string | Record<string, unknown> | unknown[];
  /** Basic credentials; default the peer's own admin account; "none" sends no Authorization header */
  auth?: { user: string; password: string } | 'none';
  /** what the answer must be; without it, any 2xx passes and anything else fails the step */
  expect?: { status?: number; body?: string };
}

/** Wait until the conditions hold; reaching `limit` first fails the step unless `optional`. */
export interface WaitUntil {
  until: Condition | Condition[];
  limit: Duration;
  /** the conditions may not come: reaching the limit is not a failure (say why in the step's note) */
  optional?: boolean;
}

/** Something observable that must hold. `peer` names whose view is checked. */
export type Condition =
  | { peer: string; alarm: string; present?: boolean }
  | { peer: string; state: LifecycleState }
  | { peer: string; status: { entry: number; is: 'This system' | 'Unknown' | 'Failed' | 'Active' } }
  | { peer: string; certificate: { entry: number; is: 'Valid' | 'Invalid' } }
  | { peer: string; database: 'Active' | 'Inactive' | 'Degraded' | 'Not clustered' }
  | { peer: string; config: Record<string, unknown> }
  | { peer: string; active: Record<string, unknown> }
  | { peer: string; banner: boolean }
  | { peer: string; log: string; present?: boolean }
  | { peer: string; output: string }
  | { peer: string; version: string }
  | { peer: string; factoryReset: boolean }
  /** endpoints registered to the peer, within bounds */
  | { peer: string; registrations: Bounds }
  /** endpoints that found no peer (all down, full, or the cluster at capacity), within bounds */
  | { endpointsWaiting: Bounds }
  | { replicated: true }
  /**
   * The latent dangers armed now (the trap catalog, src/twin/traps.ts): `none`, or a trap id that
   * must be armed — on `peer` when given (with `none`: nothing armed on that peer).
   */
  | { armed: 'none' | TrapId; peer?: string }
  /**
   * The peer's log lines as it forwards them over syslog (INTERFACES §5): to remote server `server`
   * (its format and severity filter; nothing when the slot has no address), or, without `server`,
   * every line framed in `format` (default Legacy BSD). Some line contains `contains` (none, with present: false).
   */
  | { peer: string; syslog: SyslogCondition };

export interface SyslogCondition {
  server?: number;
  format?: 'Legacy BSD' | 'IETF';
  contains: string;
  present?: boolean;
}

export interface Bounds {
  min?: number;
  max?: number;
}
