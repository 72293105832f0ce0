// The terminal's line discipline, over a recording shell: what a person typing sees, and which
// lines reach the shell — however the keystrokes are chunked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Shell } from '../../src/server/shells.js';
import { Terminal } from '../../src/server/terminal.js';

function rig(pty: boolean) {
  const lines: string[] = [];
  let screen = '';
  let closed = false;
  let peerUp = true;
  const shell: Shell = {
    prompt: '> ',
    welcome: () => ['hello'],
    run: (line) => {
      lines.push(line);
      return line === 'exit' ? { output: [], closed: true } : { output: [`ran ${line}`], closed: false };
    },
    dropped: () => (peerUp ? undefined : ['Connection to peer closed by remote host.']),
  };
  const terminal = new Terminal(shell, { write: (t) => (screen += t), close: () => (closed = true) }, pty);
  terminal.start();
  return { terminal, lines, screen: () => screen, closed: () => closed, stopPeer: () => (peerUp = false) };
}

describe('Terminal', () => {
  it('with a pty: echoes, edits with backspace, Ctrl-U and Ctrl-C, and prompts after each answer', () => {
    const t = rig(true);
    t.terminal.input('xStatuz\x7fs\r');
    t.terminal.input('garbage\x15xCommand\r');
    t.terminal.input('half\x03');
    expect(t.lines).toEqual(['xStatus', 'xCommand']);
    expect(t.screen()).toBe('hello\r\n> xStatuz\b \bs\r\nran xStatus\r\n> garbage' + '\b \b'.repeat(7) + 'xCommand\r\nran xCommand\r\n> half^C\r\n> ');
  });

  it('recalls earlier lines with the up and down arrows, and ignores other escape sequences', () => {
    const t = rig(true);
    t.terminal.input('one\rtwo\r');
    t.terminal.input('\x1b[A\x1b[A\x1b[B\x1b[C\r');
    expect(t.lines).toEqual(['one', 'two', 'two']);
  });

  it('closes on exit and on Ctrl-D at an empty line, not on Ctrl-D mid-line', () => {
    const a = rig(true);
    a.terminal.input('abc\x04');
    expect(a.closed()).toBe(false);
    a.terminal.input('\x15\x04');
    expect(a.closed()).toBe(true);
    const b = rig(true);
    b.terminal.input('exit\r');
    expect(b.closed()).toBe(true);
    b.terminal.input('more\r');
    expect(b.lines).toEqual(['exit']);
  });

  it('an idle session is dropped when its peer stops answering, mid-line or not', () => {
    const t = rig(true);
    t.terminal.input('half typed');
    t.terminal.poll();
    expect(t.closed()).toBe(false);
    t.stopPeer();
    t.terminal.poll();
    expect(t.closed()).toBe(true);
    expect(t.screen().endsWith('> half typed\r\nConnection to peer closed by remote host.\r\n')).toBe(true);
    t.terminal.input('more\r');
    expect(t.lines).toEqual([]);
  });

  it('without a pty: plain lines, CRLF or LF, no echo and no prompt; the end of input runs the last line', () => {
    const t = rig(false);
    t.terminal.input('a\r\nb\nc');
    expect(t.lines).toEqual(['a', 'b']);
    t.terminal.end();
    expect(t.lines).toEqual(['a', 'b', 'c']);
    expect(t.screen()).toBe('hello\nran a\nran b\nran c\n');
    expect(t.closed()).toBe(true);
  });

  it('property: however a script is split into chunks, the same lines reach the shell', () => {
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
      expect(chunked.screen()).toBe(whole.screen());
      expect(whole.lines).toEqual(lines);
    }));
  });
});
