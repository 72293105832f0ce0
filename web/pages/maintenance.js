/**
 * Maintenance > Backup and restore, and Maintenance > Upgrade: create a system backup, restore one
 * of the peer's backups (the restore restarts the peer, so it asks first), and install a software
 * version (it takes effect at the next reboot, DOMAIN §6.14). Each button is one operator action.
 */
import { confirmAction } from '../confirm.js';
import { fill, h, uid } from '../dom.js';
import { actionOutcome } from './outcome.js';

function runner(act, result) {
  return async (button, action) => {
    button.disabled = true;
    const outcome = await actionOutcome(act, action);
    button.disabled = false;
    fill(result, outcome.el);
  };
}

export function backupPage({ peer, act }) {
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const backups = h('div');
  const run = runner(act, result);
  const backupButton = h('button', { type: 'button', class: 'primary' }, 'Create system backup file');
  backupButton.addEventListener('click', () => run(backupButton, { kind: 'backup', peer }));

  const others = h('div');
  /** One Restore button: it asks first (the restore restarts the peer). `from`: the box the file was taken on. */
  const restoreButton = (name, from) => {
    const button = h('button', { type: 'button', 'aria-label': `Restore ${name}` }, 'Restore');
    const carried = from ? ` It was taken on ${from}: ${peer} keeps its own LAN1 address and option keys (DOMAIN §6.10).` : '';
    button.addEventListener('click', async () => {
      const sure = await confirmAction({ title: `Restore ${peer}?`, text: `Restoring ${name} replaces ${peer}'s configuration and restarts it.${carried}`, confirmLabel: 'Restore' });
      if (sure) await run(button, { kind: 'restore', peer, backup: name, ...(from ? { from } : {}) });
    });
    return button;
  };
  const table = (label, rows, withFrom) => h('table', { class: 'grid', 'aria-label': label },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Backup file'), withFrom ? h('th', { scope: 'col' }, 'Taken on') : null, h('th', { scope: 'col' }, ''))),
    h('tbody', {}, rows.map(({ name, from }) => h('tr', {}, h('td', { class: 'mono' }, name), withFrom ? h('td', {}, from) : null, h('td', {}, restoreButton(name, from))))));

  let last = '';
  const update = (data) => {
    const otherBackups = data.otherBackups ?? [];
    const key = JSON.stringify([data.backups, otherBackups]);
    if (key === last) return;
    last = key;
    fill(backups, data.backups.length === 0 ? h('p', { class: 'muted' }, 'No backups on this peer.')
      : table('Backups', data.backups.map((name) => ({ name })), false));
    fill(others, otherBackups.length === 0 ? h('p', { class: 'muted' }, 'No backups of other peers.')
      : table('Backups of other peers', otherBackups, true));
  };
  return {
    el: h('div', { class: 'page maintenance' }, h('h3', {}, 'Create backup'), h('div', { class: 'actions' }, backupButton), h('h3', {}, 'Restore'), backups,
      h('h3', {}, 'Restore a backup of another peer (configuration migration)'), others, result),
    update, dispose() {},
  };
}

export function upgradePage({ peer, act }) {
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const run = runner(act, result);
  const versionId = uid('version');
  const version = h('input', { id: versionId, type: 'text', placeholder: 'X15.0.2', spellcheck: 'false', autocomplete: 'off' });
  const upgradeButton = h('button', { type: 'submit', class: 'primary' }, 'Upgrade');
  const upgrade = h('form', { class: 'upgrade', 'aria-label': 'Upgrade' }, h('label', { for: versionId }, 'Software version'), version, upgradeButton);
  upgrade.addEventListener('submit', (event) => {
    event.preventDefault();
    run(upgradeButton, { kind: 'upgrade', peer, version: version.value.trim() });
  });
  const staged = h('p', { class: 'muted' });
  let last = '';
  const update = (data) => {
    const key = JSON.stringify([data.system.version, data.system.stagedVersion]);
    if (key === last) return;
    last = key;
    version.placeholder = data.system.version;
    fill(staged, data.system.stagedVersion ? `Installed ${data.system.stagedVersion}; it runs after the next reboot.` : `Running ${data.system.version}.`);
  };
  return { el: h('div', { class: 'page maintenance' }, staged, upgrade, result), update, dispose() {} };
}
