/**
 * One lab in the browser: loads the summary and the selected peer, lays out the header, the peer
 * list, the peer's pages and the twin panel, and keeps them current. A refresh follows every
 * action and every stream batch with events (at most two a second); refreshes never overlap — one
 * asked for while another runs is done once right after it.
 */
import { createApi, wsUrl } from '../api.js';
import { fill, h } from '../dom.js';
import { learnStateWords } from '../format.js';
import { errorBox } from '../notice.js';
import { openStream, throttle } from '../stream.js';
import { createTwinPanel } from '../twin/twinPanel.js';
import { createHeader } from './header.js';
import { createPeerList } from './peerList.js';
import { createPeerView } from './peerView.js';

const REFRESH_INTERVAL_MS = 500;

export function mountLab(root, { labId, token }) {
  const api = createApi(token);
  const shell = h('div', { class: 'lab-loading' }, h('p', {}, 'Opening the lab…'));
  const connection = h('div', { class: 'connection', role: 'status' });
  root.append(shell);
  let parts;
  let latest;
  let disposed = false;
  let running;
  let again = false;

  /** Applies an operator action; the refresh that follows is awaited, so callers see the result drawn. */
  const act = async (action) => {
    const result = await api.act(labId, action);
    await refresh();
    return result;
  };
  const setClock = async (runningNow, speed) => {
    await api.clock(labId, runningNow, speed);
    await refresh();
  };

  async function load() {
    const summary = await api.summary(labId);
    if (disposed) return;
    latest = summary;
    learnStateWords(summary.stateWords);
    if (!parts) parts = build(summary);
    const selected = parts.peerView.peer;
    const peer = selected ? await api.peer(labId, selected) : undefined;
    if (disposed) return;
    parts.header.update(summary);
    parts.peerList.update(summary.peers, selected);
    parts.twin.update(summary);
    if (peer) parts.peerView.update(peer);
  }

  function refresh() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await load();
        } while (again && !disposed);
        fill(connection, '');
      } catch (e) {
        if (!parts) fill(shell, h('h1', {}, 'This lab cannot be opened'), errorBox(e), h('p', {}, h('a', { href: '/' }, 'Start page')));
        else fill(connection, errorBox(e));
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  function build(summary) {
    const peerView = createPeerView({ labId, token, api, act });
    const select = (name) => {
      peerView.select(name);
      peerList.update(latest.peers, name);
      void refresh();
    };
    const peerList = createPeerList({ onSelect: select });
    const header = createHeader({ role: summary.role, onClock: setClock, onSkip: (durationMs) => act({ kind: 'wait', durationMs }) });
    const twin = createTwinPanel({ summary, act, setFaultsVisible: async (faultsVisible) => {
      await api.settings(labId, { faultsVisible });
      await refresh();
    } });
    peerView.select(summary.peers[0]?.name);
    fill(shell);
    shell.className = 'lab';
    shell.append(header.el, connection, h('div', { class: 'lab-body' }, peerList.el, h('main', { class: 'main' }, peerView.el), twin.el));
    api.events(labId, 100).then((recent) => twin.history(recent), () => {});
    return { header, peerList, peerView, twin };
  }

  const throttled = throttle(() => void refresh(), REFRESH_INTERVAL_MS);
  const stream = openStream(wsUrl(`/api/labs/${encodeURIComponent(labId)}/stream`, { token }), {
    onBatch(batch) {
      if (!parts) return;
      parts.header.tick(batch.nowMs);
      if (batch.settingsChanged) throttled();
      if (batch.events.length > 0 || batch.dropped > 0) {
        parts.twin.events(batch);
        throttled();
      }
    },
    onState(state, reason) {
      if (state === 'live') {
        fill(connection, '');
        void refresh();
      } else fill(connection, h('p', { class: 'notice warn' }, state === 'refused' ? `Live updates refused: ${reason}` : 'Live updates lost; reconnecting…'));
    },
  });
  void refresh();

  return {
    dispose() {
      disposed = true;
      stream.close();
      throttled.cancel();
      parts?.peerView.dispose();
    },
  };
}
