/**
 * Tab completion for a tshell line: the first word among the families and the session's own words,
 * then the family's paths — configuration keys, status elements, command paths — a word at a time.
 */
import { CONFIG_KEYS } from '../../twin.js';
import { completePath, completeWord, type Completion } from '../shell/session.js';
import { STATUS_ELEMENTS } from '../status/model.js';
import { COMMANDS } from './xcommands.js';

const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  xconfiguration: CONFIG_KEYS.map((s) => s.key),
  xstatus: STATUS_ELEMENTS.map((e) => e.name),
  xcommand: COMMANDS.map((c) => c.path.join(' ')),
};

/** `words`: what the session answers besides the families (help, history, exit …). */
export function completeTshell(line: string, words: readonly string[]): Completion {
  const first = /^\s*(\S+)(\s+)/.exec(line);
  if (!first) return completeWord(line, ['xConfiguration', 'xCommand', 'xStatus', ...words]);
  const paths = FAMILIES[first[1]!.toLowerCase()];
  return paths ? completePath(line.slice(first[0].length), paths) : [[], line];
}
