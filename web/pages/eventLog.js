/**
 * The peer's event log (Status > Logs > Event log): its last 200 lines in the product's format,
 * fetched on each refresh while the tab is open. The view stays at the bottom unless the reader
 * scrolled up.
 */
import { fill, h } from '../dom.js';

const TAIL = 200;

export function eventLogPage({ api, labId, peer }) {
  const pre = h('pre', { class: 'log', tabindex: '0', 'aria-label': `Event log of ${peer}` }, 'Loading…');
  let loading = false;
  let again = false;
  let disposed = false;

  const load = async () => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    do {
      again = false;
      try {
        const { lines } = await api.log(labId, peer, TAIL);
        if (disposed) return;
        const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
        fill(pre, lines.length === 0 ? '(the log is empty)' : lines.join('\n'));
        if (atBottom) pre.scrollTop = pre.scrollHeight;
      } catch (e) {
        if (!disposed) fill(pre, `Could not read the log: ${e.message}`);
      }
    } while (again && !disposed);
    loading = false;
  };

  return {
    el: h('div', { class: 'page event-log' }, h('p', { class: 'muted' }, `The last ${TAIL} lines.`), pre),
    update: load,
    dispose() {
      disposed = true;
    },
  };
}
