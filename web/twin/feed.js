/**
 * The live event feed: trace events, newest first — alarms raised and cleared, lifecycle changes,
 * links, configuration changes, faults (those a student is sent). Network and DNS chatter and log
 * lines are left out: the lab does not trace packets, so they were near-empty, and the log has its
 * own page. Events are placed by
 * sequence number, so the history loaded at start and the first stream batches may overlap or
 * arrive in either order without duplicates.
 */
import { h } from '../dom.js';
import { describeEvent, formatClock, isChatter, isNotableEvent } from '../format.js';

const MAX_ITEMS = 300;

export function createFeed() {
  const list = h('ol', { class: 'feed', 'aria-label': 'Events' });
  const el = h('section', { class: 'twin-section feed-section', 'aria-labelledby': 'feed-title' },
    h('div', { class: 'section-head' }, h('h2', { id: 'feed-title' }, 'Events')),
    list);
  /** the newest and the oldest sequence numbers seen so far */
  let newest = -1;
  let oldest = Infinity;

  const item = (e) => h('li', { class: ['event', isNotableEvent(e) ? 'notable' : '', e.kind.replace(/\./g, '-')].filter(Boolean).join(' ') },
    h('span', { class: 'event-time' }, formatClock(e.atMs)), ' ',
    h('span', { class: 'event-source' }, e.source), ' ',
    h('span', { class: 'event-kind' }, e.kind), ' ',
    h('span', { class: 'event-text' }, describeEvent(e)));
  const shown = (e) => !isChatter(e);
  const trim = () => {
    while (list.childElementCount > MAX_ITEMS) list.lastElementChild.remove();
  };

  return {
    el,
    /** a batch from the stream: events newer than any seen go on top */
    push({ events, dropped = 0 }) {
      for (const e of events) {
        if (e.seq <= newest) continue;
        newest = e.seq;
        oldest = Math.min(oldest, e.seq);
        if (shown(e)) list.prepend(item(e));
      }
      if (dropped > 0) list.prepend(h('li', { class: 'event dropped' }, `… ${dropped} more events not shown (too many at once)`));
      trim();
    },
    /** recent history (oldest first): events older than any seen go at the bottom */
    history({ events }) {
      for (const e of [...events].reverse()) {
        if (e.seq >= oldest) continue;
        oldest = e.seq;
        newest = Math.max(newest, e.seq);
        if (shown(e)) list.append(item(e));
      }
      trim();
    },
  };
}
