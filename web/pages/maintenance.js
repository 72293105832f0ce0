/**
 * Maintenance > Backup and restore, and Maintenance > Upgrade: create a system backup, restore one
 * of the peer's backups (the restore restarts the peer), and install a software version (it takes
 * effect at the next reboot, DOMAIN §6.14). Each button is one operator action.
 */
import { fill, h, uid } from '../dom.js';
import { actionOutcome } from './outcome.js';

export function maintenancePage({ peer, act }) {
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const backups = h('div');
  const run = async (button, action) => {
    button.disabled = true;
    const outcome = await actionOutcome(act, action);
    button.disabled = false;
    fill(result, outcome.el);
  };

  const backupButton = h('button', { type: 'button', class: 'primary' }, 'Create system backup file');
  backupButton.addEventListener('click', () => run(backupButton, { kind: 'backup', peer }));

  const versionId = uid('version');
  const version = h('input', { id: versionId, type: 'text', placeholder: 'X15.0.2', spellcheck: 'false', autocomplete: 'off' });
  const upgradeButton = h('button', { type: 'submit', class: 'primary' }, 'Upgrade');
  const upgrade = h('form', { class: 'upgrade', 'aria-label': 'Upgrade' }, h('label', { for: versionId }, 'Software version'), version, upgradeButton);
  upgrade.addEventListener('submit', (event) => {
    event.preventDefault();
    run(upgradeButton, { kind: 'upgrade', peer, version: version.value.trim() });
  });

  let last = '';
  const update = (data) => {
    const key = JSON.stringify([data.backups, data.system.version, data.system.stagedVersion]);
    if (key === last) return;
    last = key;
    fill(backups, data.backups.length === 0 ? h('p', { class: 'muted' }, 'No backups on this peer.')
      : h('table', { class: 'grid', 'aria-label': 'Backups' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Backup file'), h('th', { scope: 'col' }, ''))),
        h('tbody', {}, data.backups.map((name) => {
          const restore = h('button', { type: 'button', 'aria-label': `Restore ${name}` }, 'Restore');
          restore.addEventListener('click', () => run(restore, { kind: 'restore', peer, backup: name }));
          return h('tr', {}, h('td', { class: 'mono' }, name), h('td', {}, restore));
        }))));
    version.placeholder = data.system.version;
    fill(staged, data.system.stagedVersion ? `Installed ${data.system.stagedVersion}; it runs after the next reboot.` : `Running ${data.system.version}.`);
  };
  const staged = h('p', { class: 'muted' });

  return {
    el: h('div', { class: 'page maintenance' },
      h('h3', {}, 'Backup and restore'), h('div', { class: 'actions' }, backupButton), backups,
      h('h3', {}, 'Upgrade'), staged, upgrade,
      result),
    update,
    dispose() {},
  };
}
