/**
 * The faults in force (partitions, latency, loss, power loss, database failure …), each with a
 * Heal button for the trainer, and Heal all. Students see the list only; healing is the trainer's.
 */
import { fill, h } from '../dom.js';
import { actionOutcome } from '../pages/outcome.js';

export function createFaults({ role, act }) {
  const list = h('ul', { class: 'faults', 'aria-label': 'Active faults' });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const el = h('section', { class: 'twin-section', 'aria-labelledby': 'faults-title' }, h('h2', { id: 'faults-title' }, 'Active faults'), list, result);
  let last = '';

  const heal = async (button, action) => {
    button.disabled = true;
    const outcome = await actionOutcome(act, action);
    button.disabled = false;
    fill(result, outcome.el);
  };
  const healButton = (label, name, action) => {
    const button = h('button', { type: 'button', class: 'small', 'aria-label': name }, label);
    button.addEventListener('click', () => heal(button, action));
    return button;
  };

  return {
    el,
    update(faults) {
      const key = JSON.stringify(faults);
      if (key === last) return;
      last = key;
      const trainer = role === 'trainer';
      fill(list,
        faults.length === 0 ? h('li', { class: 'muted' }, 'None.') : faults.map((f) => h('li', {},
          h('span', { class: 'fault-id' }, `#${f.id}`), ' ', h('span', { class: 'fault-kind' }, f.kind), ' ', f.description, ' ',
          trainer ? healButton('Heal', `Heal fault ${f.id}`, { kind: 'heal', id: f.id }) : null)),
        trainer && faults.length > 1 ? h('li', {}, healButton('Heal all', 'Heal all faults', { kind: 'heal' })) : null);
    },
  };
}
