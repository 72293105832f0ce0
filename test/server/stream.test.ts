// The lab's websockets over real sockets (the `ws` client): the event stream delivers what an
// action caused, the terminal speaks tshell, and a wrong token is turned away with a close code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { MAX_WATCHERS_PER_LAB } from '../../src/server/limits.js';

let server: RunningServer;
let lab: { id: string; studentToken: string; trainerToken: string };

beforeAll(async () => {
  server = await startServer({ dbFile: ':memory:', httpPort: 0, tick: false });
  const created = server.labs.create({ ...server.catalog.find((c) => c.name === 'add-peer')!, running: false });
  if (!created.ok) throw new Error(created.message);
  lab = { id: created.view.meta.id, studentToken: created.view.meta.studentToken, trainerToken: created.view.meta.trainerToken };
});
afterAll(() => server.close());

const wsUrl = (path: string) => `${server.url.replace('http', 'ws')}${path}`;

/** Collects a socket's messages until `done` says enough, or the socket closes. */
function collect(socket: WebSocket, done: (messages: string[]) => boolean): Promise<{ messages: string[]; close?: { code: number; reason: string } }> {
  const messages: string[] = [];
  return new Promise((resolve) => {
    socket.on('message', (data) => {
      messages.push(data.toString());
      if (done(messages)) resolve({ messages });
    });
    socket.on('close', (code, reason) => resolve({ messages, close: { code, reason: reason.toString() } }));
  });
}

describe('lab websockets', () => {
  it('streams the events an action causes: a restart shows up as lifecycle events', async () => {
    const socket = new WebSocket(wsUrl(`/api/labs/${lab.id}/stream?token=${lab.studentToken}`));
    const got = collect(socket, (m) => m.some((x) => x.includes('"events"') && x.includes('expc03')));
    // The server says hello once it is watching the lab.
    await new Promise((r) => socket.once('message', r));
    const res = await fetch(`${server.url}/api/labs/${lab.id}/actions`, {
      method: 'POST', headers: { authorization: `Bearer ${lab.studentToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'restart', peer: 'expc03' }),
    });
    expect(res.status).toBe(200);
    const { messages } = await got;
    socket.close();
    expect(JSON.parse(messages[0]!).type).toBe('hello');
    const batch = messages.map((m) => JSON.parse(m)).find((m) => m.type === 'events');
    expect(batch.events.some((e: { source: string }) => e.source === 'expc03')).toBe(true);
    expect(batch.nowMs).toBe(server.labs.get(lab.id)!.lab.twin.nowMs);
  });

  it('a terminal on a peer answers tshell lines and logs them in the lab', async () => {
    const socket = new WebSocket(wsUrl(`/api/labs/${lab.id}/terminal?peer=expc01&token=${lab.studentToken}`));
    const got = collect(socket, (m) => m.join('').includes('*s/end'));
    await new Promise((r) => socket.once('open', r));
    socket.send('xStatus Cluster\r');
    const { messages } = await got;
    socket.close();
    const screen = messages.join('');
    expect(screen).toContain('xtwin:expc01> ');
    expect(screen).toContain('Name: "cluster.example.com"');
  });

  it('the browser terminal edits like SSH: ← and typing mid-line, Tab completes, a resize frame is not typed into the line', async () => {
    const socket = new WebSocket(wsUrl(`/api/labs/${lab.id}/terminal?peer=expc01&token=${lab.studentToken}`));
    let screen = '';
    let heard: (() => void) | undefined;
    socket.on('message', (data) => {
      screen += data.toString();
      heard?.();
    });
    /** One key, then wait until the screen answers (so the editor sees keystrokes, not a paste). */
    const press = (key: string) => new Promise<void>((done) => {
      const before = screen.length;
      const timer = setTimeout(done, 2_000);
      heard = () => {
        if (screen.length > before) (clearTimeout(timer), done());
      };
      socket.send(key);
    });
    await new Promise((r) => socket.once('message', r));
    socket.send(Buffer.from(JSON.stringify({ cols: 60 })), { binary: true });
    for (const key of [...'xSt', '\t', ...' Clustr', '\x1b[D', 'e', '\r']) await press(key);
    await new Promise<void>((done) => {
      const timer = setTimeout(done, 5_000);
      heard = () => screen.includes('*s/end') && (clearTimeout(timer), done());
      heard();
    });
    socket.close();
    expect(screen).toContain('*s Cluster: /');
    expect(screen).not.toContain('Unknown command');
  });

  it('a restart of the peer from elsewhere drops an idle terminal, as a real restart drops SSH', async () => {
    const socket = new WebSocket(wsUrl(`/api/labs/${lab.id}/terminal?peer=expc02&token=${lab.studentToken}`));
    const got = collect(socket, () => false);
    await new Promise((r) => socket.once('message', r));
    const res = await fetch(`${server.url}/api/labs/${lab.id}/actions`, {
      method: 'POST', headers: { authorization: `Bearer ${lab.trainerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'restart', peer: 'expc02' }),
    });
    expect(res.status).toBe(200);
    const { messages, close } = await got;
    expect(messages.join('')).toContain('Connection to expc02 closed by remote host.');
    expect(close?.code).toBe(1000);
  });

  it(`turns away a watcher beyond ${MAX_WATCHERS_PER_LAB} on one lab with 4429, and frees the place when one leaves`, async () => {
    const url = wsUrl(`/api/labs/${lab.id}/stream?token=${lab.trainerToken}`);
    const open = await Promise.all(Array.from({ length: MAX_WATCHERS_PER_LAB }, async () => {
      const socket = new WebSocket(url);
      await new Promise((r) => socket.once('message', r));
      return socket;
    }));
    const { close } = await collect(new WebSocket(url), () => false);
    expect(close?.code).toBe(4429);
    open[0]!.close();
    await new Promise((r) => open[0]!.once('close', r));
    // The server hears of the close a moment after the client: try until the place is free.
    let again: WebSocket | undefined;
    for (let tries = 0; tries < 50 && !again; tries++) {
      const socket = new WebSocket(url);
      const { messages } = await collect(socket, (m) => m.length > 0);
      if (messages[0] && JSON.parse(messages[0]).type === 'hello') again = socket;
    }
    expect(again).toBeDefined();
    for (const s of [...open, again!]) s.close();
  });

  it('turns away a wrong token, an unknown peer and a bad account with a close code', async () => {
    const cases = [
      [`/api/labs/${lab.id}/stream?token=wrong`, 4404],
      [`/api/labs/${lab.id}/terminal?peer=expc09&token=${lab.studentToken}`, 4400],
      [`/api/labs/${lab.id}/terminal?peer=expc01&account=superuser&token=${lab.studentToken}`, 4400],
    ] as const;
    for (const [path, code] of cases) {
      const { close } = await collect(new WebSocket(wsUrl(path)), () => false);
      expect(close?.code, path).toBe(code);
    }
  });
});
