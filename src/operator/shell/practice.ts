/**
 * `xtwin shell`'s practice shell: an admin tshell on one peer of a local twin, plus the twin's own
 * words — `wait` lets virtual time pass and says what happened meanwhile, `peer` logs in to
 * another peer, `alarms` and `log` look at this one, `history` lists everything typed. Unlike an
 * SSH session it outlives its peer: a restart, reboot or power cut closes the session to that peer
 * as SSH would, and the shell stays in the twin, offering to log in again once the peer is back.
 * Virtual time moves only by command (a line costs LINE_COST_MS), so nothing happens between lines
 * and the same lines give the same transcript however they arrive.
 */
import { formatDuration, formatVirtualTime, parseDurationMs, type TraceEvent, type Twin } from '../../twin.js';
import { happening } from '../happenings.js';
import { EXIT_WORDS } from '../tshell/commands.js';
import { renderHelp, type HelpEntry } from '../tshell/render.js';
import { TshellSession } from '../tshell/session.js';
import { checkDurationMs } from '../bounds.js';
import { knownPeer } from '../validate.js';
import { completeWord, reply, type Completion, type ShellReply, type ShellSession, type ShellStep } from './session.js';

/** assumption: typing a command takes an operator about a second of virtual time. */
export const LINE_COST_MS = 1_000;
/** assumption: `wait until up` waits as long as a runbook's operator would for a peer to come back (30 min). */
export const RECONNECT_PATIENCE_MS = 30 * 60_000;
/** Lines `log` prints at most (STYLE R8). */
export const MAX_LOG_LINES = 1_000;
/** Lines `history` keeps (STYLE R8). */
const HISTORY_LIMIT = 1_000;

export const PRACTICE_HELP: readonly HelpEntry[] = [
  { path: 'wait', description: 'Let virtual time pass and see what happened: wait 2m; wait until up (this peer is back)' },
  { path: 'peer', description: 'Log in to another peer: peer expc02' },
  { path: 'alarms', description: "This peer's alarms" },
  { path: 'log', description: "The last lines of this peer's event log: log 20" },
];

export class PracticeShell implements ShellSession {
  private session: TshellSession | undefined;
  private current: string;
  private readonly typed: string[] = [];
  private isClosed = false;

  /** Throws the twin's XTW_ERR_TWIN_UNKNOWN_PEER for a peer the world does not have. */
  constructor(private readonly twin: Twin, peer: string) {
    knownPeer(twin, peer);
    this.current = peer;
    this.session = this.login(peer);
  }

  get peer(): string {
    return this.current;
  }

  get prompt(): string {
    return this.session?.prompt ?? `xtwin:${this.current} (not connected)> `;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  welcome(): readonly string[] {
    return this.session?.welcome() ?? this.notConnected();
  }

  read(line: string): ShellStep {
    const trimmed = line.trim();
    if (trimmed !== '') this.remember(line);
    const [word = '', ...args] = trimmed.split(/\s+/);
    switch (word.toLowerCase()) {
      case 'history': return reply(this.typed.map((l, i) => `${String(i + 1).padStart(4)}  ${l}`));
      case 'wait': return reply(this.wait(args.join(' ')));
      case 'peer': return reply(this.switchTo(args[0]));
      case 'alarms': return reply(this.alarms());
      case 'log': return reply(this.log(args[0]));
    }
    if (!this.session) return this.readDisconnected(trimmed);
    const step = this.session.read(line);
    if (step.kind === 'reply') {
      if (step.reply.closed) this.isClosed = true;
      return step;
    }
    return { ...step, settle: (result) => this.settle(step.settle(result)) };
  }

  dropped(): undefined {
    return undefined;
  }

  complete(line: string): Completion {
    if (/^\s*peer\s+\S*$/i.test(line)) return completeWord(line, this.twin.peerNames());
    if (/^\s*wait\s+\S*$/i.test(line)) return completeWord(line, ['until', '30s', '2m', '10m', '1h']);
    if (/^\s*wait\s+until\s+\S*$/i.test(line)) return completeWord(line, ['up']);
    if (!this.session) return completeWord(line, ['help', 'history', ...EXIT_WORDS, ...PRACTICE_HELP.map((h) => h.path)]);
    return this.session.complete(line);
  }

  /** After a CLI line: a second passes; a dropped session leaves the shell in the twin. */
  private settle(r: ShellReply): ShellReply {
    this.twin.advance(LINE_COST_MS);
    if (!r.closed) return r;
    this.session = undefined;
    return { output: [...r.output, ...this.notConnected()], closed: false };
  }

  private readDisconnected(line: string): ShellStep {
    const word = line.toLowerCase();
    if (word === '') return reply([]);
    if (EXIT_WORDS.includes(word)) {
      this.isClosed = true;
      return reply([], true);
    }
    if (word === 'help' || word === '?') return reply(renderHelp([...PRACTICE_HELP, { path: 'history' }, { path: 'exit', description: 'Leave' }], false));
    return reply(this.notConnected());
  }

  private notConnected(): string[] {
    const o = this.twin.observe(this.current);
    if (o.serving) return [`Not connected. ${this.current} is up: peer ${this.current} logs in again.`];
    return [`Not connected: ${this.current} is ${o.state}. Type 'wait until up' to log in again when it is back, or 'peer NAME' for another peer.`];
  }

  private wait(text: string): string[] {
    if (/^until\s+up$/i.test(text)) return this.waitUntilUp();
    const ms = parseDurationMs(text);
    if (ms === undefined) return [`wait: not a duration: '${text}' (try 30s, 2m, 1h, or: wait until up)`];
    const outOfBounds = checkDurationMs(ms, 'a wait');
    if (outOfBounds) return [`wait: ${outOfBounds}`];
    const lines = this.meanwhile(() => this.twin.advance(ms));
    const back = !this.session && this.twin.observe(this.current).serving ? this.notConnected() : [];
    return [...lines, `waited ${formatDuration(ms)}; the time is now ${formatVirtualTime(this.twin.nowMs)}`, ...back];
  }

  private waitUntilUp(): string[] {
    const up = () => this.twin.observe(this.current).serving;
    const start = this.twin.nowMs;
    const lines = this.meanwhile(() => this.twin.runUntil(up, RECONNECT_PATIENCE_MS));
    const waited = `waited ${formatDuration(this.twin.nowMs - start)}; the time is now ${formatVirtualTime(this.twin.nowMs)}`;
    if (!up()) return [...lines, waited, `${this.current} is still ${this.twin.observe(this.current).state} after ${formatDuration(RECONNECT_PATIENCE_MS)}.`];
    if (this.session) return [...lines, waited, `${this.current} is up.`];
    const session = this.login(this.current);
    this.session = session;
    return [...lines, waited, ...(session?.welcome() ?? this.notConnected())];
  }

  /** What happened while `run` let time pass, one line per alarm, state change or fault. */
  private meanwhile(run: () => void): string[] {
    const from = lastSeq(this.twin.events());
    run();
    const lines: string[] = [];
    for (const e of this.twin.events()) {
      if (e.seq <= from) continue;
      const h = happening(e);
      if (h) lines.push(`${formatVirtualTime(h.atMs)}  ${h.source}  ${h.text}`);
    }
    return lines;
  }

  private switchTo(name: string | undefined): string[] {
    const peers = this.twin.peerNames();
    if (!name) return [`peer: name one of ${peers.join(', ')} (now ${this.current})`];
    if (!peers.includes(name)) return [`peer: unknown peer '${name}' (peers: ${peers.join(', ')})`];
    this.current = name;
    const session = this.login(name);
    this.session = session;
    return session?.welcome() ?? this.notConnected();
  }

  private alarms(): string[] {
    const list = this.twin.observe(this.current).alarms;
    return list.length === 0 ? [`${this.current}: no alarms`] : list.map((a) => `${a.shownId} ${a.severity} ${a.title}: ${a.detail}`);
  }

  private log(count: string | undefined): string[] {
    const n = count === undefined ? 20 : Number(count);
    if (!Number.isInteger(n) || n < 1 || n > MAX_LOG_LINES) return [`log: a number of lines from 1 to ${MAX_LOG_LINES} (log 20)`];
    return this.twin.logLines(this.current).slice(-n);
  }

  /** A session to `peer`, or none while it is not up (SSH would be refused). */
  private login(peer: string): TshellSession | undefined {
    return this.twin.observe(peer).serving ? new TshellSession(this.twin, peer, { extraHelp: PRACTICE_HELP }) : undefined;
  }

  private remember(line: string): void {
    this.typed.push(line);
    if (this.typed.length > HISTORY_LIMIT) this.typed.shift();
  }
}

function lastSeq(events: readonly TraceEvent[]): number {
  return events.at(-1)?.seq ?? 0;
}
