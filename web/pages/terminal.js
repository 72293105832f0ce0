/**
 * A terminal on the peer (xterm.js over ws /api/labs/:id/terminal): the admin account's tshell or
 * root's bash, the same session SSH gives. Keystrokes go out as text frames, the server echoes and
 * edits the line (arrows, Home/End, Tab completion), and every frame received is written to the
 * screen. The screen's width goes out as a binary frame {"cols": N} so long lines wrap right. xterm.js is loaded by
 * index.html as classic scripts (globalThis.Terminal, globalThis.FitAddon), so no module here
 * imports anything outside web/.
 */
import { fill, h, uid } from '../dom.js';
import { wsUrl } from '../api.js';

const ACCOUNTS = ['admin', 'root'];
const THEME = { background: '#0d1b2a', foreground: '#d8dee9', cursor: '#8fd694' };

export function terminalPage({ labId, token, peer }) {
  const accountId = uid('account');
  const account = h('select', { id: accountId }, ACCOUNTS.map((a) => h('option', { value: a }, a)));
  const state = h('span', { class: 'term-state', role: 'status' });
  const reconnect = h('button', { type: 'button', hidden: true }, 'Reconnect');
  const screen = h('div', { class: 'term-screen' });
  const el = h('div', { class: 'page terminal' },
    h('div', { class: 'term-bar' }, h('label', { for: accountId }, 'Account'), account, state, reconnect),
    screen);

  const Terminal = globalThis.Terminal;
  if (typeof Terminal !== 'function') {
    fill(screen, h('p', { class: 'notice error' }, 'The terminal (xterm.js) did not load; reload the page.'));
    return { el, update() {}, dispose() {} };
  }
  const term = new Terminal({ cursorBlink: true, fontFamily: 'Menlo, Consolas, "DejaVu Sans Mono", monospace', fontSize: 13, scrollback: 2000, theme: THEME });
  const fit = new globalThis.FitAddon.FitAddon();
  term.loadAddon(fit);
  let socket;
  let opened = false;

  const connect = () => {
    socket?.close();
    reconnect.hidden = true;
    fill(state, `Connecting to ${peer} as ${account.value}…`);
    const ws = new WebSocket(wsUrl(`/api/labs/${encodeURIComponent(labId)}/terminal`, { peer, account: account.value, token }));
    socket = ws;
    ws.onopen = () => {
      fill(state, `Connected to ${peer} as ${account.value}`);
      sendSize();
      term.focus();
    };
    ws.onmessage = (m) => {
      if (typeof m.data === 'string') term.write(m.data);
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      fill(state, `Disconnected${event.reason ? `: ${event.reason}` : ''}`);
      term.write('\r\n\x1b[2m[connection closed]\x1b[0m\r\n');
      reconnect.hidden = false;
    };
  };
  const sendSize = () => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(new TextEncoder().encode(JSON.stringify({ cols: term.cols })));
  };
  term.onResize(sendSize);
  term.onData((data) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(data);
  });
  account.addEventListener('change', () => {
    term.reset();
    connect();
  });
  reconnect.addEventListener('click', connect);

  // xterm measures its cell size when opened, so it opens once the page is in the document.
  const resize = new ResizeObserver(() => {
    if (!screen.isConnected || screen.clientWidth === 0) return;
    if (!opened) {
      opened = true;
      term.open(screen);
      connect();
    }
    fit.fit();
  });
  resize.observe(screen);

  return {
    el,
    update() {},
    dispose() {
      resize.disconnect();
      const ws = socket;
      socket = undefined;
      ws?.close();
      term.dispose();
    },
  };
}
