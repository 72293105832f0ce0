// `xtwin serve` as a real process whose store fails (issue #15): a full disk — the process's file
// size limit set under it with prlimit, so SQLite's writes fail as on a full disk — while a lab
// clock runs must not crash it; it refuses changes, keeps answering reads, and takes changes again
// once the disk has room. A database it cannot open is one sentence and exit 2, the file untouched.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../arch/sources.js';
import { STORE_RETRY_MS } from '../../src/server/limits.js';
import { BIN, scratch, xtwin } from './helpers.js';

const tmp = scratch();
afterAll(tmp.remove);
const PRLIMIT = '/usr/bin/prlimit';

/** Starts `xtwin serve` with SIGXFSZ ignored (a write past the limit then fails with EFBIG instead of killing). */
function serve(db: string): Promise<{ child: ChildProcess; out: () => string }> {
  const child = spawn('/bin/sh', ['-c', 'trap "" XFSZ; exec "$0" "$@"', process.execPath, BIN, 'serve', '--port', '0', '--no-ssh', '--db', db], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`xtwin serve did not start:\n${out}`)), 30_000);
    const hear = (d: Buffer) => {
      out += d.toString();
      if (/student: /.test(out)) {
        clearTimeout(timer);
        resolve({ child, out: () => out });
      }
    };
    child.stdout!.on('data', hear);
    child.stderr!.on('data', hear);
    child.on('exit', () => reject(new Error(`xtwin serve exited early:\n${out}`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('xtwin serve and its store', () => {
  it.runIf(existsSync(PRLIMIT) || !process.env.XTW_ALLOW_SKIP)('a full disk while a clock runs: no crash, changes refused, reads served, recovery', async () => {
    const db = join(tmp.dir, 'full.db');
    const { child, out } = await serve(db);
    let exited = false;
    child.on('exit', () => (exited = true));
    try {
      const url = /lab server on (http:\/\/127\.0\.0\.1:\d+)/.exec(out())![1]!;
      const [, lab, token] = /student: http:\/\/[\d.:]+\/#lab=(\w+)&token=(\w+)/.exec(out())!;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const act = (line: string) => fetch(`${url}/api/labs/${lab}/actions`, { method: 'POST', headers, body: JSON.stringify({ kind: 'tshell', peer: 'expc02', line }) });
      expect((await act('xConfiguration Alternates Peer 3 Address: "10.0.0.13"')).status).toBe(200);

      // Every write past the first KiB of a file now fails: the WAL cannot take a frame.
      expect(spawnSync(PRLIMIT, ['--pid', String(child.pid), '--fsize=1024:']).status).toBe(0);
      await sleep(1_500); // six clock ticks into the full disk
      expect(exited).toBe(false);
      const health = await (await fetch(`${url}/api/health`)).json() as { storeProblem: string | null };
      expect(health.storeProblem).toMatch(/cannot be written/);
      const refused = await act('xConfiguration Alternates Peer 4 Address: "10.0.0.14"');
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('XTW_ERR_SERVER_STORE_UNWRITABLE');
      expect((await fetch(`${url}/api/labs/${lab}`, { headers })).status).toBe(200);

      expect(spawnSync(PRLIMIT, ['--pid', String(child.pid), '--fsize=unlimited:']).status).toBe(0);
      await sleep(STORE_RETRY_MS + 1_000);
      expect(((await (await fetch(`${url}/api/health`)).json()) as { storeProblem: string | null }).storeProblem).toBeNull();
      expect((await act('xConfiguration Alternates Peer 4 Address: "10.0.0.14"')).status).toBe(200);
      expect(out()).toMatch(/the lab store cannot be written/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (exited ? r(null) : child.once('exit', r)));
    }
  }, 30_000);

  it('a database it cannot open is one sentence and exit 2, and the file is untouched', () => {
    const notDb = join(tmp.dir, 'notes.db');
    writeFileSync(notDb, 'these are my notes\n');
    const r = xtwin(['serve', '--port', '0', '--no-ssh', '--db', notDb]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`xtwin serve: ${notDb} is not a lab database (not an SQLite file); give another --db or move the file aside`);
    expect(readFileSync(notDb, 'utf8')).toBe('these are my notes\n');
    const dir = join(tmp.dir, 'adir');
    mkdirSync(dir);
    const d = xtwin(['serve', '--port', '0', '--no-ssh', '--db', dir]);
    expect(d.status).toBe(2);
    expect(d.stderr).toMatch(/is a directory, not a lab database file/);
    expect(d.stderr).not.toMatch(/\n\s+at /);
  });
});
