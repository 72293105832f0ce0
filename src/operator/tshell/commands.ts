/**
 * The semantic tshell: one parsed line (parse.ts) run against one peer of the twin, answered in the
 * XACLI format (render.ts). Reads come from the peer's observation; writes go through the twin's
 * façade with the `cli` origin, and every refusal is checked before anything changes, so a refused
 * line leaves the world exactly as it was. Never throws for any input line.
 *
 * @example runTshell(twin, 'expc02', 'xCommand ForceConfigUpdate') // { ok: true, output: ['*r ForceConfigUpdateResult (status=OK):', '*r/end', 'OK'] }
 */
import { message, type Twin } from '../../twin.js';
import { asActionError, attempt, OperatorError } from '../errors.js';
import { configurationHelp, readConfiguration, setConfiguration } from './configuration.js';
import { accepted, refused, type TshellResult } from './outcome.js';
import { parseTshellLine, type Family, type TshellNode, type TshellParam } from './parse.js';
import { renderHelp, renderResult, type HelpEntry } from './render.js';
import { readStatus, statusHelp } from './status.js';
import { badParameter, COMMANDS, findCommand, type CommandDef } from './xcommands.js';
import { knownPeer } from '../validate.js';

export type { TshellResult } from './outcome.js';

/** Words that end an interactive session (TshellSession); on their own they do nothing. */
export const EXIT_WORDS: readonly string[] = ['exit', 'quit', 'bye'];

/** The families the twin answers, for `?` and `help`. */
export const FAMILY_HELP: readonly HelpEntry[] = [
  { path: 'xCommand', description: 'Run a command (xCommand ? lists them)' },
  { path: 'xConfiguration', description: 'Read or set configuration (xConfiguration ? lists the elements)' },
  { path: 'xStatus', description: 'Read status (xStatus ? lists the elements)' },
  { path: 'exit', description: 'End the session' },
];

/** Commands in alphabetical order, as `xCommand ?` lists them (a plain code-unit order: no locale). */
const LISTED: readonly CommandDef[] = [...COMMANDS].sort((a, b) => (a.path.join(' ') < b.path.join(' ') ? -1 : 1));

/**
 * Run one tshell line on `peer`. A peer that is not up has no CLI: the answer is refused with no
 * output lines. Unknown peers are refused with the twin's error naming them.
 */
export function runTshell(twin: Twin, peer: string, line: string): TshellResult {
  const known = attempt(() => knownPeer(twin, peer));
  if (!known.ok) return { ok: false, output: [], error: known.error };
  const o = twin.observe(peer);
  if (!o.serving) return { ok: false, output: [], error: { code: 'XTW_ERR_PEER_NOT_RUNNING', message: `The system is not running (state: '${o.state}')` } };
  const parsed = parseTshellLine(line);
  if (!parsed.ok) return refused({ code: 'XTW_ERR_OP_TSHELL_SYNTAX', message: parsed.error.message });
  return runNode(twin, peer, parsed.node);
}

function runNode(twin: Twin, peer: string, node: TshellNode): TshellResult {
  switch (node.kind) {
    case 'empty':
      return accepted([]);
    case 'help':
      return help(node.family, node.path, node.detailed);
    case 'read':
      if (node.family === 'xConfiguration') return readConfiguration(twin.observe(peer), node.path);
      if (node.family === 'xStatus') return readStatus(twin, peer, node.path);
      return unsupported(node.family);
    case 'set':
      return setConfiguration(twin, peer, node.path, node.value);
    case 'command':
      return runCommand(twin, peer, node.path, node.params);
    case 'shell':
      return shellWord(node.word, node.args);
  }
}

/** Help for a family and path; pure (help reads only the tables), so the static check uses it too. */
export function help(family: Family | undefined, path: readonly string[], detailed: boolean): TshellResult {
  switch (family) {
    case undefined: return accepted(renderHelp(FAMILY_HELP, detailed));
    case 'xConfiguration': return configurationHelp(path, detailed);
    case 'xStatus': return statusHelp(path, detailed);
    case 'xCommand': return commandHelp(path, detailed);
    default: return unsupported(family);
  }
}

function commandHelp(path: readonly string[], detailed: boolean): TshellResult {
  const defs = path.length === 0 ? LISTED : [findCommand(path)].filter((c): c is CommandDef => c !== undefined);
  if (defs.length === 0) return unknownCommand(`xCommand ${path.join(' ')}`);
  const entries = defs.map((c) => ({ path: `xCommand ${c.path.join(' ')}`, params: c.params, description: c.description }));
  // `xCommand <command> ?` shows that command's parameters (DOMAIN §8.1).
  return accepted(renderHelp(entries, detailed || path.length > 0));
}

/** Match the parameters completely (names case-insensitive, required ones present), then run. */
function runCommand(twin: Twin, peer: string, path: readonly string[], params: readonly TshellParam[]): TshellResult {
  const def = findCommand(path);
  if (def === undefined) return unknownCommand(`xCommand ${path.join(' ')}`);
  const name = def.path.join('');
  const values = new Map<string, string>();
  for (const p of params) {
    const spec = def.params.find((d) => d.name.toLowerCase() === p.name.toLowerCase());
    if (spec === undefined) {
      const expected = def.params.length === 0 ? 'it takes no parameters' : `parameters: ${def.params.map((d) => d.name).join(', ')}`;
      return refusedCommand(name, badParameter(def.path.join(' '), `unknown parameter '${p.name}' (${expected})`));
    }
    values.set(spec.name.toLowerCase(), p.value);
  }
  const missing = def.params.find((d) => d.required === true && !values.has(d.name.toLowerCase()));
  if (missing) return refusedCommand(name, badParameter(def.path.join(' '), `missing required parameter '${missing.name}'`));
  const result = attempt(() => (def.check?.(values), def.run({ twin, peer, observation: twin.observe(peer) }, values)));
  if (!result.ok) return refused(result.error, { name, reason: result.error.message });
  return accepted(renderResult(name, 'OK', result.value));
}

export function shellWord(word: string, args: readonly string[]): TshellResult {
  const lower = word.toLowerCase();
  if (EXIT_WORDS.includes(lower) && args.length === 0) return accepted([]);
  if (lower === 'xfeedback' || lower === 'xhistory') return unsupported(word);
  if (lower === 'help' && args.length === 1) {
    const family = (['xConfiguration', 'xCommand', 'xStatus'] as const).find((f) => f.toLowerCase() === args[0]!.toLowerCase());
    if (family) return help(family, [], false);
  }
  return unknownCommand([word, ...args].join(' '));
}

function unknownCommand(text: string): TshellResult {
  const error = asActionError(new OperatorError('XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND', { value: text }))!;
  return refused(error, { reason: message('tshell.reason.unknownCommand') });
}

function unsupported(family: string): TshellResult {
  return refused(asActionError(new OperatorError('XTW_ERR_OP_TSHELL_UNSUPPORTED', { value: family }))!);
}

function refusedCommand(name: string, e: OperatorError): TshellResult {
  return refused(asActionError(e)!, { name });
}
