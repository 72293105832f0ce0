/**
 * The product's "are you sure?" before an action that takes a peer down: restart, reboot,
 * restoring a backup (it restarts the peer). A modal dialog (<dialog>, so focus stays in it and
 * Escape cancels) that resolves to true only when the operator confirms.
 */
import { h } from './dom.js';

/** `{ title, text, confirmLabel }` → Promise<boolean> */
export function confirmAction({ title, text, confirmLabel }) {
  return new Promise((resolve) => {
    const ok = h('button', { type: 'submit', class: 'primary', value: 'ok' }, confirmLabel);
    const cancel = h('button', { type: 'submit', value: 'cancel', autofocus: true }, 'Cancel');
    const dialog = h('dialog', { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'confirm-title' }, title),
        h('p', { id: 'confirm-text' }, text),
        h('div', { class: 'actions' }, ok, cancel)));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
