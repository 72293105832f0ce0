// The REST API through fastify's inject (no sockets): creating labs, roles and tokens, actions and
// their refusals, the lab clock on an injected wall clock, and hostile requests that must be
// answered with a clear error and leave the lab as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { MAX_SPEED } from '../../src/server/limits.js';
import { AT_BOOT, FORCED, withLifecycleCrash } from '../helpers/modelFault.js';
import { runbookText } from './helpers.js';

let server: RunningServer;
let wall = 1_000_000;

beforeAll(async () => {
  server = await startServer({ dbFile: ':memory:', httpPort: 0, tick: false, wallNow: () => wall });
});
afterAll(() => server.close());

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
  const res = await server.app.inject({
    method, url,
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.raw !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(options.body !== undefined ? { payload: options.body as object } : options.raw !== undefined ? { payload: options.raw } : {}),
  });
  return { status: res.statusCode, json: res.body ? (JSON.parse(res.body) as Record<string, any>) : undefined };
}

async function newLab(body: object = { catalog: 'add-peer', running: false }) {
  const r = await call('POST', '/api/labs', { token: server.labs.classKey, body });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json as { id: string; studentToken: string; trainerToken: string; links: { student: string; trainer: string } };
}

describe('lab server REST API', () => {
  it('lists the built-in labs', async () => {
    const r = await call('GET', '/api/catalog');
    expect(r.status).toBe(200);
    expect((r.json as unknown as { name: string }[]).map((l) => l.name)).toEqual(expect.arrayContaining(['add-peer', 'replication-conflict', 'factory-reset-trap']));
  });

  it('starts a lab from the catalog and shows its peers, clock and objectives', async () => {
    const lab = await newLab();
    expect(lab.links.student).toBe(`/#lab=${lab.id}&token=${lab.studentToken}`);
    const r = await call('GET', `/api/labs/${lab.id}`, { token: lab.studentToken });
    expect(r.status).toBe(200);
    expect(r.json!.role).toBe('student');
    expect(r.json!.clock.nowMs).toBeGreaterThanOrEqual(60_000);
    expect(r.json!.peers.map((p: { name: string; primary: boolean }) => [p.name, p.primary])).toEqual([['expc01', true], ['expc02', false], ['expc03', false]]);
    expect(r.json!.grade).toEqual({ met: 2, total: 5 });
    expect(r.json!.links).toBeUndefined();
    const trainer = await call('GET', `/api/labs/${lab.id}`, { token: lab.trainerToken });
    expect(trainer.json!.links).toEqual(lab.links);
  });

  it('shows the trainer, and only the trainer, the traps the lab holds armed, live', async () => {
    const lab = await newLab({ catalog: 'factory-reset-trap', running: false });
    const trainer = await call('GET', `/api/labs/${lab.id}`, { token: lab.trainerToken });
    expect(trainer.json!.armedTraps).toEqual(expect.arrayContaining([expect.objectContaining({
      trap: 'factory-reset', peer: 'expc02', title: 'Factory reset armed for the next restart', armedAt: expect.stringMatching(/^T\+/),
      disarm: expect.stringContaining('re-enter the Peer N addresses'),
    })]));
    expect((await call('GET', `/api/labs/${lab.id}`, { token: lab.studentToken })).json!.armedTraps).toBeUndefined();
    // The student re-enters the addresses: the trainer sees it undone, with both times.
    const set = { 'Alternates Peer 1 Address': '10.0.0.11', 'Alternates Peer 2 Address': '10.0.0.12', 'Alternates Peer 3 Address': '10.0.0.13' };
    expect((await call('POST', `/api/labs/${lab.id}/actions`, { token: lab.studentToken, body: { kind: 'page', peer: 'expc02', page: 'clustering', set } })).status).toBe(200);
    const after = await call('GET', `/api/labs/${lab.id}`, { token: lab.trainerToken });
    expect(after.json!.armedTraps).toEqual([expect.objectContaining({ trap: 'factory-reset', peer: 'expc02', disarmedAt: expect.stringMatching(/^T\+/) })]);
  });

  it('answers an unknown lab and a wrong token alike (404), and a student asking for a trainer action with 403', async () => {
    const lab = await newLab();
    expect((await call('GET', `/api/labs/${lab.id}`, { token: 'wrong' })).status).toBe(404);
    expect((await call('GET', `/api/labs/${lab.id}`)).status).toBe(404);
    expect((await call('GET', '/api/labs/nosuchlab', { token: lab.trainerToken })).json!.error.code).toBe('XTW_ERR_SERVER_NO_LAB');
    const fault = await call('POST', `/api/labs/${lab.id}/actions`, { token: lab.studentToken, body: { kind: 'fault', fault: { kind: 'power-loss', peer: 'expc02' } } });
    expect(fault.status).toBe(403);
    expect(fault.json!.error.message).toContain("only the trainer may use 'fault'");
    expect((await call('POST', `/api/labs/${lab.id}/clock`, { token: lab.studentToken, body: { running: true } })).status).toBe(403);
    expect((await call('DELETE', `/api/labs/${lab.id}`, { token: lab.studentToken })).status).toBe(403);
  });

  it('applies a page save and a tshell line, and shows the result on the peer\'s Clustering page', async () => {
    const lab = await newLab();
    const save = await call('POST', `/api/labs/${lab.id}/actions`, { token: lab.studentToken, body: { kind: 'page', peer: 'expc01', page: 'clustering', set: { 'Alternates Peer 3 Address': '10.0.0.13' } } });
    expect(save.status).toBe(200);
    expect(save.json!.output).toEqual(['Saved Alternates Peer 3 Address: "" -> "10.0.0.13"']);
    const cli = await call('POST', `/api/labs/${lab.id}/actions`, { token: lab.studentToken, body: { kind: 'tshell', peer: 'expc01', line: 'xStatus Cluster' } });
    expect(cli.json!.output.join('\n')).toContain('Address: "10.0.0.13"');
    const page = await call('GET', `/api/labs/${lab.id}/peers/expc01`, { token: lab.studentToken });
    const row = page.json!.pages.clustering.peers.find((p: { index: number }) => p.index === 3);
    expect(row.value).toBe('10.0.0.13');
    const log = await call('GET', `/api/labs/${lab.id}/peers/expc01/log?tail=5`, { token: lab.studentToken });
    expect(log.json!.lines.join('\n')).toContain('Alternates Peer 3 Address');
  });

  it('answers an action the product refuses with 422 and its words, and changes nothing', async () => {
    const lab = await newLab();
    const before = await call('GET', `/api/labs/${lab.id}`, { token: lab.trainerToken });
    const r = await call('POST', `/api/labs/${lab.id}/actions`, { token: lab.studentToken, body: { kind: 'page', peer: 'expc01', page: 'clustering', set: { 'Alternates Peer 3 Address': '10.0.0.999' } } });
    expect(r.status).toBe(422);
    expect(r.json!.error.message).toContain('10.0.0.999');
    const after = await call('GET', `/api/labs/${lab.id}`, { token: lab.trainerToken });
    expect(after.json!.entries).toBe(before.json!.entries);
    expect(server.labs.get(lab.id)!.lab.twin.observe('expc01').saved['Alternates Peer 3 Address']).toBe('');
  });

  it('runs the lab clock at ×speed on the wall clock, and stops it when paused', async () => {
    const lab = await newLab();
    const t0 = (await call('GET', `/api/labs/${lab.id}`, { token: lab.trainerToken })).json!.clock.nowMs as number;
    expect((await call('POST', `/api/labs/${lab.id}/clock`, { token: lab.trainerToken, body: { running: true, speed: 10 } })).status).toBe(200);
    wall += 2_000;
    server.labs.tick();
    const t1 = (await call('GET', `/api/labs/${lab.id}`, { token: lab.trainerToken })).json!.clock.nowMs as number;
    expect(t1 - t0).toBe(20_000);
    await call('POST', `/api/labs/${lab.id}/clock`, { token: lab.trainerToken, body: { running: false } });
    wall += 5_000;
    server.labs.tick();
    expect((await call('GET', `/api/labs/${lab.id}`, { token: lab.trainerToken })).json!.clock.nowMs).toBe(t1);
    expect((await call('POST', `/api/labs/${lab.id}/clock`, { token: lab.trainerToken, body: { running: true, speed: MAX_SPEED + 1 } })).status).toBe(400);
  });

  it('starts a lab from uploaded runbook text, and reports a bad one at file:line:col', async () => {
    const good = await newLab({ runbook: runbookText('procedures/create-cluster.yaml'), fileName: 'plan.yaml', running: false });
    expect((await call('GET', `/api/labs/${good.id}`, { token: good.trainerToken })).json!.objectives).toEqual([]);
    const bad = await call('POST', '/api/labs', { token: server.labs.classKey, body: { runbook: 'name: x\ntopology:\n  peers: []\nsteps:\n  - peer: expc09\n    restart: now\n', fileName: 'plan.yaml' } });
    expect(bad.status).toBe(400);
    expect(bad.json!.error.code).toBe('XTW_ERR_SERVER_BAD_RUNBOOK');
    expect(bad.json!.error.message).toMatch(/^plan\.yaml:\d+:\d+/m);
    const both = await call('POST', '/api/labs', { token: server.labs.classKey, body: { catalog: 'add-peer', runbook: 'x' } });
    expect(both.json!.error.message).toContain('exactly one of');
    const unknown = await call('POST', '/api/labs', { token: server.labs.classKey, body: { catalog: 'nope' } });
    expect(unknown.json!.error.message).toContain('known: add-peer');
  });

  it('answers hostile requests with a clear 4xx and stays up', async () => {
    const lab = await newLab();
    const url = `/api/labs/${lab.id}/actions`;
    const malformed = await call('POST', url, { token: lab.studentToken, raw: '{"kind": "tshell", ' });
    expect(malformed.status).toBe(400);
    expect(malformed.json!.error).toEqual({ code: 'XTW_ERR_SERVER_BAD_REQUEST', message: expect.stringContaining('not valid JSON') });
    const huge = await call('POST', '/api/labs', { token: server.labs.classKey, raw: JSON.stringify({ runbook: 'x'.repeat(400_000) }) });
    expect(huge.status).toBe(413);
    const tooLong = await call('POST', url, { token: lab.studentToken, body: { kind: 'wait', durationMs: 30 * 86_400_000 } });
    expect(tooLong.json!.error.code).toBe('XTW_ERR_SERVER_WAIT_TOO_LONG');
    const noKind = await call('POST', url, { token: lab.studentToken, body: { peer: 'expc01' } });
    expect(noKind.status).toBe(400);
    const unknownKind = await call('POST', url, { token: lab.studentToken, body: { kind: 'format-disk' } });
    expect(unknownKind.status).toBe(422);
    expect(unknownKind.json!.error.message).toContain('format-disk');
    const protoPollution = await call('POST', url, { token: lab.studentToken, raw: '{"kind":"page","peer":"expc01","page":"clustering","set":{"__proto__":{"x":1}}}' });
    expect(protoPollution.status).toBeGreaterThanOrEqual(400);
    expect((await call('GET', `/api/labs/${lab.id}/peers/../../etc/passwd`, { token: lab.studentToken })).status).toBe(404);
    expect((await call('GET', `/api/labs/${lab.id}/peers/expc09`, { token: lab.studentToken })).json!.error.message).toContain('peers: expc01, expc02, expc03');
    expect((await call('GET', '/api/nothing-here')).json!.error.code).toBe('XTW_ERR_SERVER_NOT_FOUND');
    expect((await call('GET', '/api/health')).json!.ok).toBe(true);
  });

  it('a bug met mid-action answers 500 and leaves the lab exactly as its log says', async () => {
    const lab = await newLab();
    const twin = () => server.labs.get(lab.id)!.lab.twin;
    const hash = twin().hash();
    const original = twin().restart.bind(twin());
    // A defect that changes the world and then throws something that is not a refusal.
    twin().restart = (name: string) => {
      original(name);
      throw new TypeError('defect');
    };
    const r = await call('POST', `/api/labs/${lab.id}/actions`, { token: lab.studentToken, body: { kind: 'restart', peer: 'expc02' } });
    expect(r.status).toBe(500);
    expect(r.json!.error).toEqual({ code: 'XTW_ERR_SERVER_INTERNAL', message: 'internal error; the lab is unchanged' });
    expect(twin().hash()).toBe(hash);
    expect(twin().observe('expc02').state).toBe('running');
    const again = await call('POST', `/api/labs/${lab.id}/actions`, { token: lab.studentToken, body: { kind: 'restart', peer: 'expc02' } });
    expect(again.status).toBe(200);
  });

  it('a fault inside the model (the test seam) answers 500 naming it, leaves the lab as its log says, and the trainer sees it', async () => {
    const lab = await newLab();
    const twin = () => server.labs.get(lab.id)!.lab.twin;
    const hash = twin().hash();
    const restart = { kind: 'restart', peer: 'expc02' };
    const r = await withLifecycleCrash(FORCED, () => call('POST', `/api/labs/${lab.id}/actions`, { token: lab.studentToken, body: restart }));
    expect(r.status).toBe(500);
    expect(r.json!.error.code).toBe('XTW_ERR_TWIN_MODEL_FAULT');
    expect(r.json!.error.message).toMatch(/the twin itself failed at T\+00:01:00\.000 on expc02 \(its lifecycle\): forced by the test seam .*The action was not applied: the lab was rebuilt from its log/);
    expect(twin().hash()).toBe(hash);
    expect(twin().modelFaults()).toEqual([]);
    expect(twin().observe('expc02').state).toBe('running');
    const seen = (await call('GET', `/api/labs/${lab.id}`, { token: lab.trainerToken })).json!;
    expect(seen.modelFault).toMatchObject({ peer: 'expc02', message: 'forced by the test seam', source: 'peer', by: 'student', during: 'expc02: Maintenance > Restart options > Restart' });
    expect(seen.modelFault.text).toMatch(/^the twin itself failed at T\+00:01:00\.000 on expc02 \(its lifecycle\), during expc02: Maintenance > Restart options > Restart \(student\): forced by the test seam; the lab was rebuilt from its log without it$/);
    expect((await call('GET', `/api/labs/${lab.id}`, { token: lab.studentToken })).json!.modelFault).toBeUndefined();
    expect((await call('POST', `/api/labs/${lab.id}/actions`, { token: lab.studentToken, body: restart })).status).toBe(200);
  });

  it('a fault met during a wait (the seam, as expc02 boots after its restart) answers 500; the change and the restart stay logged', async () => {
    const lab = await newLab();
    const act = (body: object) => call('POST', `/api/labs/${lab.id}/actions`, { token: lab.studentToken, body });
    expect((await act({ kind: 'tshell', peer: 'expc02', line: 'xConfiguration Ethernet 1 IP V4 Address: "10.0.0.22"' })).status).toBe(200);
    expect((await act({ kind: 'restart', peer: 'expc02' })).status).toBe(200);
    const before = server.labs.get(lab.id)!.lab;
    const at = before.twin.nowMs;
    const r = await withLifecycleCrash({ ...AT_BOOT, fromMs: at }, () => act({ kind: 'wait', durationMs: 600_000 }));
    expect(r.status).toBe(500);
    expect(r.json!.error.message).toMatch(/on expc02 \(its lifecycle\): forced by the test seam at boot/);
    const after = server.labs.get(lab.id)!.lab;
    expect(after.entries.map((e) => e.action.kind)).toEqual(['tshell', 'restart']);
    expect(after.twin.nowMs).toBe(at);
    expect(after.twin.observe('expc02').state).toBe('restarting');
    const seen = (await call('GET', `/api/labs/${lab.id}`, { token: lab.trainerToken })).json!;
    expect(seen.modelFault).toMatchObject({ peer: 'expc02', message: AT_BOOT.message, during: 'wait 600000 ms', by: 'student' });
  });

  it('rehearses a runbook: the report as HTML, JSON or text, with the run\'s verdict', async () => {
    const text = runbookText('procedures/add-peer.yaml');
    const html = await server.app.inject({ method: 'POST', url: '/api/rehearse', payload: { runbook: text, fileName: 'add-peer.yaml' } });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<svg');
    const json = await call('POST', '/api/rehearse?format=json', { body: { runbook: text } });
    expect(json.json!.passed).toBe(true);
    const broken = text.replace('is: Active }', 'is: Failed }');
    expect((await call('POST', '/api/rehearse?format=json', { body: { runbook: broken } })).json!.passed).toBe(false);
    const plain = await server.app.inject({ method: 'POST', url: '/api/rehearse?format=text', payload: { runbook: broken } });
    expect(plain.body).toContain('Failed');
  });

  it('refuses uploads that would keep the server busy too long, saying which bound', async () => {
    const days = runbookText('procedures/create-cluster.yaml').replace(/steps:\n/, 'steps:\n  - wait: 100h\n');
    const r = await call('POST', '/api/rehearse', { body: { runbook: days, fileName: 'long.yaml' } });
    expect(r.status).toBe(400);
    expect(r.json!.error.message).toBe('long.yaml: its waits add up to 100 h; the server runs at most 48 h (use xtwin run for more)');
    expect((await call('POST', '/api/labs', { token: server.labs.classKey, body: { runbook: days, fileName: 'long.yaml' } })).json!.error.code).toBe('XTW_ERR_SERVER_RUNBOOK_TOO_BIG');
  });

  it('lists the class for the class key only, which also opens any lab as trainer', async () => {
    const lab = await newLab({ catalog: 'replication-conflict', running: false, label: 'Alice, desk 4' });
    expect((await call('GET', '/api/labs')).status).toBe(404);
    expect((await call('GET', '/api/labs', { token: lab.trainerToken })).status).toBe(404);
    const list = await call('GET', '/api/labs', { token: server.labs.classKey });
    const row = (list.json as unknown as { id: string; label: string; grade: { met: number; total: number } }[]).find((l) => l.id === lab.id)!;
    expect(row.label).toBe('Alice, desk 4');
    expect(row.grade).toEqual({ met: 1, total: 3 });
    expect((await call('GET', `/api/labs/${lab.id}`, { token: server.labs.classKey })).json!.role).toBe('trainer');
  });

  it('deletes a lab for the trainer', async () => {
    const lab = await newLab();
    expect((await call('DELETE', `/api/labs/${lab.id}`, { token: lab.trainerToken })).status).toBe(204);
    expect((await call('GET', `/api/labs/${lab.id}`, { token: lab.trainerToken })).status).toBe(404);
  });

  it('publishes an OpenAPI document that lists every route', async () => {
    const r = await call('GET', '/api/openapi.json');
    expect(r.json!.openapi).toMatch(/^3\./);
    expect(Object.keys(r.json!.paths)).toEqual(expect.arrayContaining(['/api/labs', '/api/labs/{id}', '/api/labs/{id}/actions', '/api/labs/{id}/clock', '/api/labs/{id}/peers/{peer}', '/api/catalog']));
  });
});
