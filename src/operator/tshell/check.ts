/**
 * A tshell line checked without a twin: everything `runTshell` would refuse whatever state the
 * world is in — syntax, unknown families, commands, paths and parameters, keys that do not exist
 * or cannot be set, and values the key's type refuses (the peer's own `checkValue`). What depends
 * on the moment (a peer that is down, a mapping that must already exist, a gap in the peer list)
 * is left to the run. `xtwin validate` uses it so that a runbook line the CLI can never accept is
 * an error with file:line:col before anything runs.
 *
 * @example tshellLineProblem('xConfiguration Alternates Peer 3 Adress: "10.0.0.13"')?.code // 'XTW_ERR_PEER_UNKNOWN_KEY'
 */
import { CONFIG_KEYS, checkValue, keySpec, requireKey, type KeySpec } from '../../twin.js';
import type { ActionError } from '../actionTypes.js';
import { asActionError, attempt, OperatorError } from '../errors.js';
import { help, shellWord } from './commands.js';
import { NOT_SETTABLE_HINT } from './configuration.js';
import { parseTshellLine, type TshellNode } from './parse.js';
import { statusElement } from '../status/model.js';
import { badParameter, findCommand } from './xcommands.js';

/** Why `line` can never be accepted by the tshell, or undefined when it may be. */
export function tshellLineProblem(line: string): ActionError | undefined {
  const parsed = parseTshellLine(line);
  if (!parsed.ok) return { code: 'XTW_ERR_OP_TSHELL_SYNTAX', message: parsed.error.message };
  return nodeProblem(parsed.node);
}

function nodeProblem(node: TshellNode): ActionError | undefined {
  switch (node.kind) {
    case 'empty':
      return undefined;
    case 'help':
    case 'shell': {
      const r = node.kind === 'help' ? help(node.family, node.path, node.detailed) : shellWord(node.word, node.args);
      return r.ok ? undefined : r.error;
    }
    case 'read':
      if (node.family === 'xConfiguration') return configurationPathKnown(node.path) ? undefined : unknownPath('xConfiguration', node.path);
      if (node.family === 'xStatus') return node.path.length === 0 || statusElement(node.path[0]!) !== undefined ? undefined : unknownPath('xStatus', node.path);
      return operatorError(new OperatorError('XTW_ERR_OP_TSHELL_UNSUPPORTED', { value: node.family }));
    case 'set':
      return setProblem(node.path.join(' '), node.value);
    case 'command': {
      const def = findCommand(node.path);
      if (def === undefined) return operatorError(new OperatorError('XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND', { value: `xCommand ${node.path.join(' ')}` }));
      const given = new Map<string, string>();
      for (const p of node.params) {
        const spec = def.params.find((d) => d.name.toLowerCase() === p.name.toLowerCase());
        if (spec === undefined) {
          const expected = def.params.length === 0 ? 'it takes no parameters' : `parameters: ${def.params.map((d) => d.name).join(', ')}`;
          return operatorError(badParameter(def.path.join(' '), `unknown parameter '${p.name}' (${expected})`));
        }
        given.set(spec.name.toLowerCase(), p.value);
      }
      const missing = def.params.find((d) => d.required === true && !given.has(d.name.toLowerCase()));
      if (missing) return operatorError(badParameter(def.path.join(' '), `missing required parameter '${missing.name}'`));
      const checked = attempt(() => def.check?.(given));
      return checked.ok ? undefined : checked.error;
    }
  }
}

/** `xConfiguration <key>: <value>` as `setConfiguration` checks it, minus the peer's state. */
function setProblem(key: string, value: string): ActionError | undefined {
  const spec = keySpec(key);
  const hint = spec ? NOT_SETTABLE_HINT[spec.type.kind] : undefined;
  if (spec && hint) return operatorError(new OperatorError('XTW_ERR_OP_TSHELL_NOT_SETTABLE', { value: spec.key, hint }));
  const checked = attempt(() => checkValue(requireKey(key), value));
  return checked.ok ? undefined : checked.error;
}

/**
 * Whether an `xConfiguration <path>` read can match: the path is a prefix of a key, or goes inside
 * a list-valued or certificate key (whose items exist only at run time).
 */
function configurationPathKnown(path: readonly string[]): boolean {
  return CONFIG_KEYS.some((spec) => {
    const words = spec.key.split(' ');
    return startsWith(words, path) || (hasItems(spec) && startsWith(path, words));
  });
}

function hasItems(spec: KeySpec): boolean {
  return spec.type.kind === 'mappings' || spec.type.kind === 'names' || spec.type.kind === 'optionKeys' || spec.type.kind === 'certificate';
}

function startsWith(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= words.length && prefix.every((w, i) => w.toLowerCase() === words[i]!.toLowerCase());
}

function unknownPath(family: 'xConfiguration' | 'xStatus', path: readonly string[]): ActionError {
  return operatorError(new OperatorError('XTW_ERR_OP_TSHELL_UNKNOWN_PATH', { family, value: path.join(' ') }));
}

function operatorError(e: OperatorError): ActionError {
  return asActionError(e)!;
}
