/**
 * The faults in force (partitions, latency, loss, power loss, database failure …), each with a
 * Heal button for the trainer, and Heal all. The trainer decides whether students see the list
 * (the "Students see faults" switch; hidden by default, the server then sends them none); a
 * student never heals.
 */
import { fill, h, uid } from '../dom.js';
import { actionOutcome } from '../pages/outcome.js';

export function createFaults({ role, act, setFaultsVisible }) {
  const list = h('ul', { class: 'faults', 'aria-label': 'Active faults' });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const switchId = uid('show-faults');
  const visible = h('input', { type: 'checkbox', id: switchId });
  visible.addEventListener('change', async () => {
    visible.disabled = true;
    try {
      await setFaultsVisible(visible.checked);
      fill(result);
    } catch (e) {
      visible.checked = !visible.checked;
      fill(result, h('p', { class: 'notice error', role: 'alert' }, e.message));
    } finally {
      visible.disabled = false;
    }
  });
  const head = h('div', { class: 'section-head' }, h('h2', { id: 'faults-title' }, 'Active faults'),
    role === 'trainer' ? h('label', { for: switchId, class: 'check' }, visible, ' Students see faults') : null);
  const el = h('section', { class: 'twin-section', 'aria-labelledby': 'faults-title' }, head, list, result);
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
    /** `faults` is undefined for a student while the trainer hides them: the section is not drawn. */
    update(faults, faultsVisible) {
      el.hidden = faults === undefined;
      if (document.activeElement !== visible) visible.checked = faultsVisible;
      if (faults === undefined) return;
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
