/**
 * The lab's objectives, graded against what the peers show now: ✓ or ✗ each. The trainer also gets,
 * for one not met, every condition that fails — its claim and what the twin sees instead; the
 * server sends a student titles only (the claims would give the answer away).
 */
import { fill, h, srOnly } from '../dom.js';

export function createObjectives() {
  const heading = h('h2', { id: 'objectives-title' }, 'Objectives');
  const list = h('ol', { class: 'objectives' });
  const el = h('section', { class: 'twin-section', 'aria-labelledby': 'objectives-title' }, heading, list);
  let last = '';
  return {
    el,
    update(objectives, grade) {
      const key = JSON.stringify(objectives);
      if (key === last) return;
      last = key;
      fill(heading, 'Objectives ', h('span', { class: 'count' }, `${grade.met}/${grade.total}`));
      if (objectives.length === 0) {
        fill(list, h('li', { class: 'muted' }, 'This lab has no graded objectives.'));
        return;
      }
      fill(list, objectives.map((o) => h('li', { class: o.met ? 'met' : 'unmet' },
        h('span', { class: `mark tone-${o.met ? 'green' : 'red'}`, 'aria-hidden': 'true' }, o.met ? '✓' : '✗'),
        srOnly(o.met ? 'met: ' : 'not met: '),
        h('span', { class: 'objective-title' }, o.title),
        o.met || !o.verdicts ? null : h('ul', { class: 'verdicts' }, o.verdicts.filter((v) => !v.ok).map((v) => h('li', {},
          h('span', { class: 'claim' }, v.claim),
          v.seen !== undefined ? h('span', { class: 'seen' }, `seen: ${v.seen}`) : null))))));
    },
  };
}
