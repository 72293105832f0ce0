/**
 * The lab server's bounds in one place (STYLE R8: a bound on everything): labs, logs, the clock,
 * and how much work one uploaded runbook may ask of the server — it runs inside a request (a
 * rehearsal) or at lab creation (the set-up steps), while everyone else waits. A 6-peer virtual
 * day runs in well under a second (npm run bench), so these keep any upload to seconds. The
 * twin's own bounds (src/operator/bounds.ts, shared with the CLI and the runner) hold here too;
 * the server only tightens them, never loosens them.
 */
import { MAX_RUN_WAIT_MS, MAX_WAIT_MS } from '../operator/bounds.js';
import { durationMs } from '../runbook/run.js';
import type { Runbook } from '../runbook/schema.js';

/** Labs per server, log entries per lab, events held for watchers between flushes. */
export const MAX_LABS = 100;
export const MAX_LOG_ENTRIES = 100_000;
export const MAX_EVENTS_PER_FLUSH = 500;
/** Clock speeds a trainer may choose: ×1 (real time) up to ×600 (ten virtual minutes a second). */
export const MIN_SPEED = 1;
export const MAX_SPEED = 600;
/** One `wait` action may skip at most six virtual hours (tighter than MAX_WAIT_MS): the server answers others while it runs. */
export const MAX_LAB_WAIT_MS = Math.min(6 * 3_600_000, MAX_WAIT_MS);
/**
 * At most this much virtual time per tick, so a server that was suspended does not lurch a day
 * ahead; above what ×MAX_SPEED needs between two ticks (app.ts TICK_MS = 250 ms → 150 s).
 */
export const MAX_TICK_ADVANCE_MS = 5 * 60_000;
/**
 * One stored clock entry covers at most a virtual day; a longer run logs one entry a day. A stored
 * entry beyond it is damage, not a lab (restoring a `wait 1e15` would never end).
 */
export const MAX_CLOCK_ENTRY_MS = 24 * 3_600_000;
/**
 * A background restore replays at most this much virtual time at once, and lets other work run
 * after about RESTORE_SLICE_WALL_MS of wall time (requests wait no longer than that for it).
 */
export const REPLAY_SLICE_MS = 10 * 60_000;
export const RESTORE_SLICE_WALL_MS = 8;
/** The timer's tick moves lab clocks on for about this much wall time before letting requests in. */
export const TICK_SLICE_WALL_MS = 4;
/**
 * What a lab keeps in memory, whatever its virtual age: its last LAB_TRACE_KEPT trace events (the
 * live feed and GET …/events; older ones are still in the trace hash) and each peer's last
 * LAB_LOG_LINES_KEPT log lines (the event log page) — as many as one request may ask for (MAX_TAIL).
 * The lab's stored log rebuilds everything older. Alarms and state are the peers' own, bounded.
 */
export const LAB_TRACE_KEPT = 2_000;
export const LAB_LOG_LINES_KEPT = 2_000;
/**
 * A lab's world is checkpointed (issue #15) after this many log entries or this much virtual time
 * since its last checkpoint, whichever comes first: a restore replays at most that much (a virtual
 * six hours replays in well under 300 ms), and a lab at ×MAX_SPEED writes one about every 36 s.
 */
export const CHECKPOINT_EVERY_ENTRIES = 200;
export const CHECKPOINT_EVERY_VIRTUAL_MS = 6 * 3_600_000;
/**
 * A lab's log lines are stored apart from its checkpoints (logRows.ts), once this many are waiting
 * (and all of them with each checkpoint): a lab at ×MAX_SPEED files about ten a tick, and SQLite
 * writes whole pages, so a few writes of a hundred lines cost far less than a write every tick
 * (measured: ~0.15 ms a commit whether it holds 1 line or 10), and none of them is long (a hundred
 * lines: well under a millisecond). Lines not stored yet are rebuilt by a restore's replay.
 */
export const LOG_LINES_PER_WRITE = 100;
/**
 * How often (wall ms) the store's worker copies SQLite's WAL into the database file (walCheckpoints.ts),
 * and the WAL's length (pages of 4 KB: 16 MB) past which the server's own connection checkpoints to
 * bound it: a hundred labs at ×MAX_SPEED write about 3.5 MB of WAL a second.
 */
export const WAL_CHECKPOINT_EVERY_MS = 250;
export const WAL_BOUND_PAGES = 4_000;
/** While the store refuses writes, the server tries a small write this often (wall ms) to see if it is back. */
export const STORE_RETRY_MS = 5_000;
/** Event streams and terminals open on one lab at once. */
export const MAX_WATCHERS_PER_LAB = 50;
/** Per client (address): labs created per minute, rehearsals per minute. */
export const MAX_LAB_CREATES_PER_MIN = 20;
export const MAX_REHEARSALS_PER_MIN = 10;
/** Clients the rate bounds remember at once. */
export const MAX_RATE_CLIENTS = 10_000;
/** Rehearsals waiting for the rehearsal worker; one running beyond the timeout (wall ms) is stopped. */
export const MAX_REHEARSALS_WAITING = 8;
export const REHEARSAL_TIMEOUT_MS = 60_000;
/** An SSH connection that has not finished its handshake by then (wall ms) is closed. */
export const SSH_HANDSHAKE_TIMEOUT_MS = 10_000;
/** Request bodies above this are refused (a runbook upload is the largest legitimate body). */
export const BODY_LIMIT_BYTES = 256 * 1024;
/** Characters of runbook YAML one upload or rehearsal may carry. */
export const MAX_RUNBOOK_CHARS = 200_000;
/** One websocket message (a terminal's keystrokes, pastes included). */
export const MAX_WS_MESSAGE_BYTES = 64 * 1024;
/** Bytes one terminal message may carry. */
export const MAX_TERMINAL_INPUT = 16_384;
/** Log lines and trace events one request may ask for. */
export const MAX_TAIL = 2_000;
/** Simultaneous SSH connections to the whole server. */
export const MAX_SSH_CONNECTIONS = 64;
/**
 * Each virtual peer's own loopback listeners (HTTPS for the XML/REST APIs on TCP, the SNMP agent on
 * UDP, the same port number for both) take ports from this range (`xtwin serve --peer-ports`): enough
 * for every peer of MAX_LABS labs of MAX_UPLOAD_PEERS. A lab's ports are released when it goes.
 */
export const DEFAULT_PEER_PORTS = { from: 40_000, to: 41_199 } as const;
/** Per peer listener: request body bytes (REST bodies are a few hundred), open connections, wall ms per request. */
export const PEER_HTTP_BODY_LIMIT = 64 * 1024;
export const PEER_HTTP_CONNECTIONS = 16;
export const PEER_HTTP_REQUEST_TIMEOUT_MS = 10_000;
/** Syslog lines one peer may have waiting for a slow or absent TCP/TLS server; older ones are dropped (as UDP would lose them). */
export const SYSLOG_QUEUE_LINES = 1_000;
/** A syslog server whose connection failed is tried again after this many wall ms (lines meanwhile are dropped). */
export const SYSLOG_RETRY_MS = 5_000;

/** Lab labels are short: a name or a desk. */
export const MAX_LABEL_CHARS = 80;

/** One uploaded runbook: its peers, its steps, and its waits added up. */
export const MAX_UPLOAD_PEERS = 12;
export const MAX_UPLOAD_STEPS = 500;
export const MAX_UPLOAD_WAIT_MS = Math.min(48 * 3_600_000, MAX_RUN_WAIT_MS);

/** Why the runbook is too big for the server, or undefined. */
export function uploadTooBig(runbook: Runbook): string | undefined {
  if (runbook.topology.peers.length > MAX_UPLOAD_PEERS) return `${runbook.topology.peers.length} peers; the server runs at most ${MAX_UPLOAD_PEERS} (use xtwin run for more)`;
  if (runbook.steps.length > MAX_UPLOAD_STEPS) return `${runbook.steps.length} steps; the server runs at most ${MAX_UPLOAD_STEPS} (use xtwin run for more)`;
  const waited = runbook.steps.reduce((sum, s) => sum + ('wait' in s ? durationMs(typeof s.wait === 'object' ? s.wait.limit : s.wait) : 0), 0);
  if (waited > MAX_UPLOAD_WAIT_MS) return `its waits add up to ${Math.round(waited / 3_600_000)} h; the server runs at most ${MAX_UPLOAD_WAIT_MS / 3_600_000} h (use xtwin run for more)`;
  return undefined;
}
