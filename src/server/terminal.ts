/**
 * A terminal over any shell session (ShellSession, src/operator/shell): keystrokes in, screen text
 * out. The SSH endpoint, the browser terminal and `xtwin shell` all use it, so they edit alike.
 *
 * Line editing is Node's own readline over a stream pair, not hand-written: with a pty (interactive
 * SSH, xterm.js, a local terminal) it gives ←/→, Home/End, Ctrl-A/E/K/U/W, editing anywhere in the
 * line, ↑/↓ through history, and Tab completion from the session; without one (`ssh host < script`,
 * `ssh host 'xStatus'`, a pipe) it reads plain lines. The terminal only edits and prints: what a
 * line means, when the session ends and what it says then are the session's to decide.
 *
 * Deterministic whatever the chunking: readline keeps emitting the lines of a chunk it has already
 * split after it is closed, so a closed terminal ignores them — the lines after `exit` or a dropped
 * session never run, whether they came in the same chunk or a later one.
 */
import { createInterface, type Interface } from 'node:readline';
import { PassThrough, Writable } from 'node:stream';
import { runLine, TSHELL_MAX_LINE_CHARS, type ApplyAction, type ShellSession } from '../operator/index.js';

export interface TerminalIo {
  write(text: string): void;
  /** the shell ended (exit, Ctrl-D, the peer went away, the input ended) */
  close(): void;
}

export interface TerminalOptions {
  /** a pseudo-terminal: echo, editing, prompts, CRLF line ends */
  readonly pty: boolean;
  /** the screen's width, for wrapping long lines while editing (default: no wrapping) */
  readonly columns?: number;
  /** print the prompt without a pty too (a local shell fed from a pipe shows where each answer starts) */
  readonly promptWithoutPty?: boolean;
}

/** Lines kept for ↑/↓ (STYLE R8). */
export const EDITOR_HISTORY_LIMIT = 200;

export class Terminal {
  private readonly keys = new PassThrough();
  private readonly screen: Writable & { columns?: number };
  private readonly editor: Interface;
  private closed = false;
  /** characters since the last line end, without a pty (readline's own buffer is not bounded) */
  private unterminated = 0;

  constructor(private readonly session: ShellSession, private readonly apply: ApplyAction, private readonly io: TerminalIo, private readonly options: TerminalOptions) {
    this.screen = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        if (!this.closed) io.write(chunk.toString('utf8'));
        done();
      },
    });
    if (options.columns) this.screen.columns = options.columns;
    this.editor = createInterface({
      input: this.keys, output: this.screen, terminal: options.pty, prompt: session.prompt,
      historySize: EDITOR_HISTORY_LIMIT, removeHistoryDuplicates: true, crlfDelay: Infinity,
      ...(options.pty ? { completer: (line: string) => session.complete(line) } : {}),
    });
    this.editor.on('line', (line) => this.submit(line));
    this.editor.on('SIGINT', () => this.interrupt());
    // Without a listener readline would suspend the whole process on Ctrl-Z: the server, for SSH.
    this.editor.on('SIGTSTP', () => {});
    this.editor.on('close', () => this.finish());
  }

  private get eol(): string {
    return this.options.pty ? '\r\n' : '\n';
  }

  start(): void {
    this.print(this.session.welcome());
    this.prompt();
  }

  /**
   * Feeds what the user typed (any chunking: one key, a pasted block, a whole script). A line
   * longer than TSHELL_MAX_LINE_CHARS is cut there (STYLE R8: readline itself keeps no bound).
   */
  input(data: string): void {
    if (this.closed) return;
    let typed = this.options.pty ? this.editor.line.length : this.unterminated;
    let kept = '';
    for (const part of data.split(/([\r\n])/)) {
      if (part === '\r' || part === '\n') {
        typed = 0;
        kept += part;
      } else {
        const room = Math.max(0, TSHELL_MAX_LINE_CHARS - typed);
        kept += part.slice(0, room);
        typed += Math.min(part.length, room);
      }
    }
    this.unterminated = typed;
    if (kept !== '') this.keys.write(kept);
  }

  /** The input ended (a script was piped in): the last unterminated line runs, then the terminal closes. */
  end(): void {
    if (!this.closed) this.keys.end();
  }

  /** Checks whether the peer dropped an idle session (call it whenever the world changes). */
  poll(): void {
    if (this.closed) return;
    const bye = this.session.dropped();
    if (!bye) return;
    this.io.write(this.eol);
    this.print(bye);
    this.finish();
  }

  /** The connection went away: nothing more runs or prints (a half-typed line is dropped, not run). */
  detach(): void {
    if (this.closed) return;
    this.closed = true;
    this.editor.close();
  }

  /** The screen was resized (SSH window-change, the browser's terminal fitted to its box). */
  resize(columns: number): void {
    if (!Number.isInteger(columns) || columns < 1 || columns > 10_000) return;
    this.screen.columns = columns;
    this.screen.emit('resize');
  }

  private submit(line: string): void {
    if (this.closed) return;
    const reply = runLine(this.session, line, this.apply);
    this.print(reply.output);
    if (reply.closed) this.finish();
    else this.prompt();
  }

  /** Ctrl-C: the line is dropped, as bash does. */
  private interrupt(): void {
    this.io.write(`^C${this.eol}`);
    this.editor.write(null, { ctrl: true, name: 'e' });
    this.editor.write(null, { ctrl: true, name: 'u' });
    this.prompt();
  }

  private print(lines: readonly string[]): void {
    if (lines.length > 0 && !this.closed) this.io.write(lines.join(this.eol) + this.eol);
  }

  private prompt(): void {
    if (this.closed || (!this.options.pty && !this.options.promptWithoutPty)) return;
    this.editor.setPrompt(this.session.prompt);
    this.editor.prompt();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.editor.close();
    this.io.close();
  }
}
