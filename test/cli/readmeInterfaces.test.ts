// README.md's "Point your tools at the twin", run as written against a served lab: its curl and
// snmpget lines (with the lab's port and token put in for 40000 and TOKEN) and its tshell lines
// (with this test's syslog receiver's port for 5514) — so an example that stops working fails here.
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { ROOT } from '../arch/sources.js';
import { requireRealPart } from '../helpers/realParts.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SECTION = /## Point your tools at the twin\n([\s\S]*?)\n## /.exec(README)?.[1] ?? '';
const block = (lang: string) => [...SECTION.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].flatMap((m) => m[1]!.split('\n')).map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
const shell = block('sh');
const tshell = block('text');

const haveTools = requireRealPart('/usr/bin/curl', 'apt-get install curl', 'test/cli/readmeInterfaces.test.ts')
  && requireRealPart('/usr/bin/snmpget', 'apt-get install snmp', 'test/cli/readmeInterfaces.test.ts');

const BASE = 45_100 + (process.pid % 300) * 5;
let server: RunningServer;
let port: number;
let token: string;
let labId: string;
const received: string[] = [];
const receiver = createSocket('udp4').on('message', (m) => received.push(m.toString()));

beforeAll(async () => {
  server = await startServer({ dbFile: ':memory:', httpPort: 0, tick: false, peerPorts: { from: BASE, to: BASE + 4 } });
  const created = server.labs.create({ ...server.catalog.find((c) => c.name === 'add-peer')!, running: false });
  if (!created.ok) throw new Error(created.message);
  labId = created.view.meta.id;
  token = created.view.meta.studentToken;
  await server.peers!.sync();
  port = Number(new URL(server.peers!.addresses(labId).find((a) => a.peer === 'expc01')!.https).port);
  await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  receiver.close();
  await server?.close();
});

function bash(command: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => execFile('bash', ['-c', command], { timeout: 20_000 }, (e, out, err) => resolve({ code: e ? Number(e.code ?? -1) : 0, out, err })));
}

describe.runIf(haveTools)('README: Point your tools at the twin', () => {
  it('has one example per interface: curl XML, curl REST, snmpget, syslog settings', () => {
    expect(shell.map((l) => l.split(' ')[0])).toEqual(['curl', 'curl', 'snmpget']);
    expect(tshell.some((l) => l.startsWith('xConfiguration Logging Server 1 Address'))).toBe(true);
  });

  it('the tshell lines are accepted by expc01', () => {
    for (const line of tshell) {
      const r = server.labs.act(labId, 'student', { kind: 'tshell', peer: 'expc01', line: line.replace('5514', String(receiver.address().port)) });
      expect(r.ok && r.result.ok, line).toBe(true);
    }
  });

  it('the curl and snmpget lines work as written', async () => {
    await server.peers!.sync();
    const answers: string[] = [];
    for (const line of shell) {
      const r = await bash(line.replaceAll('40000', String(port)).replaceAll('TOKEN', token));
      expect(r.code, `${line}\n${r.err}`).toBe(0);
      answers.push(r.out);
    }
    expect(answers[0]).toContain('<Warnings item="1"');
    expect(JSON.parse(answers[1]!)).toEqual(expect.objectContaining({ index: 1 }));
    expect(answers[2]).toMatch(/5596\.130\.6\.4\.1/);
  });

  it('expc01 sends its next log lines to the receiver, in IETF format', async () => {
    received.length = 0;
    expect(server.labs.act(labId, 'student', { kind: 'restart', peer: 'expc01', mode: 'restart' }).ok).toBe(true);
    expect(server.labs.act(labId, 'student', { kind: 'wait', durationMs: 5 * 60_000 }).ok).toBe(true);
    const deadline = Date.now() + 5_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(received.length).toBeGreaterThan(0);
    for (const line of received) expect(line).toMatch(/^<\d+>1 \S+ expc01 /);
  });
});
