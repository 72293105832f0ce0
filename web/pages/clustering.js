/**
 * System > Clustering as the product draws it (DOMAIN §5.1): the cluster fields, the address
 * mappings, Peer 1..6 with status and certificate, the database status, and Save. The form is built
 * once per peer and patched on each refresh: a field the user has touched keeps its draft (and its
 * focus) while the statuses around it move, and Save sends only the fields that differ from the
 * saved values — a `page` action, exactly as a runbook would write it.
 */
import { fill, h, uid } from '../dom.js';
import { actionOutcome } from './outcome.js';

const MAPPING_MODE = 'Alternates Cluster AddressMapping Mode';

export function clusteringPage({ peer, act }) {
  const drafts = new Map();
  /** key → { control, field (the latest saved field), notes } */
  const controls = new Map();
  const banner = h('p', { class: 'notice error', role: 'alert', hidden: true });
  const restart = h('div', { class: 'notice warn', hidden: true });
  const warnings = h('div');
  const fieldRows = h('tbody');
  const peerRows = h('tbody');
  const mappings = h('div', { class: 'mappings', hidden: true });
  const status = h('dl', { class: 'status-list' });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Save');
  const discard = h('button', { type: 'button', onclick: () => discardDrafts() }, 'Discard changes');
  const form = h('form', { 'aria-label': `Clustering on ${peer}` },
    h('h3', {}, 'Configuration'),
    h('table', { class: 'form-table' }, fieldRows),
    mappings,
    h('h3', {}, 'Peers'),
    h('table', { class: 'grid peers-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Peer'), h('th', { scope: 'col' }, 'Address'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Certificate'))),
      peerRows),
    h('p', { class: 'footnote' }, '† set on each peer separately'),
    h('div', { class: 'actions' }, save, discard),
    result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  let built = false;
  let shown;

  function discardDrafts() {
    for (const key of [...drafts.keys()]) forget(key);
    fill(result);
    if (shown) update(shown);
  }

  async function submit() {
    const set = {};
    for (const [key, raw] of drafts) {
      const { field } = controls.get(key);
      const value = parse(raw, field.value);
      if (JSON.stringify(value) !== JSON.stringify(field.value)) set[key] = value;
    }
    if (Object.keys(set).length === 0) {
      fill(result, h('p', { class: 'muted' }, 'Nothing changed.'));
      return;
    }
    save.disabled = true;
    const outcome = await actionOutcome(act, { kind: 'page', peer, page: 'clustering', set });
    save.disabled = false;
    if (outcome.ok) for (const key of Object.keys(set)) forget(key);
    // The product answers a save with one word; what changed is on the page (and in the event log).
    fill(result, outcome.ok ? h('p', { class: 'notice ok saved', role: 'status' }, 'Saved') : outcome.el);
  }

  function forget(key) {
    drafts.delete(key);
    controls.get(key)?.control.classList.remove('dirty');
  }

  function control(field, id) {
    const choices = field.choices?.map((c) => [c.value, c.display]);
    const mapping = Array.isArray(field.value);
    const el = choices ? h('select', { id }, choices.map(([value, text]) => h('option', { value }, text)))
      : mapping ? h('textarea', { id, rows: 3, spellcheck: 'false', placeholder: 'one per line: FQDN IP' })
      : h('input', { id, type: 'text', spellcheck: 'false', autocomplete: 'off' });
    el.addEventListener(choices ? 'change' : 'input', () => {
      drafts.set(field.key, el.value);
      el.classList.add('dirty');
      if (field.key === MAPPING_MODE) mappings.hidden = el.value !== 'On';
    });
    controls.set(field.key, { control: el, field, notes: h('span', { class: 'notes' }) });
    return el;
  }

  function build(page) {
    for (const field of page.fields) {
      const id = uid('field');
      control(field, id);
      fieldRows.append(h('tr', {}, h('th', {}, h('label', { for: id }, field.label)), h('td', {}, controls.get(field.key).control, controls.get(field.key).notes)));
    }
    const mappingId = uid('field');
    control(page.addressMappings.field, mappingId);
    const m = controls.get(page.addressMappings.field.key);
    mappings.append(h('label', { for: mappingId }, page.addressMappings.field.label), m.control, m.notes);
    for (const row of page.peers) {
      const id = uid('peer');
      control(row, id);
      const c = controls.get(row.key);
      c.status = h('td', { class: 'peer-status' });
      c.certificate = h('td', { class: 'peer-cert' });
      peerRows.append(h('tr', {}, h('th', { scope: 'row' }, h('label', { for: id }, row.label)), h('td', {}, c.control, c.notes), c.status, c.certificate));
    }
  }

  function patch(field) {
    const c = controls.get(field.key);
    c.field = field;
    if (!drafts.has(field.key)) c.control.value = text(field.value);
    fill(c.notes, field.peerSpecific ? h('span', { class: 'dagger', title: 'set on each peer' }, '†') : null,
      field.pendingRestart ? h('span', { class: 'tone-amber' }, ' saved; active after a restart') : null);
    return c;
  }

  function update(page) {
    shown = page;
    if (!built) {
      build(page);
      built = true;
    }
    banner.hidden = !page.banner;
    fill(banner, page.banner ?? '');
    restart.hidden = !page.restartRequired;
    if (page.restartRequired) {
      fill(restart, h('strong', {}, 'Restart required'),
        h('ul', {}, page.restartRequired.notices.map((n) => h('li', {}, n)),
          page.restartRequired.pendingFields.map((f) => h('li', {}, `${f}: saved, active after a restart`))));
    }
    fill(warnings, page.warnings.map((w) => h('p', { class: 'notice warn', role: 'alert' }, w)));
    for (const field of page.fields) patch(field);
    patch(page.addressMappings.field);
    const mode = drafts.get(MAPPING_MODE) ?? page.fields.find((f) => f.key === MAPPING_MODE)?.value;
    mappings.hidden = !page.addressMappings.visible && mode !== 'On';
    for (const row of page.peers) {
      const c = patch(row);
      fill(c.status, row.status, row.failure ? h('span', { class: 'muted' }, ` (${row.failure})`) : null);
      c.status.className = `peer-status tone-${row.statusTone}`;
      fill(c.certificate, row.certificate);
      c.certificate.className = `peer-cert tone-${row.certificateTone}`;
    }
    const s = page.status;
    fill(status,
      h('dt', {}, 'Cluster database status'), h('dd', { class: `tone-${s.databaseTone}` }, s.databaseStatus),
      h('dt', {}, 'This system'), h('dd', {}, s.selfIndex > 0 ? `Peer ${s.selfIndex}` : 'not in the peer list'),
      h('dt', {}, 'Configuration primary'), h('dd', {}, s.joined ? `Peer ${s.primaryIndex}${s.isPrimary ? ' (this system)' : ''}` : '—'),
      h('dt', {}, 'TLS verification mode in use'), h('dd', {}, s.tlsModeActive));
  }

  const el = h('div', { class: 'page clustering' }, banner, restart, warnings, form, h('h3', {}, 'Status'), status);
  return { el, update: (data) => update(data.pages.clustering), dispose() {} };
}

/** How a saved value reads in its control; mappings are "FQDN IP" lines. */
function text(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((m) => `${m.fqdn} ${m.ip}`).join('\n');
  return String(value);
}

/** The control's text back into the saved value's type, for the page action. */
function parse(raw, saved) {
  if (typeof saved === 'number') return raw.trim() === '' ? raw : Number(raw);
  if (Array.isArray(saved)) {
    return raw.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
      const [fqdn = '', ip = ''] = l.split(/[\s,=]+/);
      return { fqdn, ip };
    });
  }
  return raw.trim();
}
