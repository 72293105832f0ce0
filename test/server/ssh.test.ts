// A real SSH client (OpenSSH's `ssh`, Debian's openssh-client) against the lab server's SSH
// endpoint: a command, a piped script, an interactive session with a pty, root's shell, a wrong
// password. What the client does lands in the lab's log like any other action.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { requireRealPart } from '../helpers/realParts.js';

const SSH = '/usr/bin/ssh';
const haveSsh = requireRealPart(SSH, 'apt-get install openssh-client', 'test/server/ssh.test.ts');

let server: RunningServer;
let dir: string;
let lab: { id: string; studentToken: string };

beforeAll(async () => {
  if (!haveSsh) return;
  server = await startServer({ dbFile: ':memory:', httpPort: 0, sshPort: 0, tick: false });
  const created = server.labs.create({ ...server.catalog.find((c) => c.name === 'add-peer')!, running: false });
  if (!created.ok) throw new Error(created.message);
  lab = { id: created.view.meta.id, studentToken: created.view.meta.studentToken };
  dir = mkdtempSync(join(tmpdir(), 'xtwin-ssh-'));
});
afterAll(async () => {
  if (!haveSsh) return;
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs OpenSSH with the password given by SSH_ASKPASS (OpenSSH ≥ 8.4), no host-key prompts and no
 * user config. Asynchronous: the server lives in this process, so a blocking call would deadlock.
 */
function ssh(user: string, password: string, options: { flags?: string[]; command?: string; input?: string } = {}): Promise<{ code: number; out: string }> {
  const askpass = join(dir, `askpass-${Buffer.from(password).toString('hex')}.sh`);
  writeFileSync(askpass, `#!/bin/sh\necho '${password}'\n`);
  chmodSync(askpass, 0o700);
  const args = [...(options.flags ?? []), '-F', '/dev/null', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR',
    '-o', 'PreferredAuthentications=password', '-o', 'NumberOfPasswordPrompts=1', '-o', 'ConnectTimeout=10',
    '-p', String(server.ssh!.port), `${user}@127.0.0.1`, ...(options.command !== undefined ? [options.command] : [])];
  return new Promise((resolve) => {
    const child = spawn(SSH, args, { env: { ...process.env, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
    child.stdin.end(options.input ?? '');
  });
}

/**
 * An interactive session with a pty, typed one key at a time: each key waits until the screen
 * answers, so the server's line editor sees keystrokes, not a paste. Resolves with the screen text.
 */
function sshTyping(user: string, password: string, keys: readonly string[]): Promise<string> {
  const askpass = join(dir, `askpass-${Buffer.from(password).toString('hex')}.sh`);
  writeFileSync(askpass, `#!/bin/sh\necho '${password}'\n`);
  chmodSync(askpass, 0o700);
  const args = ['-tt', '-F', '/dev/null', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR',
    '-o', 'PreferredAuthentications=password', '-o', 'NumberOfPasswordPrompts=1', '-o', 'ConnectTimeout=10', '-p', String(server.ssh!.port), `${user}@127.0.0.1`];
  return new Promise((resolve) => {
    const child = spawn(SSH, args, { env: { ...process.env, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' } });
    let out = '';
    let waiting: (() => void) | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      waiting?.();
    });
    const answered = (before: number) => new Promise<void>((done) => {
      const timer = setTimeout(done, 2_000);
      waiting = () => {
        if (out.length <= before) return;
        clearTimeout(timer);
        setTimeout(done, 20);
      };
    });
    child.on('close', () => resolve(out));
    void (async () => {
      await answered(0);
      for (const key of keys) {
        const before = out.length;
        child.stdin.write(key);
        await answered(before);
      }
      child.stdin.end();
    })();
  });
}

const LEFT = '\x1b[D';
const keysOf = (...parts: string[]) => parts.flatMap((p) => (p.startsWith('\x1b') ? [p] : [...p]));

describe.skipIf(!haveSsh)('SSH endpoint, with OpenSSH', () => {
  it('an interactive session edits like a terminal: ←, Backspace and typing mid-line, Tab completes paths', async () => {
    const screen = await sshTyping(`expc01.${lab.id}`, lab.studentToken, keysOf(
      'xStaus Clustr', LEFT, 'e', ...Array<string>(9).fill(LEFT), 't', '\r',
      'xConfiguration Alternates Cl', '\t', 'N', '\t', 'x', '\x7f', '\r',
      'exit\r',
    ));
    const text = screen.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    expect(text).toContain('*s Cluster: /');
    expect(text).toContain('*c xConfiguration Alternates Cluster Name: "cluster.example.com"');
    expect(text).not.toContain('Unknown command');
  });

  it("root's shell answers help with what it models", async () => {
    const r = await ssh(`root.expc01.${lab.id}`, lab.studentToken, { command: 'help' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('clusterdb_destroy_and_purge_data.sh');
    expect(r.out).toContain('/mnt/harddisk/factory-reset');
    expect(r.out).toContain('hostname');
  });

  it('runs one command: ssh host "xStatus Cluster"', async () => {
    const r = await ssh(`expc01.${lab.id}`, lab.studentToken, { command: 'xStatus Cluster' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('*s Cluster: /');
    expect(r.out).toContain('Status: "This system"');
  });

  it('reads a script from stdin without a pty, and the change lands in the lab', async () => {
    const r = await ssh(`expc02.${lab.id}`, lab.studentToken, { flags: ['-T'], input: 'xConfiguration Alternates Peer 3 Address: "10.0.0.13"\nxConfiguration Alternates Peer 3 Address\nexit\n' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('TANDBERG Video Communication Server');
    expect(r.out).toContain('Alternates Peer 3 Address: "10.0.0.13"');
    const twin = server.labs.get(lab.id)!.lab;
    expect(twin.twin.observe('expc02').saved['Alternates Peer 3 Address']).toBe('10.0.0.13');
    expect(twin.entries.some((e) => e.action.kind === 'tshell' && e.action.peer === 'expc02')).toBe(true);
  });

  it('gives an interactive session with a pty a prompt and echo', async () => {
    const r = await ssh(`expc03.${lab.id}`, lab.studentToken, { flags: ['-tt'], input: 'xStatus SystemUnit\rexit\r' });
    expect(r.out).toContain(`xtwin:expc03> `);
    expect(r.out).toContain('xStatus SystemUnit\r\n');
  });

  it('root gets bash words for unknown commands', async () => {
    const r = await ssh(`root.expc01.${lab.id}`, lab.studentToken, { command: 'rm -rf /' });
    expect(r.out).toContain('-bash: rm: command not found (help lists what the twin models)');
  });

  it('refuses a wrong password and an unknown peer', async () => {
    const wrong = await ssh(`expc01.${lab.id}`, 'not-the-token', { command: 'xStatus Cluster' });
    expect(wrong.code).toBe(255);
    expect(wrong.out).toBe('');
    const nopeer = await ssh(`expc09.${lab.id}`, lab.studentToken, { command: 'xStatus Cluster' });
    expect(nopeer.code).toBe(255);
  });
});
