// `xtwin serve` (npm start) as a user starts it: it opens the default lab on a first start, prints
// working trainer, student, class and SSH lines, stops cleanly on SIGTERM, keeps the lab for the next
// start, and refuses a busy port with a sentence instead of a stack trace.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../arch/sources.js';
import { BIN, scratch, xtwin } from './helpers.js';

const tmp = scratch();
afterAll(tmp.remove);

/** Starts `xtwin serve`, resolving once it has printed `until`; the caller stops it. */
function serve(args: string[], until: RegExp): Promise<{ child: ChildProcess; out: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`xtwin serve printed no ${until} in time:\n${out}`)), 30_000);
    const hear = (d: Buffer) => {
      out += d.toString();
      if (until.test(out)) {
        clearTimeout(timer);
        resolve({ child, out: () => out });
      }
    };
    child.stdout!.on('data', hear);
    child.stderr!.on('data', hear);
    child.on('exit', () => reject(new Error(`xtwin serve exited early:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('xtwin serve', () => {
  const db = join(tmp.dir, 'labs.db');

  it('opens the default lab on a first start and prints links that work', async () => {
    const { child, out } = await serve(['--port', '0', '--ssh-port', '0', '--db', db], /ssh: {5}ssh -p \d+ expc01\.\w+@/);
    try {
      const url = /lab server on (http:\/\/127\.0\.0\.1:\d+)/.exec(out())![1]!;
      const [, lab, token] = /student: http:\/\/[\d.:]+\/#lab=(\w+)&token=(\w+)/.exec(out())!;
      const classKey = /#class=(\w+)/.exec(out())![1]!;
      const summary = await (await fetch(`${url}/api/labs/${lab}`, { headers: { authorization: `Bearer ${token}` } })).json() as { title: string; role: string };
      expect(summary).toMatchObject({ title: 'Add a third peer to the cluster', role: 'student' });
      const list = await (await fetch(`${url}/api/labs`, { headers: { authorization: `Bearer ${classKey}` } })).json() as unknown[];
      expect(list).toHaveLength(1);
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('lists each peer of the lab with its own HTTPS and SNMP address, which the lab JSON carries too', async () => {
    const { child, out } = await serve(['--port', '0', '--no-ssh', '--db', ':memory:', '--peer-ports', '47400-47409'], /expc03 {2}https:/);
    try {
      const url = /lab server on (http:\/\/127\.0\.0\.1:\d+)/.exec(out())![1]!;
      const [, lab, token] = /student: http:\/\/[\d.:]+\/#lab=(\w+)&token=(\w+)/.exec(out())!;
      const listed = [...out().matchAll(/^ {2}(expc0\d) {2}(https:\/\/127\.0\.0\.1:(\d+)) {2}snmp (127\.0\.0\.1:(\d+))$/gm)];
      expect(listed.map((m) => m[1])).toEqual(['expc01', 'expc02', 'expc03']);
      for (const m of listed) expect(Number(m[3])).toBeGreaterThanOrEqual(47400), expect(m[3]).toBe(m[5]);
      const summary = await (await fetch(`${url}/api/labs/${lab}`, { headers: { authorization: `Bearer ${token}` } })).json() as { interfaces: { peer: string; https: string; snmp: string }[] };
      expect(summary.interfaces).toEqual(listed.map((m) => ({ peer: m[1], https: m[2], snmp: m[4] })));
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('refuses a certificate and key that cannot serve TLS, before it listens', () => {
    const cert = join(tmp.dir, 'not-a-cert.pem');
    writeFileSync(cert, 'hello\n');
    const r = xtwin(['serve', '--port', '0', '--no-ssh', '--db', ':memory:', '--tls-cert', cert, '--tls-key', cert]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`xtwin serve: ${cert} and ${cert} cannot serve TLS`);
  });

  it('refuses a port range that is not one', () => {
    const r = xtwin(['serve', '--peer-ports', '80-90', '--db', ':memory:']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--peer-ports 80-90 is not a range of ports FROM-TO (1024-65535)');
  });

  it('keeps the lab for the next start instead of opening another', async () => {
    const { child, out } = await serve(['--port', '0', '--no-ssh', '--db', db], /student: /);
    try {
      expect(out().match(/^lab \w+:/gm)).toHaveLength(1);
      expect(out()).not.toContain('SSH into a peer');
    } finally {
      await stop(child);
    }
  });

  it('refuses a port that is in use, saying so, and exits (the SSH endpoint it had opened is let go)', async () => {
    const { child, out } = await serve(['--port', '0', '--no-ssh', '--db', ':memory:'], /student: /);
    try {
      const port = /127\.0\.0\.1:(\d+)/.exec(out())![1]!;
      const r = xtwin(['serve', '--port', port, '--ssh-port', '0', '--db', ':memory:']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
    } finally {
      await stop(child);
    }
  });
});
