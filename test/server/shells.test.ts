// A lab terminal follows its lab: when the lab is rebuilt from its log (a model fault met by an
// action, a failed write undone), the twin it reads is the rebuilt one, not the abandoned one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { openLabTerminal } from '../../src/server/shells.js';
import { FORCED, withLifecycleCrash } from '../helpers/modelFault.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ dbFile: ':memory:', httpPort: 0, tick: false, wallNow: () => 0 });
});
afterAll(() => server.close());

describe('a terminal opened before its lab is rebuilt', () => {
  it.each(['admin', 'root'] as const)('%s: sees the peer go down in the rebuilt twin and closes, as SSH does', (account) => {
    const entry = server.catalog.find((c) => c.name === 'add-peer')!;
    const created = server.labs.create({ ...entry, running: false });
    if (!created.ok) throw new Error(created.message);
    const id = created.view.meta.id;
    let screen = '';
    let closed = false;
    const opened = openLabTerminal(server.labs, { labId: id, role: 'student', peer: 'expc01', account }, { write: (t) => (screen += t), close: () => (closed = true) }, { pty: false, watch: true });
    if (!opened.ok) throw new Error(opened.message);
    opened.terminal.start();
    const before = server.labs.get(id)!.lab.twin;

    // A model fault on an action on another peer: the lab is rebuilt from its log, with a new twin.
    const faulted = withLifecycleCrash(FORCED, () => server.labs.act(id, 'student', { kind: 'restart', peer: 'expc02' }));
    expect(faulted.ok).toBe(false);
    expect(server.labs.get(id)!.lab.twin).not.toBe(before);
    expect(closed).toBe(false);

    // The terminal's own peer restarts in the rebuilt twin (the abandoned one never sees it).
    expect(server.labs.act(id, 'student', { kind: 'restart', peer: 'expc01' }).ok).toBe(true);
    expect(before.observe('expc01').serving).toBe(true);
    opened.terminal.poll();
    expect(closed).toBe(true);
    expect(screen).toMatch(/closed by remote host/i);
    opened.stop();
  });
});
