// Every peer of a served lab as a host of its own (issue #17): real clients — curl, Node's https
// client, Debian's snmpget/snmpwalk, a syslog receiver on loopback — against the per-peer listeners
// of a running lab server. A REST change lands in the lab's log and survives a restart.
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import type { PeerAddress } from '../../src/server/peerEndpoints.js';
import { tlsIdentity } from '../../src/server/tlsIdentity.js';
import { requireRealPart } from '../helpers/realParts.js';

const CURL = '/usr/bin/curl';
const SNMPGET = '/usr/bin/snmpget';
const haveCurl = requireRealPart(CURL, 'apt-get install curl', 'test/server/peerInterfaces.test.ts');
const haveSnmp = requireRealPart(SNMPGET, 'apt-get install snmp', 'test/server/peerInterfaces.test.ts');

/** A range of its own per test process, so parallel runs on one machine do not meet. */
const BASE = 42_000 + (process.pid % 300) * 10;
const PORTS = { from: BASE, to: BASE + 9 };

let dir: string;
let server: RunningServer;
let lab: { id: string; studentToken: string; trainerToken: string };
let peers: PeerAddress[];

async function serve(): Promise<RunningServer> {
  return startServer({ dbFile: join(dir, 'labs.db'), httpPort: 0, tick: false, peerPorts: PORTS });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xtwin-ifaces-'));
  server = await serve();
  await server.restored;
  const created = server.labs.create({ ...server.catalog.find((c) => c.name === 'add-peer')!, running: false });
  if (!created.ok) throw new Error(created.message);
  lab = { id: created.view.meta.id, studentToken: created.view.meta.studentToken, trainerToken: created.view.meta.trainerToken };
  await server.peers!.sync();
  peers = server.peers!.addresses(lab.id);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(file: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 20_000 }, (error, out, err) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out, err }));
  });
}

/** Node's https client, trusting only the server's own certificate (so its name and chain are checked). */
function https(url: string, options: { method?: string; auth?: string; body?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method ?? 'GET', ca: server.peerCertificate!, agent: false, ...(options.auth ? { auth: options.auth } : {}),
      headers: options.body ? { 'Content-Type': 'application/json' } : {},
    }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", (e) => reject(new Error(`${options.method ?? "GET"} ${url}: ${e.message}`)));
    req.end(options.body);
  });
}

const peer = (name: string) => peers.find((p) => p.peer === name)!;

describe('per-peer HTTPS listeners', () => {
  it('every peer of the lab has its own address from the range, in the lab JSON too', async () => {
    expect(peers.map((p) => p.peer)).toEqual(['expc01', 'expc02', 'expc03']);
    const ports = peers.map((p) => Number(new URL(p.https).port));
    expect(new Set(ports).size).toBe(3);
    for (const port of ports) expect(port).toBeGreaterThanOrEqual(PORTS.from), expect(port).toBeLessThanOrEqual(PORTS.to);
    const res = await server.app.inject({ method: 'GET', url: `/api/labs/${lab.id}`, headers: { authorization: `Bearer ${lab.studentToken}` } });
    expect(res.json().interfaces).toEqual(peers);
  });

  it.runIf(haveCurl)('curl: 401 with the product realm without credentials, status.xml with the lab token', async () => {
    const denied = await run(CURL, ['-sk', '-i', `${peer('expc01').https}/status.xml`]);
    expect(denied.out).toMatch(/^HTTP\/1\.1 401/);
    expect(denied.out).toMatch(/WWW-Authenticate: Basic realm="TANDBERG Video Communication Server [0-9A-F]{8}"/);
    const wrong = await run(CURL, ['-sk', '-o', '/dev/null', '-w', '%{http_code}', '-u', `admin:${lab.studentToken}x`, `${peer('expc01').https}/status.xml`]);
    expect(wrong.out).toBe('401');
    const ok = await run(CURL, ['-sk', '-u', `admin:${lab.studentToken}`, `${peer('expc02').https}/getxml?location=/Status/SystemUnit/`]);
    expect(ok.out).toContain('<Status xmlns="http://www.tandberg.no/XML/CUIL/1.0" product="TANDBERG VCS"');
    expect(ok.out).toMatch(/<Uptime item="1">\d+<\/Uptime>/);
    const bad = await run(CURL, ['-sk', '-u', `admin:${lab.studentToken}`, `${peer('expc02').https}/getxml?location=/Status/NoSuchThing`]);
    expect(bad.out).toContain('<XPathError');
  });

  it('Node https (certificate checked): REST sysinfo per peer; a REST change is a lab action, stored and replayed after a restart', async () => {
    const auth = `admin:${lab.trainerToken}`;
    const info = await https(`${peer('expc03').https}/api/provisioning/sysinfo`, { auth });
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ SystemHostName: 'expc03', ProductName: 'TANDBERG VCS' });
    const before = server.labs.get(lab.id)!.lab.entries.length;
    const added = await https(`${peer('expc01').https}/api/v1/provisioning/common/time/ntpserver`, { method: 'POST', auth, body: JSON.stringify({ index: 3, Address: 'ntp3.example.com' }) });
    expect(added.status, added.body).toBe(200);
    expect(JSON.parse(added.body)).toEqual({ Message: 'The operation was successful' });
    expect(server.labs.get(lab.id)!.lab.entries.length).toBe(before + 1);
    const invalid = await https(`${peer('expc01').https}/api/provisioning/common/time/ntpserver`, { method: 'POST', auth, body: '{"index": 9, "Address": "x"}' });
    expect(invalid.status).toBe(400);
    expect(server.labs.get(lab.id)!.lab.entries.length).toBe(before + 1);

    await server.close();
    server = await serve();
    await server.restored;
    peers = server.peers!.addresses(lab.id);
    expect(peers).toHaveLength(3);
    const listed = await https(`${peer('expc01').https}/api/provisioning/common/time/ntpserver`, { auth });
    expect(JSON.parse(listed.body)).toContainEqual(expect.objectContaining({ index: 3, Address: 'ntp3.example.com' }));
  });

  it('a peer that is powered off refuses the connection; its listener answers again once it serves', async () => {
    expect(server.labs.act(lab.id, 'trainer', { kind: 'power', peer: 'expc02', on: false }).ok).toBe(true);
    await expect(https(`${peer('expc02').https}/status.xml`, { auth: `admin:${lab.studentToken}` })).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(server.labs.act(lab.id, 'trainer', { kind: 'power', peer: 'expc02', on: true }).ok).toBe(true);
    expect(server.labs.act(lab.id, 'trainer', { kind: 'wait', durationMs: 10 * 60_000 }).ok).toBe(true);
    expect((await https(`${peer('expc02').https}/status.xml`, { auth: `admin:${lab.studentToken}` })).status).toBe(200);
  });
});

describe.runIf(haveSnmp)('per-peer SNMP agent (Debian snmpget/snmpwalk)', () => {
  const tshell = (line: string) => expect(server.labs.act(lab.id, 'trainer', { kind: 'tshell', peer: 'expc01', line }).ok).toBe(true);

  it('answers nothing while System > SNMP is Disabled (the default)', async () => {
    const r = await run(SNMPGET, ['-v2c', '-c', 'public', '-t', '1', '-r', '0', peer('expc01').snmp, '1.3.6.1.2.1.1.2.0']);
    expect(r.code).not.toBe(0);
    expect(r.err + r.out).toMatch(/Timeout/);
  });

  it('v2c with the configured community: sysObjectID, sysName, sysContact; a wrong community gets nothing', async () => {
    tshell('xConfiguration SNMP Mode: v2c');
    tshell('xConfiguration SNMP CommunityName: "lab-ro"');
    tshell('xConfiguration SNMP SystemLocation: "Rack 4"');
    await server.peers!.sync();
    const r = await run(SNMPGET, ['-v2c', '-c', 'lab-ro', '-On', '-t', '2', '-r', '1', peer('expc01').snmp, '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.4.0', '1.3.6.1.2.1.1.6.0', '1.3.6.1.2.1.1.3.0']);
    expect(r.err).toBe('');
    expect(r.out).toContain('.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.5596.130.6.4.1');
    expect(r.out).toContain('.1.3.6.1.2.1.1.5.0 = STRING: "expc01"');
    expect(r.out).toContain('.1.3.6.1.2.1.1.4.0 = STRING: "Administrator"');
    expect(r.out).toContain('.1.3.6.1.2.1.1.6.0 = STRING: "Rack 4"');
    expect(r.out).toMatch(/\.1\.3\.6\.1\.2\.1\.1\.3\.0 = Timeticks: \(\d+\)/);
    const wrong = await run(SNMPGET, ['-v2c', '-c', 'public', '-t', '1', '-r', '0', peer('expc01').snmp, '1.3.6.1.2.1.1.2.0']);
    expect(wrong.code).not.toBe(0);
    // expc02 has its own settings (peer-specific, AG-CLU): still disabled.
    const other = await run(SNMPGET, ['-v2c', '-c', 'lab-ro', '-t', '1', '-r', '0', peer('expc02').snmp, '1.3.6.1.2.1.1.2.0']);
    expect(other.code).not.toBe(0);
  });

  it('snmpwalk of MIB-II: the system group and the interfaces table', async () => {
    const r = await run('/usr/bin/snmpwalk', ['-v2c', '-c', 'lab-ro', '-On', '-t', '2', '-r', '1', peer('expc01').snmp, '1.3.6.1.2.1']);
    expect(r.out).toContain('.1.3.6.1.2.1.1.1.0 = STRING: "TANDBERG Video Communication Server X');
    expect(r.out).toContain('.1.3.6.1.2.1.2.1.0 = INTEGER: 1');
    expect(r.out).toContain('.1.3.6.1.2.1.2.2.1.2.1 = STRING: "eth0"');
    expect(r.out).toMatch(/\.1\.3\.6\.1\.2\.1\.2\.2\.1\.6\.1 = Hex-STRING: 00 50 56/);
  });

  it('v3 with a SHA/AES user (authPriv); a wrong password is refused', async () => {
    tshell('xConfiguration SNMP Mode: v3');
    tshell('xConfiguration SNMP V3UserName: "VCS"');
    tshell('xConfiguration SNMP V3AuthenticationPassword: "auth-secret-1"');
    tshell('xConfiguration SNMP V3PrivacyPassword: "priv-secret-1"');
    await server.peers!.sync();
    const v3 = (auth: string) => run(SNMPGET, ['-v3', '-l', 'authPriv', '-u', 'VCS', '-a', 'SHA', '-A', auth, '-x', 'AES', '-X', 'priv-secret-1', '-On', '-t', '2', '-r', '0', peer('expc01').snmp, '1.3.6.1.2.1.1.2.0']);
    const ok = await v3('auth-secret-1');
    expect(ok.err).toBe('');
    expect(ok.out).toContain('.1.3.6.1.4.1.5596.130.6.4.1');
    expect((await v3('wrong-secret-1')).code).not.toBe(0);
    const v2 = await run(SNMPGET, ['-v2c', '-c', 'lab-ro', '-t', '1', '-r', '0', peer('expc01').snmp, '1.3.6.1.2.1.1.2.0']);
    expect(v2.code).not.toBe(0);
  });
});

describe('syslog forwarding to a receiver on loopback', () => {
  it('Legacy BSD over UDP and IETF over TCP, tvcs program names, from the peer\'s own log lines', async () => {
    const udpLines: string[] = [];
    const tcpLines: string[] = [];
    const udp = createSocket('udp4').on('message', (m) => udpLines.push(m.toString()));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    let tcpBuffer = '';
    const tcp = createTcpServer((s) => s.on('data', (d) => {
      tcpBuffer += d.toString();
      const parts = tcpBuffer.split('\n');
      tcpBuffer = parts.pop()!;
      tcpLines.push(...parts);
    }));
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    try {
      const set = (line: string) => expect(server.labs.act(lab.id, 'trainer', { kind: 'tshell', peer: 'expc01', line }).ok).toBe(true);
      set('xConfiguration Logging Server 1 Address: "127.0.0.1"');
      set(`xConfiguration Logging Server 1 Port: ${(udp.address()).port}`);
      set('xConfiguration Logging Server 2 Address: "127.0.0.1"');
      set('xConfiguration Logging Server 2 Transport: TCP');
      set('xConfiguration Logging Server 2 Format: IETF');
      set('xConfiguration Logging Server 2 Severity: Debug');
      set(`xConfiguration Logging Server 2 Port: ${(tcp.address() as { port: number }).port}`);
      // The settings' own change lines went to server 1 only; count from here on, where both are set.
      await new Promise((r) => setTimeout(r, 200));
      udpLines.length = 0;
      tcpLines.length = 0;
      // Lines the peer writes from now on: a restart logs its shutdown and start.
      expect(server.labs.act(lab.id, 'trainer', { kind: 'restart', peer: 'expc01', mode: 'restart' }).ok).toBe(true);
      expect(server.labs.act(lab.id, 'trainer', { kind: 'wait', durationMs: 10 * 60_000 }).ok).toBe(true);
      const deadline = Date.now() + 5_000;
      // Debug on TCP lets through at least what Informational does on UDP; the stream may still be flushing.
      while ((udpLines.length === 0 || tcpLines.length < udpLines.length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const logged = server.labs.get(lab.id)!.lab.twin.logLines('expc01');
      expect(udpLines.length).toBeGreaterThan(0);
      for (const line of udpLines) expect(line).toMatch(/^<\d{2,3}>[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} expc01 /);
      expect(udpLines.some((l) => /^<166>.* expc01 tvcs: tvcs: /.test(l))).toBe(true);
      // IETF (RFC 5424): version 1, the collector's timestamp, host, APP-NAME, the line after its host.
      expect(tcpLines.length).toBeGreaterThanOrEqual(udpLines.length);
      for (const line of tcpLines) expect(line).toMatch(/^<\d{2,3}>1 \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2} expc01 \S+ \S+ - - /);
      for (const line of tcpLines) expect(logged.some((l) => line.endsWith(l.slice(l.indexOf(' expc01 ') + 8)))).toBe(true);
    } finally {
      udp.close();
      tcp.close();
    }
  });
});

describe('syslog over TLS', () => {
  it('IETF syslog over TLS reaches a TLS receiver (the transport of "IETF syslog using TLS", port 6514 on the product)', async () => {
    const identity = await tlsIdentity({});
    const lines: string[] = [];
    const receiver = createTlsServer({ cert: identity.cert, key: identity.key }, (s) => s.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean))));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const set = (line: string) => expect(server.labs.act(lab.id, 'trainer', { kind: 'tshell', peer: 'expc03', line }).ok).toBe(true);
      set('xConfiguration Logging Server 4 Address: "127.0.0.1"');
      set('xConfiguration Logging Server 4 Transport: TLS');
      set('xConfiguration Logging Server 4 Format: IETF');
      set(`xConfiguration Logging Server 4 Port: ${(receiver.address() as { port: number }).port}`);
      set('xConfiguration SystemUnit Name: "expc03-renamed"');
      const deadline = Date.now() + 5_000;
      while (!lines.some((l) => l.includes('expc03-renamed')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(lines.find((l) => l.includes('expc03-renamed'))).toMatch(/^<\d+>1 \S+ expc03 \S+ \S+ - - .*Event="System Configuration Changed"/);
    } finally {
      receiver.close();
    }
  });
});

describe('ports are released with the lab', () => {
  it('a lab started over the API answers with its peers\' addresses; ending it over the API gives them back', async () => {
    const created = await server.app.inject({ method: 'POST', url: '/api/labs', headers: { authorization: `Bearer ${server.labs.classKey}` }, payload: { catalog: 'enforce-tls', running: false } });
    expect(created.statusCode).toBe(201);
    const { id, trainerToken, interfaces } = created.json() as { id: string; trainerToken: string; interfaces: PeerAddress[] };
    expect(interfaces.length).toBeGreaterThan(0);
    const taken = new Set(peers.map((p) => p.https));
    for (const a of interfaces) expect(taken.has(a.https)).toBe(false);
    const ended = await server.app.inject({ method: 'DELETE', url: `/api/labs/${id}`, headers: { authorization: `Bearer ${trainerToken}` } });
    expect(ended.statusCode).toBe(204);
    await expect(https(`${interfaces[0]!.https}/status.xml`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('ending the lab closes its listeners', async () => {
    const url = peer('expc01').https;
    expect(server.labs.remove(lab.id)).toMatchObject({ ok: true });
    await server.peers!.sync();
    expect(server.peers!.addresses(lab.id)).toEqual([]);
    await expect(https(`${url}/status.xml`)).rejects.toThrow(/ECONNREFUSED/);
  });
});

