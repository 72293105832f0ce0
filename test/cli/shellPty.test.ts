// `xtwin shell` under a real pseudo-terminal (Python's pty module, test/cli/ptyDrive.py), keystroke
// by keystroke as a person types: Tab completes, ←/→ and Backspace edit anywhere in the line, ↑
// recalls; `?`, `wait` and `history` speak of the twin's own words; a restart closes the session to
// the peer but not the shell; `--runbook` runs the runbook first (all of it, or up to `--at`).
// Piped input after a dropped session gives the same transcript however the pipe delivers it.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../arch/sources.js';
import { requireRealPart } from '../helpers/realParts.js';
import { BIN, xtwin } from './helpers.js';

const PYTHON = '/usr/bin/python3';
const havePython = requireRealPart(PYTHON, 'apt-get install python3', 'xtwin shell in a terminal');

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const TAB = '\t';
const ENTER = '\r';
const BACKSPACE = '\x7f';

type Step = { keys: string[] } | { expect: string };
const keys = (...k: string[]): Step => ({ keys: k.flatMap((x) => (x.length > 1 && !x.startsWith('\x1b') ? [...x] : [x])) });
const line = (text: string): Step => keys(...text, ENTER);
const see = (text: string): Step => ({ expect: text });

interface Driven {
  readonly output: string;
  readonly status: number | null;
  readonly timedOut: readonly string[];
}

function drive(args: readonly string[], steps: readonly Step[]): Driven {
  const r = spawnSync(PYTHON, [join(ROOT, 'test', 'cli', 'ptyDrive.py')], {
    input: JSON.stringify({ argv: [process.execPath, BIN, ...args], cwd: ROOT, env: { NO_COLOR: '1' }, steps }),
    encoding: 'utf8', timeout: 120_000,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(r.stderr);
  const driven = JSON.parse(r.stdout) as Driven;
  // What a person reads: escape sequences (cursor moves, clears) and carriage returns left out.
  return { ...driven, output: driven.output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '') };
}

const PROMPT = 'xtwin:expc01> ';

describe.skipIf(!havePython)('xtwin shell in a terminal', () => {
  it('Tab completes commands and configuration paths; ←/→ and Backspace edit mid-line; ↑ recalls', () => {
    const r = drive(['shell'], [
      see(PROMPT),
      keys('xCon', TAB, ' Alternates Pe', TAB, '3 Add', TAB, ENTER),
      see('OK'),
      // "xStaus Clustr": fix both typos from the middle of the line
      keys('xStaus Clustr', LEFT, 'e', ...Array<string>(9).fill(LEFT), 't', ENTER),
      see('*s/end'),
      keys('xStatus Clusterx', LEFT, RIGHT, BACKSPACE, ENTER),
      see('*s/end'),
      keys(UP, ...Array<string>(7).fill(BACKSPACE), 'SystemUnit', ENTER),
      see('SystemUnit: /'),
      line('exit'),
    ]);
    expect(r.timedOut).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.output).toContain('*c xConfiguration Alternates Peer 3 Address: ""');
    expect(r.output.match(/\*s Cluster: \//g)?.length).toBe(2);
    expect(r.output).toContain('Version: "X14.3.1"');
  });

  it('Ctrl-Z does not suspend (readline would stop the whole process: for SSH, the server); Ctrl-C drops the line; Ctrl-D leaves', () => {
    const r = drive(['shell'], [
      see(PROMPT),
      keys('xCommand Boot', '\x03'),
      keys('\x1a'),
      line('xStatus SystemUnit'),
      see('*s/end'),
      keys('\x04'),
    ]);
    expect(r.timedOut).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.output).toContain('xCommand Boot^C');
    expect(r.output).not.toContain('RebootResult');
    expect(r.output).not.toContain('BootResult');
  });

  it('? lists wait, peer, alarms and log; wait says what happened; wait 365d answers at once; history keeps every line', () => {
    const r = drive(['shell'], [
      see(PROMPT),
      line('?'),
      see('OK'),
      line('wait 2m'),
      see('waited 2m'),
      line('wait 365d'),
      see('is longer than the'),
      line('alarms'),
      see('40049'),
      line('history'),
      see('history'),
      line('exit'),
    ]);
    expect(r.timedOut).toEqual([]);
    expect(r.status).toBe(0);
    for (const word of ['wait', 'peer', 'alarms', 'log']) expect(r.output).toContain(`*h ${word}\n`);
    expect(r.output).toMatch(/waited 2m; the time is now T\+00:02:/);
    expect(r.output).toMatch(/1 {2}\?\n\s+2 {2}wait 2m\n\s+3 {2}wait 365d\n\s+4 {2}alarms\n\s+5 {2}history/);
  });

  it('xCommand Restart closes the session to the peer, not the shell; wait until up logs in again', () => {
    const r = drive(['shell', '--peer', 'expc02'], [
      see('xtwin:expc02> '),
      line('xCommand Restart'),
      see('xtwin:expc02 (not connected)> '),
      line('xStatus Cluster'),
      see('Not connected'),
      line('wait until up'),
      see('xtwin:expc02> '),
      line('xStatus SystemUnit'),
      see('*s/end'),
      line('exit'),
    ]);
    expect(r.timedOut).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.output).toContain('Connection to expc02 closed by remote host.');
    expect(r.output).toMatch(/expc02 {2}restarting → running/);
  });

  it('--runbook runs the runbook and opens where it ends; --at STEP stops before that step', () => {
    const peer3 = 'xConfiguration Alternates Peer 3 Address';
    const end = drive(['shell', '--runbook', 'scenarios/procedures/add-peer.yaml'], [see(PROMPT), line(peer3), see('OK'), line('exit')]);
    expect(end.timedOut).toEqual([]);
    expect(end.output).toContain('SEED=7');
    expect(end.output).toMatch(/add-peer\.yaml: ran all \d+ steps/);
    expect(end.output).toContain(`*c ${peer3}: "10.0.0.13"`);
    const before = drive(['shell', '--runbook', 'scenarios/procedures/add-peer.yaml', '--at', '5'], [see(PROMPT), line(peer3), see('OK'), line('exit')]);
    expect(before.output).toMatch(/ran steps 1–4 of \d+, stopped before step 5/);
    expect(before.output).toContain(`*c ${peer3}: ""`);
  });
});

describe('xtwin shell with piped input', () => {
  const SCRIPT = ['xCommand Restart', 'xStatus Cluster', 'wait until up', 'xStatus SystemUnit', 'exit', 'xStatus Cluster'];

  /** The script fed one line at a time, each after the answer to the one before. */
  function slowly(lines: readonly string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'shell'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
      let out = '';
      let sent = 0;
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const prompts = out.split('> ').length - 1;
        while (sent < lines.length && sent < prompts) child.stdin.write(`${lines[sent++]}\n`);
        if (sent === lines.length) child.stdin.end();
      });
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
  }

  it('after a dropped session the same lines give the same transcript, all at once or one by one; nothing after exit runs', async () => {
    const whole = xtwin(['shell'], { input: SCRIPT.map((l) => `${l}\n`).join('') });
    expect(whole.status).toBe(0);
    expect(whole.stdout).toContain('Connection to expc01 closed by remote host.');
    expect(whole.stdout).toContain('Product: "TANDBERG VCS"');
    expect(whole.stdout.match(/\*s Cluster: \//g)).toBeNull();
    expect(await slowly(SCRIPT)).toBe(whole.stdout);
  });

  it('--at without --runbook, or a step number out of range, exits 2', () => {
    expect(xtwin(['shell', '--at', '3']).status).toBe(2);
    const r = xtwin(['shell', '--runbook', 'scenarios/procedures/add-peer.yaml', '--at', '999']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--at must be a step number from 1 to \d+/);
  });
});
