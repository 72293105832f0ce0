/**
 * The trainer's class list (`#class=<key>`, the key `xtwin serve` prints): every lab on the server
 * with its label, clock, grade and time to complete, refreshed every few seconds, and a form that starts a lab from
 * the catalog for a named student. Each row links to the lab as trainer and hands out the student
 * link.
 */
import { createApi } from './api.js';
import { fill, h, uid } from './dom.js';
import { formatElapsed } from './format.js';
import { absoluteLinks } from './links.js';
import { errorBox } from './notice.js';

/** How often the list is read again (wall ms): grades move as students work. */
const REFRESH_MS = 3_000;

export function mountClassPage(root, { classKey }) {
  const api = createApi(classKey);
  const rows = h('tbody');
  const problem = h('div', { 'aria-live': 'polite' });
  const labelId = uid('label');
  const labId = uid('catalog');
  const label = h('input', { id: labelId, type: 'text', maxlength: 80, placeholder: 'Alice, desk 4' });
  const choice = h('select', { id: labId });
  const start = h('button', { type: 'submit', class: 'primary' }, 'Start lab for student');
  const form = h('form', { class: 'class-start', 'aria-label': 'Start a lab for a student' },
    h('label', { for: labelId }, 'Student'), label, h('label', { for: labId }, 'Lab'), choice, start);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    start.disabled = true;
    try {
      await api.createLab({ catalog: choice.value, label: label.value });
      label.value = '';
      fill(problem);
      await refresh();
    } catch (e) {
      fill(problem, errorBox(e));
    } finally {
      start.disabled = false;
    }
  });

  root.append(
    h('header', { class: 'topbar' }, h('div', { class: 'brand' }, h('span', { class: 'brand-cisco' }, 'Cisco'), ' Expressway lab · class')),
    h('main', { class: 'class-page' },
      h('h1', {}, 'Class'),
      form, problem,
      h('table', { class: 'grid class-table', 'aria-label': 'Labs in this class' },
        h('thead', {}, h('tr', {}, ...['Student', 'Lab', 'Clock', 'Grade', 'Completed', 'Faults', 'Links'].map((t) => h('th', { scope: 'col' }, t)))),
        rows)));

  async function refresh() {
    try {
      const labs = await api.classList();
      fill(rows, labs.length === 0 ? h('tr', {}, h('td', { colspan: 7 }, 'No labs yet.')) : labs.map(row));
    } catch (e) {
      fill(problem, errorBox(e));
    }
  }

  api.catalog().then((labs) => fill(choice, labs.map((l) => h('option', { value: l.name }, l.title))), (e) => fill(problem, errorBox(e)));
  void refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return { dispose: () => clearInterval(timer) };
}

function row(lab) {
  const links = absoluteLinks(lab.links);
  const done = lab.grade.total > 0 && lab.grade.met === lab.grade.total;
  // Completed: the first time every objective held, and how long that took from the lab's start.
  const completed = lab.completed
    ? h('td', { class: 'tone-green' }, `in ${formatElapsed(lab.completed.afterMs)}`, ' ', h('span', { class: 'muted' }, `(${lab.completed.virtual})`))
    : h('td', { class: 'muted' }, '—');
  return h('tr', {},
    h('td', {}, lab.label || h('span', { class: 'muted' }, '—')),
    h('td', {}, lab.title, ' ', h('code', { class: 'muted' }, lab.id)),
    h('td', {}, lab.clock.now, ' ', h('span', { class: 'muted' }, lab.clock.running ? `×${lab.clock.speed}` : 'paused')),
    h('td', { class: done ? 'tone-green' : '' }, `${lab.grade.met}/${lab.grade.total}`),
    completed,
    h('td', {}, `${lab.faults}${lab.faults > 0 && !lab.faultsVisible ? ' (hidden)' : ''}`),
    h('td', {}, h('a', { href: links.trainer, 'aria-label': `Open ${lab.label || lab.id} as trainer` }, 'open as trainer'), ' · ',
      h('a', { href: links.student, 'aria-label': `Student link for ${lab.label || lab.id}` }, 'student link')));
}
