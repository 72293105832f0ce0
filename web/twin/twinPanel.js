/**
 * The twin panel beside the admin pages: the brief (and, for the trainer who created the lab, the
 * links to hand out), the graded objectives, the faults in force, the armed traps and the fault
 * form (both the trainer's), and the live event feed. It only arranges its parts; each part draws itself.
 */
import { h } from '../dom.js';
import { absoluteLinks } from '../links.js';
import { createFaultForm } from './faultForm.js';
import { createFaults } from './faults.js';
import { createFeed } from './feed.js';
import { createModelFault } from './modelFault.js';
import { createObjectives } from './objectives.js';
import { createArmedTraps } from './traps.js';

export function createTwinPanel({ summary, act }) {
  const trainer = summary.role === 'trainer';
  const objectives = createObjectives();
  const faults = createFaults({ role: summary.role, act });
  const feed = createFeed();
  const modelFault = createModelFault();
  modelFault.update(summary.modelFault);
  const traps = trainer ? createArmedTraps() : undefined;
  const el = h('aside', { class: 'twin', 'aria-label': 'Twin panel' },
    modelFault.el,
    briefSection(summary),
    objectives.el,
    faults.el,
    traps?.el ?? null,
    trainer ? createFaultForm({ peers: summary.peers.map((p) => p.name), act }).el : null,
    feed.el);
  return {
    el,
    update(next) {
      objectives.update(next.objectives, next.grade);
      faults.update(next.faults);
      modelFault.update(next.modelFault);
      traps?.update(next.armedTraps ?? []);
    },
    events: (batch) => feed.push(batch),
    history: (recent) => feed.history(recent),
  };
}

function briefSection(summary) {
  const links = summary.links ? absoluteLinks(summary.links) : undefined;
  return h('section', { class: 'twin-section', 'aria-labelledby': 'brief-title' },
    h('h2', { id: 'brief-title' }, 'Brief'),
    h('p', { class: 'brief' }, summary.brief || summary.name),
    links ? h('dl', { class: 'links' },
      h('dt', {}, 'Student link'), h('dd', {}, h('a', { href: links.student, 'aria-label': 'Student link', target: '_blank' }, links.student)),
      h('dt', {}, 'Trainer link'), h('dd', {}, h('a', { href: links.trainer, 'aria-label': 'Trainer link' }, links.trainer))) : null);
}
