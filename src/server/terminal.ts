/**
 * A terminal: keystrokes in, screen text out, over any shell (shells.ts). With a pty (interactive
 * SSH, xterm.js in the browser) it echoes and edits the line as a shell would — backspace, Ctrl-C,
 * Ctrl-U, Ctrl-D, ↑/↓ through history; without one (`ssh host < script`, `ssh host 'xStatus'`) it
 * reads plain lines. The SSH endpoint and the browser terminal share it, so they behave alike.
 */
import { TSHELL_MAX_LINE_CHARS } from '../operator/index.js';
import type { Shell } from './shells.js';

export interface TerminalIo {
  write(text: string): void;
  /** the shell ended (exit, Ctrl-D, the peer restarted) */
  close(): void;
}

/** Lines kept for ↑/↓ (STYLE R8). */
const HISTORY_LIMIT = 200;

export class Terminal {
  private line = '';
  private escape = '';
  private readonly history: string[] = [];
  private recall = 0;
  private lastWasCr = false;
  private closed = false;

  constructor(private readonly shell: Shell, private readonly io: TerminalIo, private readonly pty: boolean) {}

  private get eol(): string {
    return this.pty ? '\r\n' : '\n';
  }

  start(): void {
    this.print(this.shell.welcome());
    this.prompt();
  }

  /** Feeds what the user typed (any chunking: one key, a pasted block, a whole script). */
  input(data: string): void {
    for (const ch of data) {
      if (this.closed) return;
      if (this.escape !== '' || ch === '\x1b') this.escapeChar(ch);
      else if (ch === '\r' || ch === '\n') this.enter(ch);
      else if (!this.pty) this.append(ch);
      else if (ch === '\x7f' || ch === '\b') this.backspace();
      else if (ch === '\x03') this.interrupt();
      else if (ch === '\x15') this.replaceLine('');
      else if (ch === '\x04') this.endOfFile();
      else if (ch >= ' ') this.append(ch);
    }
  }

  /** Checks whether the peer dropped an idle session (called whenever the lab changes). */
  poll(): void {
    if (this.closed) return;
    const bye = this.shell.dropped();
    if (!bye) return;
    this.io.write(this.eol);
    this.print(bye);
    this.finish();
  }

  /** The input ended (a script was piped in): run what is left, then close. */
  end(): void {
    if (this.line !== '') this.submit();
    this.finish();
  }

  private append(ch: string): void {
    if (this.line.length >= TSHELL_MAX_LINE_CHARS) return;
    this.line += ch;
    if (this.pty) this.io.write(ch);
  }

  private enter(ch: string): void {
    // "\r\n" from a terminal is one Enter.
    if (ch === '\n' && this.lastWasCr) {
      this.lastWasCr = false;
      return;
    }
    this.lastWasCr = ch === '\r';
    if (this.pty) this.io.write('\r\n');
    this.submit();
  }

  private submit(): void {
    const line = this.line;
    this.line = '';
    this.recall = 0;
    if (line.trim() !== '') {
      this.history.push(line);
      if (this.history.length > HISTORY_LIMIT) this.history.shift();
    }
    const reply = this.shell.run(line);
    this.print(reply.output);
    if (reply.closed) this.finish();
    else this.prompt();
  }

  private backspace(): void {
    if (this.line === '') return;
    this.line = [...this.line].slice(0, -1).join('');
    this.io.write('\b \b');
  }

  private interrupt(): void {
    this.line = '';
    this.io.write(`^C${this.eol}`);
    this.prompt();
  }

  private endOfFile(): void {
    if (this.line === '') this.finish();
  }

  /** ESC [ A/B are ↑/↓; other sequences (←/→, function keys) are swallowed whole. */
  private escapeChar(ch: string): void {
    this.escape += ch;
    if (this.escape.length === 1) return;
    if (this.escape.length === 2 && ch !== '[' && ch !== 'O') {
      this.escape = '';
      return;
    }
    if (this.escape.length > 2 && /[A-Za-z~]/.test(ch)) {
      const sequence = this.escape;
      this.escape = '';
      if (!this.pty) return;
      if (sequence.endsWith('A')) this.browse(1);
      else if (sequence.endsWith('B')) this.browse(-1);
    }
    if (this.escape.length > 16) this.escape = '';
  }

  private browse(step: number): void {
    const next = Math.min(this.history.length, Math.max(0, this.recall + step));
    if (next === this.recall) return;
    this.recall = next;
    this.replaceLine(next === 0 ? '' : this.history[this.history.length - next]!);
  }

  private replaceLine(text: string): void {
    this.io.write('\b \b'.repeat([...this.line].length) + text);
    this.line = text;
  }

  private print(lines: readonly string[]): void {
    if (lines.length > 0) this.io.write(lines.join(this.eol) + this.eol);
  }

  private prompt(): void {
    if (this.pty) this.io.write(this.shell.prompt);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.io.close();
  }
}
