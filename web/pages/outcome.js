/**
 * What an operator action answered, drawn the same way on every page: the product's output lines,
 * or its refusal (code and words, verbatim). Pages call `actionOutcome(act, action)`.
 */
import { h } from '../dom.js';
import { errorBox } from '../notice.js';

/** Runs `action` through `act` and returns `{ ok, el }` describing the answer. */
export async function actionOutcome(act, action) {
  try {
    const result = await act(action);
    const lines = result.output.length > 0 ? result.output : ['Done.'];
    return { ok: true, el: h('pre', { class: 'output ok', role: 'status' }, lines.join('\n')) };
  } catch (e) {
    return { ok: false, el: errorBox(e, e.output ?? []) };
  }
}
