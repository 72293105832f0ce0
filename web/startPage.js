/**
 * The start page (no lab in the URL): the built-in labs of GET /api/catalog, each with a
 * "Start lab" button, and a runbook upload. Starting a lab needs the class key that xtwin serve
 * prints (or a trainer's lab token): the page asks for it and keeps it for this browser tab. A new lab's trainer and student links are shown,
 * then the page moves to the trainer link (whose summary carries both again). Refusals are shown
 * verbatim — a runbook's errors are `file:line:col` lines, so line breaks are kept.
 */
import { createApi } from './api.js';
import { fill, h, uid } from './dom.js';
import { absoluteLinks } from './links.js';
import { errorBox } from './notice.js';

const KEY_STORAGE = 'xtwin.classKey';

export function mountStartPage(root) {
  const api = createApi();
  const keyId = uid('class-key');
  const key = h('input', { id: keyId, type: 'password', autocomplete: 'off', spellcheck: 'false', value: sessionStorage.getItem(KEY_STORAGE) ?? '' });
  const catalog = h('div', { class: 'catalog', 'aria-busy': 'true' }, 'Loading the catalog…');
  const outcome = h('div', { class: 'outcome', 'aria-live': 'polite' });
  const buttons = [];

  const start = async (body) => {
    for (const b of buttons) b.disabled = true;
    fill(outcome, h('p', { role: 'status' }, 'Starting the lab…'));
    try {
      sessionStorage.setItem(KEY_STORAGE, key.value.trim());
      const created = await createApi(key.value.trim()).createLab(body);
      fill(outcome, linksBox(created));
      location.assign(created.links.trainer);
    } catch (e) {
      fill(outcome, errorBox(e));
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  };

  const upload = uploadForm(start);
  buttons.push(upload.button);
  root.append(
    h('header', { class: 'topbar' }, h('div', { class: 'brand' }, h('span', { class: 'brand-cisco' }, 'Cisco'), ' Expressway lab')),
    h('main', { class: 'start' },
      h('section', { class: 'start-catalog', 'aria-labelledby': 'catalog-title' },
        h('h1', { id: 'catalog-title' }, 'Start a lab'),
        h('p', { class: 'class-key' }, h('label', { for: keyId }, 'Class key'), ' ', key, ' ', h('span', { class: 'hint' }, 'printed by xtwin serve; a trainer\'s lab token works too')),
        catalog),
      h('section', { class: 'start-upload', 'aria-labelledby': 'upload-title' },
        h('h2', { id: 'upload-title' }, 'Or upload a runbook'),
        upload.form,
        outcome)),
  );

  api.catalog().then((labs) => {
    catalog.removeAttribute('aria-busy');
    fill(catalog, labs.length === 0 ? h('p', {}, 'The catalog is empty: upload a runbook.') : labs.map((lab) => {
      const button = h('button', { type: 'button', class: 'primary', onclick: () => start({ catalog: lab.name }) }, 'Start lab');
      buttons.push(button);
      const titleId = uid('lab');
      return h('article', { class: 'card', 'aria-labelledby': titleId },
        h('h2', { id: titleId }, lab.title),
        h('p', { class: 'brief' }, lab.brief),
        h('p', { class: 'facts' }, `${lab.peers} peers · ${lab.objectives} objectives · `, h('code', {}, lab.name)),
        button);
    }));
  }, (e) => fill(catalog, errorBox(e)));

  return { dispose() {} };
}

function uploadForm(start) {
  const fileId = uid('runbook-file');
  const textId = uid('runbook-text');
  let fileName = 'uploaded.yaml';
  const text = h('textarea', { id: textId, rows: 12, spellcheck: 'false', placeholder: 'name: My lab\ntopology: …\nsteps: …\nlab: { title: …, objectives: … }' });
  const file = h('input', { id: fileId, type: 'file', accept: '.yaml,.yml,text/yaml' });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    fileName = chosen.name;
    text.value = await chosen.text();
  });
  const button = h('button', { type: 'submit' }, 'Upload runbook');
  const form = h('form', { class: 'upload', 'aria-label': 'Upload runbook' },
    h('label', { for: fileId }, 'Runbook file'), file,
    h('label', { for: textId }, 'Runbook YAML'), text,
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    start({ runbook: text.value, fileName });
  });
  return { form, button };
}

function linksBox(created) {
  const links = absoluteLinks(created.links);
  return h('div', { class: 'notice ok', role: 'status' },
    h('p', {}, `Lab ${created.id} started: ${created.title}`),
    h('p', {}, 'Trainer: ', h('a', { href: links.trainer }, links.trainer)),
    h('p', {}, 'Student: ', h('a', { href: links.student }, links.student)));
}
