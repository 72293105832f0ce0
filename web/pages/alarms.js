/**
 * Status > Alarms (DOMAIN §7): one row per active alarm — ID, severity, title, description and
 * when it was raised (virtual time) — in the order the peer raised them.
 */
import { fill, h } from '../dom.js';

export function alarmsPage() {
  const body = h('div');
  let last = '';
  const update = (data) => {
    const page = data.pages.alarms;
    const key = JSON.stringify(page.rows);
    if (key === last) return;
    last = key;
    if (page.rows.length === 0) {
      fill(body, h('p', { class: 'empty' }, 'No alarms.'));
      return;
    }
    fill(body, h('table', { class: 'grid', 'aria-label': 'Alarms' },
      h('thead', {}, h('tr', {}, ['ID', 'Severity', 'Title', 'Description', 'Raised'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, page.rows.map((r) => h('tr', {},
        h('td', {}, r.id),
        h('td', { class: `severity severity-${r.severity.toLowerCase()}` }, r.severity),
        h('td', {}, r.title),
        h('td', {}, r.description),
        h('td', { class: 'mono' }, r.raised))))));
  };
  return { el: h('div', { class: 'page alarms' }, body), update, dispose() {} };
}
