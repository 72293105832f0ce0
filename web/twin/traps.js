/**
 * The trainer's list of armed traps: latent dangers the lab's world holds now (a factory reset
 * armed for the next restart, a restart pending, …) and those armed for a while and undone, each
 * with when it armed, what it will do and how it is disarmed. Students never get this list.
 */
import { fill, h } from '../dom.js';

export function createArmedTraps() {
  const list = h('ul', { class: 'armed-traps', 'aria-label': 'Armed traps' });
  const el = h('section', { class: 'twin-section', 'aria-labelledby': 'traps-title' }, h('h2', { id: 'traps-title' }, 'Armed traps (trainer)'), list);
  let last = '';
  return {
    el,
    update(traps) {
      const key = JSON.stringify(traps);
      if (key === last) return;
      last = key;
      fill(list, traps.length === 0 ? h('li', { class: 'muted' }, 'None.') : traps.map((t) => h('li', { class: t.disarmedAt ? 'trap-undone' : 'trap-armed' },
        h('strong', {}, `${t.title}${t.peer ? ` on ${t.peer}` : ''}`), ' ', t.detail,
        h('div', { class: 'muted' }, t.disarmedAt ? `armed ${t.armedAt}, undone ${t.disarmedAt}` : `armed since ${t.armedAt}`),
        h('div', {}, `Danger: ${t.harm}`),
        h('div', {}, `Disarm: ${t.disarm}`))));
    },
  };
}
