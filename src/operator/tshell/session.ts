/**
 * An interactive admin tshell on one peer, for SSH, the browser terminal and `xtwin shell`: a
 * prompt, a bounded history, `help`/`?`, `history` and `exit`, and every other line handed to the
 * host as a `tshell` action (ShellSession, ../shell/session.ts). The session ends when the operator
 * exits or when the peer stops answering (a restart, reboot or power cut drops the SSH connection).
 * It holds no clock and no I/O.
 *
 * assumption (DOMAIN §8.1 shows no prompt): the prompt is `xtwin:<peer>> ` so a transcript says it is
 * the twin; the SSH banner is MESSAGES 'ssh.banner'. `history` is the twin's addition.
 */
import { message, type Twin } from '../../twin.js';
import { applyAction } from '../actions.js';
import type { ActionResult } from '../actionTypes.js';
import { closedByRemote, reply, runLine, SESSION_ENDED, twinOf, type TwinSource, type Completion, type ShellReply, type ShellSession, type ShellStep } from '../shell/session.js';
import { knownPeer } from '../validate.js';
import { EXIT_WORDS, FAMILY_HELP } from './commands.js';
import { completeTshell } from './complete.js';
import { renderHelp, type HelpEntry } from './render.js';

export interface TshellSessionOptions {
  /** default `xtwin:<peer>> ` */
  prompt?: string;
  /** lines kept in `history()`; default 1000 (STYLE R8: a bound on everything) */
  historyLimit?: number;
  /** words a hosting shell answers itself (`xtwin shell`'s wait, peer …), listed by `help` and completed by Tab */
  extraHelp?: readonly HelpEntry[];
}

export type SessionReply = ShellReply;

const HISTORY_HELP: HelpEntry = { path: 'history', description: 'Lines typed in this session' };

export class TshellSession implements ShellSession {
  readonly peer: string;
  readonly prompt: string;
  private readonly currentTwin: () => Twin;
  private readonly historyLimit: number;
  private readonly help: readonly HelpEntry[];
  private readonly lines: string[] = [];
  private isClosed = false;

  /** Throws the twin's XTW_ERR_TWIN_UNKNOWN_PEER for a peer the world does not have. */
  constructor(twin: TwinSource, peer: string, options: TshellSessionOptions = {}) {
    this.currentTwin = twinOf(twin);
    knownPeer(this.twin, peer);
    this.peer = peer;
    this.prompt = options.prompt ?? `xtwin:${peer}> `;
    this.historyLimit = Math.max(1, Math.floor(options.historyLimit ?? 1000));
    this.help = [...FAMILY_HELP, HISTORY_HELP, ...(options.extraHelp ?? [])];
  }

  get closed(): boolean {
    return this.isClosed;
  }

  private get twin(): Twin {
    return this.currentTwin();
  }

  /** What the operator sees on connecting: the SSH banner with the running version (DOMAIN §8.1). */
  welcome(): string[] {
    return [message('ssh.banner', { version: this.twin.observe(this.peer).system.version })];
  }

  /** Lines typed so far, oldest first (at most `historyLimit`). */
  history(): readonly string[] {
    return this.lines;
  }

  read(line: string): ShellStep {
    if (this.isClosed) return reply([SESSION_ENDED], true);
    const word = line.trim().toLowerCase();
    if (word !== '') this.remember(line);
    if (EXIT_WORDS.includes(word)) return this.close([]);
    if (word === 'help' || word === '?') return reply(renderHelp(this.help, false));
    if (word === 'history') return reply(this.lines.map((l, i) => `${String(i + 1).padStart(4)}  ${l}`));
    return { kind: 'act', action: { kind: 'tshell', peer: this.peer, line }, settle: (result) => this.settle(result) };
  }

  /** `read` with the action applied straight to this session's twin (no host to log it). */
  run(line: string): SessionReply {
    return runLine(this, line, (action) => applyAction(this.twin, action));
  }

  dropped(): readonly string[] | undefined {
    if (this.isClosed || this.twin.observe(this.peer).serving) return undefined;
    this.isClosed = true;
    return [closedByRemote(this.peer)];
  }

  complete(line: string): Completion {
    return completeTshell(line, ['help', 'history', ...EXIT_WORDS, ...this.help.slice(FAMILY_HELP.length + 1).map((h) => h.path.split(' ')[0]!)]);
  }

  private settle(result: ActionResult): ShellReply {
    // A host may refuse before the CLI answers (a lab's own bounds): say why rather than nothing.
    const output = result.ok || result.output.length > 0 ? result.output : [result.error.message];
    // A restart, reboot or power cut drops the connection (DOMAIN §5.5: the application restarts).
    const bye = this.dropped();
    return bye ? { output: [...output, ...bye], closed: true } : { output, closed: false };
  }

  private remember(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.historyLimit) this.lines.shift();
  }

  private close(output: string[]): ShellStep {
    this.isClosed = true;
    return reply(output, true);
  }
}
