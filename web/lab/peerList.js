/**
 * The lab's peers down the left side: name, address, lifecycle state, role in the cluster,
 * database status, alarm count and the pending-factory-reset flag. Clicking one selects it.
 */
import { fill, h } from '../dom.js';
import { databaseTone, stateTone } from '../format.js';

export function createPeerList({ onSelect }) {
  const list = h('ul', { class: 'peer-list' });
  const el = h('nav', { class: 'peers', 'aria-label': 'Peers' }, h('h2', {}, 'Peers'), list);
  let lastKey = '';

  return {
    el,
    update(peers, selected) {
      // Redrawn only when something shown changed, so a focused button keeps its focus.
      const key = JSON.stringify([peers, selected]);
      if (key === lastKey) return;
      lastKey = key;
      fill(list, peers.map((p) => h('li', {},
        h('button', { type: 'button', class: 'peer', 'aria-pressed': String(p.name === selected), onclick: () => onSelect(p.name) },
          // The spaces keep the button's accessible name readable ("expc01 primary 10.0.0.11 Running …").
          h('span', { class: 'peer-name' }, p.name, p.primary ? [' ', h('span', { class: 'badge' }, 'primary')] : null), ' ',
          h('span', { class: 'peer-address' }, p.address), ' ',
          h('span', { class: `peer-state tone-${stateTone(p.state)}` }, p.stateText), ' ',
          h('span', { class: `peer-db tone-${databaseTone(p.database)}` }, `Database: ${p.database}`), ' ',
          p.alarms > 0 ? h('span', { class: 'peer-alarms' }, `⚠ ${p.alarms} alarm${p.alarms === 1 ? '' : 's'}`) : null, ' ',
          p.banner ? h('span', { class: 'peer-banner tone-red' }, 'Factory reset pending') : null))));
    },
  };
}
