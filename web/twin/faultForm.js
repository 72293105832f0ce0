/**
 * The trainer's fault form: a partition (the peers ticked are side A, the rest side B), latency or
 * loss between two peers, power loss or database failure of one peer. Each becomes a `fault`
 * action with a FaultSpec (src/operator/actionTypes.ts). Obvious mistakes (an empty side, the same
 * peer twice) are caught here; the twin checks the rest and its refusal is shown verbatim.
 */
import { fill, h, uid } from '../dom.js';
import { actionOutcome } from '../pages/outcome.js';

const KINDS = [
  ['partition', 'Network partition'],
  ['latency', 'Latency between two peers'],
  ['loss', 'Packet loss between two peers'],
  ['power-loss', 'Power loss'],
  ['database-failure', 'Database failure'],
];

export function createFaultForm({ peers, act }) {
  const labelled = (text, control) => {
    control.id = uid('fault');
    return h('div', { class: 'field' }, h('label', { for: control.id }, text), control);
  };
  const peerSelect = (selected) => h('select', {}, peers.map((p) => h('option', { value: p, selected: p === selected }, p)));

  const kind = h('select', {}, KINDS.map(([value, text]) => h('option', { value }, text)));
  const sideA = peers.map((p) => h('input', { type: 'checkbox', value: p }));
  const sideB = h('p', { class: 'muted' });
  const oneWay = h('input', { type: 'checkbox' });
  const first = peerSelect(peers[0]);
  const second = peerSelect(peers[1] ?? peers[0]);
  const latency = h('input', { type: 'number', min: 0, max: 60000, step: 10, value: 500 });
  const loss = h('input', { type: 'number', min: 0, max: 1, step: 0.05, value: 0.5 });
  const single = peerSelect(peers[0]);
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Inject fault');

  const groups = {
    partition: h('fieldset', {}, h('legend', {}, 'Side A'),
      sideA.map((box) => h('label', { class: 'check' }, box, ` ${box.value}`)), sideB,
      h('label', { class: 'check' }, oneWay, ' One-way (block A → B only)')),
    between: h('div', {}, labelled('First peer', first), labelled('Second peer', second)),
    latency: labelled('Latency (ms)', latency),
    loss: labelled('Loss ratio (0–1)', loss),
    single: labelled('Peer', single),
  };
  const shown = { partition: ['partition'], latency: ['between', 'latency'], loss: ['between', 'loss'], 'power-loss': ['single'], 'database-failure': ['single'] };
  const showGroups = () => {
    for (const [name, group] of Object.entries(groups)) group.hidden = !shown[kind.value].includes(name);
    const rest = sideA.filter((b) => !b.checked).map((b) => b.value);
    fill(sideB, `Side B: ${rest.length > 0 ? rest.join(', ') : '(nobody)'}`);
  };
  kind.addEventListener('change', showGroups);
  for (const box of sideA) box.addEventListener('change', showGroups);
  showGroups();

  const spec = () => {
    const between = () => {
      if (first.value === second.value) throw new Error('Pick two different peers.');
      return [first.value, second.value];
    };
    switch (kind.value) {
      case 'partition': {
        const a = sideA.filter((b) => b.checked).map((b) => b.value);
        const b = sideA.filter((x) => !x.checked).map((x) => x.value);
        if (a.length === 0 || b.length === 0) throw new Error('Tick the peers of side A; side B is the rest, and neither side may be empty.');
        return { kind: 'partition', groups: [a, b], ...(oneWay.checked ? { oneWay: true } : {}) };
      }
      case 'latency': return { kind: 'latency', between: between(), latencyMsMean: Number(latency.value) };
      case 'loss': return { kind: 'loss', between: between(), lossRatio: Number(loss.value) };
      default: return { kind: kind.value, peer: single.value };
    }
  };

  const form = h('form', { class: 'fault-form', 'aria-label': 'Inject a fault' },
    labelled('Fault', kind), Object.values(groups), h('div', { class: 'actions' }, submit), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let fault;
    try {
      fault = spec();
    } catch (e) {
      fill(result, h('p', { class: 'notice error', role: 'alert' }, e.message));
      return;
    }
    submit.disabled = true;
    const outcome = await actionOutcome(act, { kind: 'fault', fault });
    submit.disabled = false;
    fill(result, outcome.el);
  });

  return { el: h('section', { class: 'twin-section', 'aria-labelledby': 'fault-form-title' }, h('h2', { id: 'fault-form-title' }, 'Inject a fault'), form) };
}
