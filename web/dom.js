/**
 * The one DOM helper of the web UI: build elements from a tag, attributes and children. Text from
 * the server is always set as text (never parsed as HTML), so a peer name or an error message
 * cannot inject markup. Attributes starting with "on" and given a function become listeners.
 */

/** `h('button', { type: 'button', onclick }, 'Save')` — falsy attributes and children are left out. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function' && name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Replaces everything inside `el` with `children`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Text only screen readers announce ("met", "not met" beside a ✓ or ✗). */
export function srOnly(text) {
  return h('span', { class: 'sr-only' }, text);
}

/** A unique element id for label/for pairs. */
let nextId = 0;
export function uid(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
