// `xtwin shell`'s practice shell on a real twin: `?` lists the twin's own words, `wait` says what
// happened meanwhile and is bounded, `history` keeps everything typed, and a restart closes the
// session to the peer but not the shell, which logs in again once the peer is back.
import { describe, expect, it } from 'vitest';
import { applyAction, MAX_WAIT_MS, PracticeShell, runLine, showMs } from '../../../src/operator/index.js';
import { smallTwin } from '../helpers.js';

function practice(peer = 'expc01') {
  const twin = smallTwin();
  const shell = new PracticeShell(twin, peer);
  return { twin, shell, type: (line: string) => runLine(shell, line, (a) => applyAction(twin, a)) };
}

describe('PracticeShell', () => {
  it('? lists the families and the twin\'s own words: wait, peer, alarms, log', () => {
    const { type } = practice();
    const help = type('?').output;
    for (const word of ['xCommand', 'xConfiguration', 'xStatus', 'history', 'exit', 'wait', 'peer', 'alarms', 'log']) expect(help).toContain(`*h ${word}`);
  });

  it('wait prints what happened meanwhile and the time it is now; a quiet wait still answers', () => {
    const { twin, type } = practice();
    const now = twin.nowMs;
    expect(type('wait 10s').output.at(-1)).toMatch(/^waited 10s; the time is now T\+/);
    expect(twin.nowMs).toBe(now + 10_000);
    type('xCommand Restart');
    const waited = type('wait 10m').output;
    expect(waited.some((l) => /expc01 {2}restarting → running$/.test(l))).toBe(true);
    expect(waited.at(-1)).toBe('Not connected. expc01 is up: peer expc01 logs in again.');
  });

  it(`wait is bounded: longer than ${MAX_WAIT_MS / 86_400_000} days is refused at once, time unchanged`, () => {
    const { twin, type } = practice();
    const before = twin.nowMs;
    expect(type('wait 365d').output).toEqual([`wait: a wait of 365d is longer than the ${showMs(MAX_WAIT_MS)} allowed (the twin's bound, src/operator/bounds.ts)`]);
    expect(type('wait soon').output[0]).toMatch(/^wait: not a duration: 'soon'/);
    expect(twin.nowMs).toBe(before);
  });

  it('history lists every line, the twin\'s words included', () => {
    const { type } = practice();
    type('xStatus Cluster');
    type('wait 1s');
    type('peer expc02');
    type('alarms');
    expect(type('history').output).toEqual(['   1  xStatus Cluster', '   2  wait 1s', '   3  peer expc02', '   4  alarms', '   5  history']);
  });

  it('xCommand Restart closes the session to the peer as SSH would; the shell stays, and wait until up logs in again', () => {
    const { twin, shell, type } = practice('expc02');
    const r = type('xCommand Restart');
    expect(r.closed).toBe(false);
    expect(r.output).toContain('Connection to expc02 closed by remote host.');
    expect(r.output.at(-1)).toMatch(/^Not connected: expc02 is restarting\. Type 'wait until up'/);
    expect(shell.prompt).toBe('xtwin:expc02 (not connected)> ');
    expect(type('xStatus Cluster').output[0]).toMatch(/^Not connected: expc02 is restarting/);
    const back = type('wait until up').output;
    expect(back.at(-1)).toMatch(/^TANDBERG Video Communication Server/);
    expect(twin.observe('expc02').serving).toBe(true);
    expect(shell.prompt).toBe('xtwin:expc02> ');
    expect(type('xStatus Cluster').output[0]).toBe('*s Cluster: /');
  });

  it('after a drop, peer NAME logs in to another peer at once', () => {
    const { type, shell } = practice('expc02');
    type('xCommand Boot');
    expect(type('peer expc01').output[0]).toMatch(/^TANDBERG/);
    expect(shell.prompt).toBe('xtwin:expc01> ');
  });

  it('exit leaves, connected or not', () => {
    const a = practice();
    expect(a.type('exit')).toEqual({ output: [], closed: true });
    const b = practice();
    b.type('xCommand Restart');
    expect(b.type('exit')).toEqual({ output: [], closed: true });
  });

  it('Tab completes peer names and the twin\'s words', () => {
    const { twin, shell } = practice();
    expect(shell.complete('peer expc0')[0]).toEqual(twin.peerNames());
    expect(shell.complete('wai')[0]).toContain('wait');
    expect(shell.complete('wait until ')[0]).toEqual(['up']);
  });
});
