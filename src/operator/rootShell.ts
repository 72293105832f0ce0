/**
 * The root shell of a peer, as far as the procedures need it (DOMAIN §6.18, §8.3, §9.2, §9.3):
 * `clusterdb_destroy_and_purge_data.sh`, `factory-reset`, and copying the software package into
 * `/mnt/harddisk/factory-reset/`. Anything else is bash's "command not found". A command is checked
 * completely and returned as a thunk, so a refused command changes nothing.
 */
import { message, PeerError, type Twin } from '../twin.js';
import { OperatorError } from './errors.js';

export const FACTORY_RESET_DIR = '/mnt/harddisk/factory-reset';
/** The name the factory-reset script looks for (DOMAIN §9.2: "tandberg-image.tar.gz (renamed version tar)"). */
export const FACTORY_RESET_IMAGE = 'tandberg-image.tar.gz';
/** The release-key file beside it (DOMAIN §9.2, X15.0 text); the twin does not model its contents. */
export const FACTORY_RESET_RELEASE_KEY = 'rk';

export const PURGE_SCRIPT = 'clusterdb_destroy_and_purge_data.sh';
const PURGE = PURGE_SCRIPT;
const COPY_COMMANDS = ['cp', 'scp', 'mv'];

/**
 * The prompts of the `factory-reset` script in order, each answered NO as DOMAIN §9.2 recommends,
 * then the confirmation answered YES. assumption: the action runs the script non-interactively
 * with those answers; the twin's reset keeps what §9.1 lists whatever the answers.
 */
const FACTORY_RESET_PROMPTS = [
  'factoryReset.keepOptionKeys', 'factoryReset.keepFips', 'factoryReset.keepIp', 'factoryReset.keepSshKeys',
  'factoryReset.keepCertificates', 'factoryReset.keepPasswords', 'factoryReset.saveLogs',
] as const;

/** What a root command line does, once its words are checked (no twin needed). */
type RootPlan =
  | { kind: 'purge' }
  | { kind: 'factory-reset' }
  | { kind: 'release-key' }
  | { kind: 'image' }
  | { kind: 'upgrade'; version: string };

/** Check one root command line on `peer`; the thunk runs it and returns the terminal output. */
export function prepareRootCommand(twin: Twin, peer: string, line: string): () => string[] {
  const plan = rootPlan(line);
  // A root shell needs the system up (SSH, or the console of a booted system).
  const o = twin.observe(peer);
  if (!o.serving) throw new PeerError('XTW_ERR_PEER_NOT_RUNNING', { state: o.state });
  switch (plan.kind) {
    case 'purge':
      return () => (twin.purgeClusterDatabase(peer), []);
    case 'factory-reset':
      return () => {
        const transcript = [...FACTORY_RESET_PROMPTS.map((k) => `${message(k)} NO`), `${message('factoryReset.confirm')} YES`];
        twin.factoryReset(peer);
        return transcript;
      };
    case 'release-key':
      return () => [];
    case 'image':
      return () => (twin.placeFactoryResetImage(peer), []);
    case 'upgrade':
      return () => (twin.upgrade(peer, plan.version), [message('upgrade.inProgress'), message('upgrade.complete')]);
  }
}

/**
 * The words of a root command line checked without a twin (`xtwin validate` uses it too): the
 * command exists and its operands make sense. Throws the shell's own refusal.
 */
export function rootPlan(line: string): RootPlan {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const [first, ...args] = words;
  if (first === undefined) throw new OperatorError('XTW_ERR_OP_ROOT_USAGE', { value: 'root', problem: 'no command given' });
  const command = basename(first);
  if (command === PURGE || command === 'factory-reset') {
    if (args.length > 0) throw new OperatorError('XTW_ERR_OP_ROOT_USAGE', { value: command, problem: `takes no arguments, got '${args.join(' ')}'` });
    return { kind: command === PURGE ? 'purge' : 'factory-reset' };
  }
  if (!COPY_COMMANDS.includes(command)) throw new OperatorError('XTW_ERR_OP_COMMAND_NOT_FOUND', { value: first });
  return copyPlan(command, args);
}

/** `cp|mv|scp SOURCE DEST` into the factory-reset folder (DOMAIN §9.3 fix B). */
function copyPlan(command: string, args: readonly string[]): RootPlan {
  const operands = args.filter((a) => !a.startsWith('-'));
  if (operands.length !== 2) {
    throw new OperatorError('XTW_ERR_OP_ROOT_USAGE', { value: command, problem: `expected a source and a destination, got ${operands.length} operand(s)` });
  }
  const [source, destination] = operands as [string, string];
  // scp names remote files `user@host:/path`; the host is this peer, so only the path counts.
  const dest = destination.replace(/^[^/:]*:/, '').replace(/\/+$/, '');
  const sourceName = basename(source.replace(/^[^/:]*:/, ''));
  const target = dest === FACTORY_RESET_DIR ? `${FACTORY_RESET_DIR}/${sourceName}` : dest === '/tmp' ? `/tmp/${sourceName}` : dest;
  // The package keeps its versioned name when copied to /tmp; the rename to tandberg-image.tar.gz starts the upgrade.
  if (target === SCP_UPGRADE_PATH) return scpUpgradePlan(command, sourceName === 'tandberg-image.tar.gz' ? source : sourceName);
  if (!target.startsWith(`${FACTORY_RESET_DIR}/`)) {
    throw new OperatorError('XTW_ERR_OP_ROOT_USAGE', { value: command, problem: `the twin's root shell only copies into ${FACTORY_RESET_DIR}/, not to '${destination}'` });
  }
  const name = target.slice(FACTORY_RESET_DIR.length + 1);
  if (name === FACTORY_RESET_RELEASE_KEY) return { kind: 'release-key' };
  if (name !== FACTORY_RESET_IMAGE) {
    throw new OperatorError('XTW_ERR_OP_ROOT_USAGE', {
      value: command,
      problem: `the factory-reset script only finds ${FACTORY_RESET_DIR}/${FACTORY_RESET_IMAGE}; '${name}' would be ignored (rename the package)`,
    });
  }
  return { kind: 'image' };
}

/** Where an upgrade package copied over SCP must land (DOMAIN §6.14 "SCP alternative"). */
export const SCP_UPGRADE_PATH = '/tmp/tandberg-image.tar.gz';

/**
 * An upgrade over SCP: the package, renamed to /tmp/tandberg-image.tar.gz, installs and runs after
 * the next reboot. Its version comes from the package's own name (`s42700x15_0_2.tar.gz` → X15.0.2).
 */
function scpUpgradePlan(command: string, sourceName: string): RootPlan {
  const m = /x(\d{1,2})_(\d{1,2})(?:_(\d{1,2}))?/i.exec(sourceName);
  if (!m) {
    throw new OperatorError('XTW_ERR_OP_ROOT_USAGE', { value: command, problem: `cannot tell the software version from '${sourceName}' (expected a name like s42700x15_0_2.tar.gz)` });
  }
  return { kind: 'upgrade', version: `X${m[1]}.${m[2]}${m[3] !== undefined ? `.${m[3]}` : ''}` };
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
