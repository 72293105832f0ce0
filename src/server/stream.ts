/**
 * The lab's websockets: `/api/labs/:id/stream` pushes batches of trace events (alarms raised and
 * cleared, lifecycle changes, links, actions) as they happen, so the browser redraws without
 * polling; `/api/labs/:id/terminal?peer=…&account=admin|root` is a terminal on a peer (the same
 * Terminal the SSH endpoint uses). The token comes as `?token=`, browsers cannot set headers here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { authorize } from './api.js';
import { visibleEvents } from './visibility.js';
import type { LabManager } from './labs.js';
import { MAX_TERMINAL_INPUT } from './limits.js';
import { ACCOUNTS, openLabTerminal, type Account } from './shells.js';
import type { Terminal } from './terminal.js';

export { MAX_TERMINAL_INPUT } from './limits.js';

/** Websocket close codes: 4404 no such lab or token, 4400 bad request, 4429 too many watchers. */
export function registerStreams(app: FastifyInstance, labs: LabManager): void {
  app.get('/api/labs/:id/stream', { websocket: true }, (socket: WebSocket, req: FastifyRequest) => {
    const auth = authorize(labs, req);
    if (!auth.ok) return socket.close(4404, auth.message.slice(0, 120));
    const id = auth.view.meta.id;
    const stop = labs.watch(id, (batch) => {
      if (socket.readyState !== socket.OPEN) return;
      // The trainer may show or hide faults while the socket is open: the lab's setting now decides.
      const meta = labs.get(id)?.meta ?? auth.view.meta;
      socket.send(JSON.stringify({ type: 'events', ...batch, events: visibleEvents(auth.role, meta, batch.events) }));
    });
    if (!stop) return socket.close(4429, 'too many watchers on this lab');
    socket.send(JSON.stringify({ type: 'hello', nowMs: auth.view.lab.twin.nowMs }));
    socket.on('close', stop);
  });

  app.get('/api/labs/:id/terminal', { websocket: true }, (socket: WebSocket, req: FastifyRequest) => {
    const auth = authorize(labs, req);
    if (!auth.ok) return socket.close(4404, auth.message.slice(0, 120));
    const query = req.query as { peer?: string; account?: string };
    const peer = query.peer ?? '';
    const account = (query.account ?? 'admin') as Account;
    if (!ACCOUNTS.includes(account)) return socket.close(4400, `account must be one of ${ACCOUNTS.join(', ')}`);
    const opened = openLabTerminal(labs, { labId: auth.view.meta.id, role: auth.role, peer, account }, {
      write: (text) => socket.readyState === socket.OPEN && socket.send(text),
      close: () => socket.close(1000, 'session ended'),
    }, { pty: true, watch: true });
    if (!opened.ok) return socket.close(opened.reason === 'too-many-watchers' ? 4429 : 4400, opened.message);
    const { terminal, stop } = opened;
    // Text frames are keystrokes; a binary frame is a control message from the page: {"cols": N}.
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (data.length > MAX_TERMINAL_INPUT) return;
      if (isBinary) return resizeFrom(terminal, data);
      terminal.input(data.toString());
    });
    socket.on('close', stop);
    terminal.start();
  });
}

function resizeFrom(terminal: Terminal, data: Buffer): void {
  try {
    const message = JSON.parse(data.toString('utf8')) as { cols?: unknown };
    if (typeof message.cols === 'number') terminal.resize(message.cols);
  } catch {
    // not a control message: ignored, like any key the terminal does not know
  }
}
