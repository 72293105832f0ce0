// Nobody fills the server (issue #15): starting a lab needs the class key or a trainer's token, with a
// per-client rate bound; rehearsals are bounded per client and run in a worker thread, so the
// server answers others while one runs; an SSH connection that never starts its handshake is closed.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { MAX_LAB_CREATES_PER_MIN, MAX_REHEARSALS_PER_MIN } from '../../src/server/limits.js';
import { hostKey, startSsh } from '../../src/server/ssh.js';
import { limitsRunbook } from './helpers.js';

let server: RunningServer;
let wall = 1_000_000;

beforeAll(async () => {
  server = await startServer({ dbFile: ':memory:', httpPort: 0, tick: false, wallNow: () => wall });
});
afterAll(() => server.close());

const post = (url: string, payload: object, token?: string, ip = '127.0.0.1') =>
  server.app.inject({ method: 'POST', url, payload, remoteAddress: ip, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('starting labs', () => {
  it('needs the class key or a trainer\'s token; anonymous and student tokens are refused', async () => {
    const anonymous = await post('/api/labs', { catalog: 'add-peer', running: false }, undefined, '10.1.0.1');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('XTW_ERR_SERVER_NEEDS_CLASS_KEY');
    expect(anonymous.json().error.message).toContain('class key');
    const byKey = await post('/api/labs', { catalog: 'add-peer', running: false }, server.labs.classKey, '10.1.0.1');
    expect(byKey.statusCode).toBe(201);
    const student = await post('/api/labs', { catalog: 'add-peer', running: false }, byKey.json().studentToken, '10.1.0.1');
    expect(student.statusCode).toBe(401);
    expect((await post('/api/labs', { catalog: 'add-peer', running: false }, byKey.json().trainerToken, '10.1.0.1')).statusCode).toBe(201);
    expect(server.labs.list()).toHaveLength(2);
  });

  it('is bounded per client: beyond the bound a minute, 429 with Retry-After, others unaffected, and again after a minute', async () => {
    for (let i = 0; i < MAX_LAB_CREATES_PER_MIN; i++) expect((await post('/api/labs', { catalog: 'nope' }, undefined, '10.2.0.1')).statusCode).toBe(401);
    const over = await post('/api/labs', { catalog: 'nope' }, server.labs.classKey, '10.2.0.1');
    expect(over.statusCode).toBe(429);
    expect(over.json().error.code).toBe('XTW_ERR_SERVER_RATE_LIMITED');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await post('/api/labs', { catalog: 'nope' }, server.labs.classKey, '10.2.0.2')).statusCode).toBe(400);
    wall += 60_000;
    expect((await post('/api/labs', { catalog: 'nope' }, server.labs.classKey, '10.2.0.1')).statusCode).toBe(400);
  });
});

describe('rehearsals', () => {
  it('run in a worker: the server answers others while one at the limits runs', async () => {
    const rehearsal = fetch(`${server.url}/api/rehearse?format=json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ runbook: limitsRunbook(), fileName: 'limits.yaml' }) });
    let rehearsed = false;
    void rehearsal.then(() => (rehearsed = true));
    // While it runs, the same client gets a clear "busy", and health answers in time.
    const again = await fetch(`${server.url}/api/rehearse?format=json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ runbook: limitsRunbook() }) });
    expect(again.status).toBe(429);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('XTW_ERR_SERVER_BUSY');
    for (let i = 0; i < 5; i++) expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(rehearsed).toBe(false);
    const report = (await (await rehearsal).json()) as { steps: unknown[]; passed: boolean };
    expect(report.steps.length).toBeGreaterThan(400);
  }, 60_000);

  it('are bounded per client', async () => {
    const bad = { runbook: 'name: [unclosed' };
    for (let i = 0; i < MAX_REHEARSALS_PER_MIN; i++) expect((await post('/api/rehearse?format=json', bad, undefined, '10.3.0.1')).statusCode).toBe(400);
    const over = await post('/api/rehearse?format=json', bad, undefined, '10.3.0.1');
    expect(over.statusCode).toBe(429);
    expect(over.json().error.code).toBe('XTW_ERR_SERVER_RATE_LIMITED');
  });
});

describe('SSH', () => {
  it('closes a connection that never starts its handshake', async () => {
    const ssh = await startSsh(server.labs, { port: 0, host: '127.0.0.1', hostKey: hostKey(), handshakeTimeoutMs: 300 });
    try {
      const closedAfter = await new Promise<number>((resolve, reject) => {
        const start = Date.now();
        const socket = connect(ssh.port, '127.0.0.1');
        socket.on('data', () => {}); // the server's greeting; we never answer it
        socket.on('error', () => {});
        socket.on('close', () => resolve(Date.now() - start));
        setTimeout(() => reject(new Error('the silent connection was not closed')), 5_000);
      });
      expect(closedAfter).toBeGreaterThanOrEqual(250);
    } finally {
      await ssh.close();
    }
  });
});
