/**
 * The selected peer, as its admin interface shows it: a menu of pages (tabs) and the open page.
 * Each page is a small module with `{ el, update(peerData), dispose() }`; it is built when the
 * tab or the peer changes and only updated on refreshes, so drafts, focus and the terminal session
 * survive the live updates.
 */
import { fill, h } from '../dom.js';
import { stateTone } from '../format.js';
import { alarmsPage } from '../pages/alarms.js';
import { clusteringPage } from '../pages/clustering.js';
import { eventLogPage } from '../pages/eventLog.js';
import { maintenancePage } from '../pages/maintenance.js';
import { restartPage } from '../pages/restart.js';
import { terminalPage } from '../pages/terminal.js';

const TABS = [
  { id: 'clustering', label: 'System > Clustering', create: clusteringPage },
  { id: 'alarms', label: 'Status > Alarms', create: alarmsPage },
  { id: 'restart', label: 'Maintenance > Restart options', create: restartPage },
  { id: 'maintenance', label: 'Maintenance > Backup, Upgrade', create: maintenancePage },
  { id: 'terminal', label: 'Terminal', create: terminalPage },
  { id: 'log', label: 'Event log', create: eventLogPage },
];

/** `context`: `{ labId, token, api, act }`, handed to every page with the peer's name. */
export function createPeerView(context) {
  const tabButtons = new Map();
  const panel = h('div', { class: 'page-panel', role: 'tabpanel' });
  const title = h('div', { class: 'peer-title' });
  const alarmIcon = h('button', { type: 'button', class: 'alarm-icon', hidden: true, onclick: () => show('alarms') });
  const tablist = h('div', { class: 'menu', role: 'tablist', 'aria-label': 'Admin pages' });
  let peer;
  let tab = TABS[0];
  let page;
  let last;

  for (const t of TABS) {
    const button = h('button', { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': 'peer-page', onclick: () => show(t.id), onkeydown: (e) => arrow(e, t) }, t.label);
    tabButtons.set(t.id, button);
    tablist.append(button);
  }
  panel.id = 'peer-page';

  function arrow(event, from) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = TABS[(TABS.indexOf(from) + step + TABS.length) % TABS.length];
    show(next.id);
    tabButtons.get(next.id).focus();
  }

  function show(id) {
    tab = TABS.find((t) => t.id === id) ?? TABS[0];
    mount();
  }

  function mount() {
    for (const [id, button] of tabButtons) {
      const selected = id === tab.id;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
    }
    panel.setAttribute('aria-labelledby', `tab-${tab.id}`);
    page?.dispose?.();
    page = tab.create({ ...context, peer });
    fill(panel, page.el);
    if (last?.name === peer) page.update(last);
  }

  const el = h('section', { class: 'peer-view', 'aria-label': 'Selected peer' }, h('div', { class: 'peer-bar' }, title, alarmIcon), tablist, panel);

  return {
    el,
    get peer() {
      return peer;
    },
    select(name) {
      if (name === peer) return;
      peer = name;
      last = undefined;
      fill(title, h('h2', {}, name), h('span', { class: 'muted' }, 'loading…'));
      mount();
    },
    update(data) {
      if (data.name !== peer) return;
      last = data;
      const alarms = data.pages.alarms.count;
      fill(title, h('h2', {}, data.name), h('span', { class: 'muted' }, `${data.fqdn} · ${data.system.version}`),
        h('span', { class: `tone-${stateTone(data.state)}` }, data.stateText));
      alarmIcon.hidden = alarms === 0;
      fill(alarmIcon, `⚠ ${alarms} alarm${alarms === 1 ? '' : 's'}`);
      page.update(data);
    },
    dispose() {
      page?.dispose?.();
    },
  };
}
