/**
 * The admin interface's menu bar, as the product draws it: Status, System, Configuration,
 * Applications, Users, Maintenance, Help, each a drop-down of pages. The pages the twin models
 * open; the others are listed greyed out ("not modelled"), so the bar reads like the product's
 * without pretending. Keyboard: Enter, Space or ↓ opens a menu, ↑/↓ move in it, ←/→ move along
 * the bar, Escape closes (WAI-ARIA menubar pattern).
 */
import { h } from '../dom.js';

/** `menus`: `[{ label, items: [{ id?, label }] }]`; an item without id is not modelled. `onPick(id)`. */
export function createMenuBar({ menus, onPick }) {
  const bar = h('ul', { class: 'menubar', role: 'menubar', 'aria-label': 'Admin menu' });
  const tops = [];
  let open;

  const close = () => {
    if (!open) return;
    open.top.setAttribute('aria-expanded', 'false');
    open.list.hidden = true;
    open = undefined;
  };
  const show = (entry, focusItem) => {
    if (open !== entry) close();
    open = entry;
    entry.top.setAttribute('aria-expanded', 'true');
    entry.list.hidden = false;
    if (focusItem !== undefined) entry.items.at(focusItem)?.focus();
  };
  const move = (from, step) => {
    const next = tops[(tops.indexOf(from) + step + tops.length) % tops.length];
    const wasOpen = open !== undefined;
    close();
    next.top.focus();
    if (wasOpen) show(next);
  };

  for (const menu of menus) {
    const top = h('button', { type: 'button', class: 'menu-top', role: 'menuitem', 'aria-haspopup': 'menu', 'aria-expanded': 'false' },
      menu.label, h('span', { class: 'caret', 'aria-hidden': 'true' }, ' ▾'));
    const list = h('ul', { class: 'menu-list', role: 'menu', 'aria-label': menu.label, hidden: true });
    const entry = { menu, top, list, items: [] };
    for (const item of menu.items) {
      const button = h('button', {
        type: 'button', role: 'menuitem', tabindex: '-1', class: 'menu-item',
        ...(item.id ? { 'data-page': item.id } : { 'aria-disabled': 'true', title: 'Not modelled in the twin' }),
      }, item.label, item.id ? null : h('span', { class: 'not-modelled' }, ' — not modelled'));
      button.addEventListener('click', () => {
        if (!item.id) return;
        close();
        onPick(item.id);
        top.focus();
      });
      button.addEventListener('keydown', (e) => {
        const i = entry.items.indexOf(button);
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          entry.items.at((i + (e.key === 'ArrowDown' ? 1 : -1)) % entry.items.length).focus();
        } else if (e.key === 'Escape') {
          close();
          top.focus();
        } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') move(entry, e.key === 'ArrowRight' ? 1 : -1);
      });
      entry.items.push(button);
      list.append(h('li', { role: 'none' }, button));
    }
    top.addEventListener('click', () => (open === entry ? close() : show(entry)));
    top.addEventListener('mouseenter', () => open && open !== entry && show(entry));
    top.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        show(entry, 0);
      } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') move(entry, e.key === 'ArrowRight' ? 1 : -1);
      else if (e.key === 'Escape') close();
    });
    tops.push(entry);
    bar.append(h('li', { role: 'none', class: 'menu-slot' }, top, list));
  }
  // A click anywhere else closes the open menu, as a desktop menu does.
  document.addEventListener('click', (e) => {
    if (open && !bar.contains(e.target)) close();
  });

  return {
    el: bar,
    /** marks the menu holding the open page (`aria-current` on its item) */
    mark(id) {
      for (const { top, items } of tops) {
        let holds = false;
        for (const item of items) {
          const here = item.dataset.page === id;
          if (here) item.setAttribute('aria-current', 'page');
          else item.removeAttribute('aria-current');
          holds ||= here;
        }
        top.classList.toggle('holds-current', holds);
      }
    },
  };
}
