/**
 * The trainer's notice that the twin itself failed in this lab (issue #11 §1): when, on which peer,
 * during what, and the error. The lab was rebuilt from its log without the action (or paused, when
 * the clock met it), so what the peers show is consistent; this says why the last action was refused.
 */
import { fill, h } from '../dom.js';

export function createModelFault() {
  const text = h('p', { class: 'model-fault-text' });
  const el = h('section', { class: 'twin-section model-fault', 'aria-labelledby': 'model-fault-title', 'aria-live': 'polite', hidden: true },
    h('h2', { id: 'model-fault-title' }, 'Twin fault'), text);
  let last = '';
  return {
    el,
    update(fault) {
      const key = fault ? fault.text : '';
      if (key === last) return;
      last = key;
      el.hidden = !fault;
      fill(text, fault ? fault.text : '');
    },
  };
}
