/**
 * The twin panel beside the admin pages: the lab-complete notice once every objective has held,
 * the brief (and, for the trainer who created the lab, the links to hand out), the graded
 * objectives, the faults in force (for a student only if the trainer shows them), the armed traps
 * and the fault form (both the trainer's), and the live event feed. It only arranges its parts;
 * each part draws itself.
 */
import { fill, h } from '../dom.js';
import { formatElapsed } from '../format.js';
import { absoluteLinks } from '../links.js';
import { createFaultForm } from './faultForm.js';
import { createFaults } from './faults.js';
import { createFeed } from './feed.js';
import { createModelFault } from './modelFault.js';
import { createObjectives } from './objectives.js';
import { createArmedTraps } from './traps.js';

export function createTwinPanel({ summary, act, setFaultsVisible }) {
  const trainer = summary.role === 'trainer';
  const objectives = createObjectives();
  const faults = createFaults({ role: summary.role, act, setFaultsVisible });
  const feed = createFeed();
  const modelFault = createModelFault();
  modelFault.update(summary.modelFault);
  const traps = trainer ? createArmedTraps() : undefined;
  const complete = h('section', { class: 'twin-section lab-complete', role: 'status', 'aria-label': 'Lab complete', hidden: true });
  const el = h('aside', { class: 'twin', 'aria-label': 'Twin panel' },
    modelFault.el,
    complete,
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
      faults.update(next.faults, next.faultsVisible);
      modelFault.update(next.modelFault);
      traps?.update(next.armedTraps ?? []);
      complete.hidden = !next.completed;
      if (next.completed) {
        fill(complete, h('h2', {}, '✓ Lab complete'),
          h('p', {}, `Every objective was met ${formatElapsed(next.completed.afterMs)} after the lab started (lab clock ${next.completed.virtual}).`));
      }
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
