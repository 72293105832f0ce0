/**
 * The selected peer, as its admin interface shows it: the product's menu bar (Status, System,
 * Configuration, Applications, Users, Maintenance, Help) with the pages the twin models, the
 * twin's Terminal beside it, and the open page under its title ("System > Clustering"). Each page
 * is a small module with `{ el, update(peerData), dispose() }`; it is built when the page or the
 * peer changes and only updated on refreshes, so drafts, focus and the terminal session survive
 * the live updates.
 */
import { fill, h } from '../dom.js';
import { stateTone } from '../format.js';
import { alarmsPage } from '../pages/alarms.js';
import { clusteringPage } from '../pages/clustering.js';
import { eventLogPage } from '../pages/eventLog.js';
import { backupPage, upgradePage } from '../pages/maintenance.js';
import { restartPage } from '../pages/restart.js';
import { terminalPage } from '../pages/terminal.js';
import { createMenuBar } from './menuBar.js';

/** The pages the twin models, with the menu path the product files them under. */
const PAGES = [
  { id: 'clustering', path: 'System > Clustering', create: clusteringPage },
  { id: 'alarms', path: 'Status > Alarms', create: alarmsPage },
  { id: 'log', path: 'Status > Logs > Event Log', create: eventLogPage },
  { id: 'upgrade', path: 'Maintenance > Upgrade', create: upgradePage },
  { id: 'backup', path: 'Maintenance > Backup and restore', create: backupPage },
  { id: 'restart', path: 'Maintenance > Restart options', create: restartPage },
  { id: 'terminal', path: 'Terminal (tshell and root, as over SSH)', create: terminalPage },
];

/** The product's menus; items without an id are pages the twin does not model. */
const MENUS = [
  { label: 'Status', items: [{ label: 'Overview' }, { id: 'alarms', label: 'Alarms' }, { label: 'Registrations' }, { id: 'log', label: 'Event Log' }] },
  { label: 'System', items: [{ label: 'Administration' }, { label: 'Network interfaces' }, { label: 'DNS' }, { label: 'Time' }, { id: 'clustering', label: 'Clustering' }] },
  { label: 'Configuration', items: [{ label: 'Protocols' }, { label: 'Registration' }, { label: 'Zones' }, { label: 'Domains' }] },
  { label: 'Applications', items: [{ label: 'Cisco Unified Communications' }] },
  { label: 'Users', items: [{ label: 'Administrator accounts' }] },
  { label: 'Maintenance', items: [{ id: 'upgrade', label: 'Upgrade' }, { label: 'Option keys' }, { id: 'backup', label: 'Backup and restore' }, { id: 'restart', label: 'Restart options' }] },
  { label: 'Help', items: [{ label: 'Help on this page' }, { label: 'About' }] },
];

/** `context`: `{ labId, token, api, act, hints }`, handed to every page with the peer's name. */
export function createPeerView(context) {
  const panel = h('div', { class: 'page-panel', role: 'region', 'aria-labelledby': 'peer-page-title' });
  const pageTitle = h('h2', { class: 'page-title', id: 'peer-page-title' });
  const title = h('div', { class: 'peer-title' });
  const alarmIcon = h('button', { type: 'button', class: 'alarm-icon', hidden: true, onclick: () => show('alarms') });
  const menuBar = createMenuBar({ menus: MENUS, onPick: (id) => show(id) });
  const terminalButton = h('button', { type: 'button', class: 'menu-terminal', onclick: () => show('terminal') }, 'Terminal');
  const body = h('div', { class: 'page-body' });
  let peer;
  let current = PAGES[0];
  let page;
  let last;

  function show(id) {
    current = PAGES.find((p) => p.id === id) ?? PAGES[0];
    mount();
  }

  function mount() {
    menuBar.mark(current.id);
    terminalButton.setAttribute('aria-pressed', String(current.id === 'terminal'));
    fill(pageTitle, current.path);
    page?.dispose?.();
    page = current.create({ ...context, peer });
    fill(body, page.el);
    if (last?.name === peer) page.update(last);
  }
  fill(panel, pageTitle, body);

  const el = h('section', { class: 'peer-view', 'aria-label': 'Selected peer' }, h('div', { class: 'peer-bar' }, title, alarmIcon),
    h('nav', { class: 'menu', 'aria-label': 'Admin pages' }, menuBar.el, terminalButton), panel);

  return {
    el,
    /** the open page's id */
    get page() {
      return current.id;
    },
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
