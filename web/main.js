/**
 * The web UI's entry point: the lab and token come from the URL fragment (`#lab=…&token=…`), which
 * browsers never send to the server; `#class=<key>` is the trainer's class list; with neither, the
 * start page. A new fragment (a lab just
 * started, a pasted link) swaps the view without reloading.
 */
import { mountLab } from './lab/labApp.js';
import { mountClassPage } from './classPage.js';
import { mountStartPage } from './startPage.js';

const root = document.getElementById('app');
let view;

function route() {
  view?.dispose();
  root.replaceChildren();
  const params = new URLSearchParams(location.hash.slice(1));
  const labId = params.get('lab');
  const token = params.get('token');
  const classKey = params.get('class');
  view = labId && token ? mountLab(root, { labId, token }) : classKey ? mountClassPage(root, { classKey }) : mountStartPage(root);
}

window.addEventListener('hashchange', route);
route();
