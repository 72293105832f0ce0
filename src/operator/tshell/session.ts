/**
 * An interactive tshell on one peer, for the SSH endpoint and `xtwin shell`: a prompt, a bounded
 * history, `help`, `history` and `exit`, and every other line through `runTshell`. The session
 * closes when the operator exits or when the peer stops answering (a restart, reboot or power cut
 * drops the SSH connection). It holds no clock and no I/O: the transport prints what it returns.
 *
 * assumption (DOMAIN §8.1 shows no prompt): the prompt is `xtwin:<peer>> ` so a transcript says it is
 * the twin; the SSH banner is MESSAGES 'ssh.banner'. `history` is the twin's addition.
 */
import { message, type Twin } from '../../twin.js';
import { knownPeer } from '../validate.js';
import { EXIT_WORDS, FAMILY_HELP, runTshell, type TshellResult } from './commands.js';
import { renderHelp } from './render.js';

export interface TshellSessionOptions {
  /** default `xtwin:<peer>> ` */
  prompt?: string;
  /** lines kept in `history()`; default 1000 (STYLE R8: a bound on everything) */
  historyLimit?: number;
  /**
   * Runs one CLI line; default `runTshell` on the twin. A lab server passes its own, so that every
   * line goes through the lab's action log.
   */
  execute?: (line: string) => TshellResult;
}

export interface SessionReply {
  readonly output: readonly string[];
  /** the session has ended; further lines are refused */
  readonly closed: boolean;
  /** the tshell answer, when the line went to the CLI */
  readonly result?: TshellResult;
}

export class TshellSession {
  readonly peer: string;
  readonly prompt: string;
  private readonly twin: Twin;
  private readonly historyLimit: number;
  private readonly execute: (line: string) => TshellResult;
  private readonly lines: string[] = [];
  private isClosed = false;

  /** Throws the twin's XTW_ERR_TWIN_UNKNOWN_PEER for a peer the world does not have. */
  constructor(twin: Twin, peer: string, options: TshellSessionOptions = {}) {
    knownPeer(twin, peer);
    this.twin = twin;
    this.peer = peer;
    this.prompt = options.prompt ?? `xtwin:${peer}> `;
    this.historyLimit = Math.max(1, Math.floor(options.historyLimit ?? 1000));
    this.execute = options.execute ?? ((line) => runTshell(twin, peer, line));
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** What the operator sees on connecting: the SSH banner with the running version (DOMAIN §8.1). */
  welcome(): string[] {
    return [message('ssh.banner', { version: this.twin.observe(this.peer).system.version })];
  }

  /** Lines typed so far, oldest first (at most `historyLimit`). */
  history(): readonly string[] {
    return this.lines;
  }

  run(line: string): SessionReply {
    if (this.isClosed) return { output: ['Connection closed.'], closed: true };
    const word = line.trim().toLowerCase();
    if (word !== '') this.remember(line);
    if (EXIT_WORDS.includes(word)) return this.close([]);
    if (word === 'help' || word === '?') {
      return { output: renderHelp([...FAMILY_HELP, { path: 'history', description: 'Lines typed in this session' }], false), closed: false };
    }
    if (word === 'history') return { output: this.lines.map((l, i) => `${String(i + 1).padStart(4)}  ${l}`), closed: false };
    const result = this.execute(line);
    // A restart, reboot or power cut drops the connection (DOMAIN §5.5: the application restarts).
    if (!this.twin.observe(this.peer).serving) return { ...this.close([...result.output, `Connection to ${this.peer} closed by remote host.`]), result };
    return { output: result.output, closed: false, result };
  }

  private remember(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.historyLimit) this.lines.shift();
  }

  private close(output: string[]): SessionReply {
    this.isClosed = true;
    return { output, closed: true };
  }
}
