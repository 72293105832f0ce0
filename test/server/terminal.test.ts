// The terminal's line editor (Node's readline) over a recording session: which lines reach the
// session however they are typed and chunked — editing anywhere in the line, history, Tab — and
// what the screen shows; the session alone decides when it ends.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeWord, reply, type ShellSession } from '../../src/operator/shell/session.js';
import { TSHELL_MAX_LINE_CHARS } from '../../src/operator/index.js';
import { Terminal } from '../../src/server/terminal.js';

/** The end of input reaches readline a tick later (a stream's 'end'). */
const ended = () => new Promise((resolve) => setImmediate(resolve));

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const HOME = '\x1b[H';
const END = '\x1b[F';

function rig(pty: boolean) {
  const lines: string[] = [];
  let screen = '';
  let closed = false;
  let peerUp = true;
  let dropped = false;
  const session: ShellSession = {
    prompt: '> ',
    closed: false,
    welcome: () => ['hello'],
    read: (line) => {
      lines.push(line);
      return line === 'exit' ? reply([], true) : reply([`ran ${line}`]);
    },
    dropped: () => (peerUp || dropped ? undefined : ((dropped = true), ['Connection to peer closed by remote host.'])),
    complete: (line) => completeWord(line, ['xConfiguration', 'xCommand', 'xStatus']),
  };
  const terminal = new Terminal(session, () => ({ ok: true, output: [] }), { write: (t) => (screen += t), close: () => (closed = true) }, { pty });
  terminal.start();
  /** One key at a time, as a person types (readline treats a multi-key chunk as a paste). */
  const type = (...keys: string[]) => keys.forEach((k) => terminal.input(k));
  const chars = (text: string) => type(...text);
  return { terminal, type, chars, lines, screen: () => screen, closed: () => closed, stopPeer: () => (peerUp = false) };
}

describe('Terminal with a pty: the line editor', () => {
  it('echoes, prompts after each answer, and edits anywhere in the line with ←/→ and Backspace', () => {
    const t = rig(true);
    t.chars('xStaus');
    t.type(LEFT, LEFT, 't', END, '\r');
    t.chars('xStatttus');
    t.type(LEFT, LEFT, LEFT, '\x7f', '\x7f', '\r');
    expect(t.lines).toEqual(['xStatus', 'xStatus']);
    expect(t.screen()).toContain('hello\r\n');
    expect(t.screen()).toContain('ran xStatus\r\n');
    expect(t.screen()).toMatch(/> (\x1b\[\d+G)?$/);
  });

  it('Home/End and Ctrl-A/Ctrl-E/Ctrl-K/Ctrl-W move and cut', () => {
    const t = rig(true);
    t.chars('Status');
    t.type(HOME, 'x', END, ' Cluster', '\r');
    t.chars('xStatus Cluster junk');
    t.type('\x17', '\r');
    t.chars('abc def');
    t.type('\x01', RIGHT, RIGHT, RIGHT, '\x0b', '\r');
    t.chars('bc');
    t.type('\x01', 'a', '\x05', 'd', '\r');
    expect(t.lines).toEqual(['xStatus Cluster', 'xStatus Cluster ', 'abc', 'abcd']);
  });

  it('Tab completes from the session: a unique prefix at once, several listed on a second Tab', () => {
    const t = rig(true);
    t.chars('xSt');
    t.type('\t', '\r');
    t.chars('xC');
    t.type('\t', '\t');
    expect(t.screen()).toMatch(/xConfiguration\s+xCommand/);
    t.type('\x15', '\r');
    expect(t.lines).toEqual(['xStatus', '']);
  });

  it('↑/↓ recall earlier lines, and a recalled line can be edited', () => {
    const t = rig(true);
    t.chars('one\r');
    t.chars('two\r');
    t.type(UP, UP, DOWN, '\r');
    t.type(UP, UP, '\x7f', 'E', '\r');
    expect(t.lines).toEqual(['one', 'two', 'two', 'onE']);
  });

  it('Ctrl-C drops the line; Ctrl-U clears it; Ctrl-D ends the session only at an empty line', () => {
    const t = rig(true);
    t.chars('half');
    t.type('\x03');
    t.chars('garbage');
    t.type('\x15');
    t.chars('ok\r');
    expect(t.lines).toEqual(['ok']);
    expect(t.screen()).toContain('^C\r\n');
    t.chars('abc');
    t.type('\x04');
    expect(t.closed()).toBe(false);
    t.type('\x15', '\x04');
    expect(t.closed()).toBe(true);
  });

  it('the session decides the end: after exit nothing more runs, even keys already sent', () => {
    const t = rig(true);
    t.terminal.input('exit\rmore\r');
    t.terminal.input('still more\r');
    expect(t.lines).toEqual(['exit']);
    expect(t.closed()).toBe(true);
  });

  it('an idle session is dropped when its peer stops answering, mid-line or not', () => {
    const t = rig(true);
    t.chars('half typed');
    t.terminal.poll();
    expect(t.closed()).toBe(false);
    t.stopPeer();
    t.terminal.poll();
    expect(t.closed()).toBe(true);
    expect(t.screen().endsWith('half typed\r\nConnection to peer closed by remote host.\r\n')).toBe(true);
    t.chars('more\r');
    expect(t.lines).toEqual([]);
  });

  it('property: however a typed script is split into chunks, the same lines reach the session', () => {
    const line = fc.stringMatching(/^[a-zA-Z0-9 :"]{0,12}$/).filter((l) => l !== 'exit');
    fc.assert(fc.property(fc.array(line, { maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }), (lines, cuts) => {
      const script = lines.map((l) => `${l}\r`).join('');
      const whole = rig(true);
      whole.terminal.input(script);
      const chunked = rig(true);
      let at = 0;
      for (let i = 0; at < script.length; i++) {
        const n = cuts[i % cuts.length]!;
        chunked.terminal.input(script.slice(at, at + n));
        at += n;
      }
      expect(chunked.lines).toEqual(whole.lines);
      expect(whole.lines).toEqual(lines);
    }));
  });
});

describe('Terminal bounds', () => {
  it(`a line longer than ${TSHELL_MAX_LINE_CHARS} characters is cut there, with or without a pty, however it is chunked`, async () => {
    for (const pty of [true, false]) {
      const t = rig(pty);
      const long = 'x'.repeat(TSHELL_MAX_LINE_CHARS + 500);
      t.terminal.input(long.slice(0, 3000));
      t.terminal.input(long.slice(3000));
      t.terminal.input('\nshort\n');
      expect(t.lines).toEqual(['x'.repeat(TSHELL_MAX_LINE_CHARS), 'short']);
    }
  });
});

describe('Terminal without a pty', () => {
  it('plain lines, CRLF or LF, no echo and no prompt; the end of input runs the last line', async () => {
    const t = rig(false);
    t.terminal.input('a\r\nb\nc');
    expect(t.lines).toEqual(['a', 'b']);
    t.terminal.end();
    await ended();
    expect(t.lines).toEqual(['a', 'b', 'c']);
    expect(t.screen()).toBe('hello\nran a\nran b\nran c\n');
    expect(t.closed()).toBe(true);
  });

  it('property: lines after exit never run, however the script is chunked (regression: it depended on the pipe)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), (cut) => {
      const script = 'a\nexit\nb\nc\n';
      const t = rig(false);
      t.terminal.input(script.slice(0, cut));
      t.terminal.input(script.slice(cut));
      t.terminal.end();
      expect(t.lines).toEqual(['a', 'exit']);
    }));
  });

  it('a detached terminal (the connection went away) drops a half-typed line instead of running it', async () => {
    const t = rig(true);
    t.chars('xCommand Restart');
    t.terminal.detach();
    t.terminal.end();
    await ended();
    expect(t.lines).toEqual([]);
  });
});
