/**
 * A refusal from the lab server, shown as the server worded it: the code, then the message with
 * its line breaks kept (a runbook's errors are one `file:line:col` line each).
 */
import { h } from './dom.js';

export function errorBox(error, output = []) {
  return h('div', { class: 'notice error', role: 'alert' },
    h('p', { class: 'code' }, error.code ?? 'Error'),
    h('pre', { class: 'message' }, [...output, error.message].join('\n')));
}
