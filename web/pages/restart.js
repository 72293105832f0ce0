/**
 * Maintenance > Restart options (DOMAIN §5.5): the peer's state, the warnings that matter before
 * pressing a button, what is waiting for a restart, and the Restart and Reboot buttons (a `restart`
 * action with its mode), each asking first, as the product does. The buttons work only while the
 * application is up. The advice shown is the server's: a lab may give its own (lab.hints.restart).
 */
import { confirmAction } from '../confirm.js';
import { fill, h } from '../dom.js';
import { formatDuration, stateTone } from '../format.js';
import { actionOutcome } from './outcome.js';

export function restartPage({ peer, act }) {
  const body = h('div');
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  let last = '';

  const press = async (button, option) => {
    const sure = await confirmAction({
      title: `${option.label} ${peer}?`,
      text: `${option.description} ${peer} is out of service for about ${formatDuration(option.durationMs)}.`,
      confirmLabel: option.label,
    });
    if (!sure) return;
    const mode = option.mode;
    button.disabled = true;
    const outcome = await actionOutcome(act, { kind: 'restart', peer, mode });
    button.disabled = false;
    fill(result, outcome.el);
  };

  const update = (data) => {
    const page = data.pages.restart;
    const key = JSON.stringify(page);
    if (key === last) return;
    last = key;
    fill(body,
      h('dl', { class: 'status-list' }, h('dt', {}, 'State'), h('dd', { class: `tone-${stateTone(page.state)}` }, page.stateText)),
      page.warnings.map((w) => h('p', { class: 'notice warn' }, w)),
      page.pendingRestart.length + page.pendingFields.length === 0 ? h('p', { class: 'muted' }, 'Nothing is waiting for a restart.')
        : h('div', { class: 'notice warn' }, h('strong', {}, 'Waiting for a restart'),
          h('ul', {}, page.pendingRestart.map((a) => h('li', {}, `${a.id} ${a.detail}`)), page.pendingFields.map((f) => h('li', {}, f)))),
      h('div', { class: 'restart-options' }, page.options.map((o) => {
        const button = h('button', { type: 'button', class: 'primary', disabled: !o.available }, o.label);
        button.addEventListener('click', () => press(button, o));
        return h('div', { class: 'restart-option' }, button,
          h('p', {}, o.description, ' ', h('span', { class: 'muted' }, `Takes about ${formatDuration(o.durationMs)}.`)),
          o.available ? null : h('p', { class: 'muted' }, 'Available once the application is running.'));
      })));
  };
  return { el: h('div', { class: 'page restart' }, body, result), update, dispose() {} };
}
