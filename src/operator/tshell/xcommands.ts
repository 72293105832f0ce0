/**
 * The `xCommand`s a peer answers (DOMAIN §8.3), as a table: path, parameters with valuespaces,
 * a description for help, and `run`, which checks everything it can and then makes exactly one
 * change through the twin (which checks the rest before it changes anything) — so a refused
 * command leaves the world as it was. Results print as `*r <PathWords>Result (status=OK|Error):`.
 *
 * assumption (DOMAIN §8.2 NOT FOUND): the result name is the command's path words run together
 * (`ClusterAddressMappingAddResult`), as in the XACLI family. `Backup` and `Restore Filename:` are
 * the twin's CLI for Maintenance > Backup and restore (DOMAIN §6.16 names no xCommand); upgrades
 * stay on the `upgrade` action (no upgrade xCommand in DOMAIN §8.3); maintenance mode is the
 * configuration leaf `xConfiguration Maintenance Mode: On|Off` (cliAssumed in the schema).
 */
import { isFqdn, isIpAddress, type OptionKey, type PeerObservation, type Twin } from '../../twin.js';
import { OperatorError } from '../errors.js';
import { defaultValuesEdits, type DefaultValuesLevel } from './defaultValues.js';
import { CLI_ORIGIN } from './outcome.js';
import type { HelpParam, ResultField, Valuespace } from './render.js';

export interface CommandContext {
  readonly twin: Twin;
  readonly peer: string;
  readonly observation: PeerObservation;
}

export interface CommandDef {
  /** canonical path words */
  readonly path: readonly string[];
  readonly params: readonly HelpParam[];
  readonly description: string;
  /**
   * What can be checked from the parameters alone, whatever the world's state (integer ranges,
   * address forms); run after the parameter names match, before `run`. `xtwin validate` uses it too.
   */
  check?(params: ReadonlyMap<string, string>): void;
  /** Check, then change at most once; throws PeerError/OperatorError when refused. */
  run(ctx: CommandContext, params: ReadonlyMap<string, string>): ResultField[];
}

const MAPPINGS = 'Alternates Cluster AddressMapping Entries';
const OPTION_KEYS = 'Option Keys';
/** `Option Key Delete OptionKeyId: <1..64>` (DOMAIN §8.3): at most 64 keys can be addressed. */
export const MAX_OPTION_KEYS = 64;
const OPTION_KEY_TEXT = /^[A-Za-z0-9-]{1,64}$/;

const level: Valuespace = { kind: 'integer', min: 1, max: 3 };
const text128: Valuespace = { kind: 'string', minLength: 1, maxLength: 128 };

export const COMMANDS: readonly CommandDef[] = [
  {
    path: ['Boot'], params: [], description: 'Reboots the Expressway (application, operating system and hardware; about 5 minutes).',
    run: ({ twin, peer }) => (twin.reboot(peer), []),
  },
  {
    path: ['Cluster', 'Address', 'Mapping', 'Add'],
    params: [{ name: 'Fqdn', valuespace: text128, required: true }, { name: 'IpAddress', valuespace: text128, required: true }],
    description: 'Adds an FQDN to IP address pair to the cluster address mapping table (replicated to every peer).',
    check: (p) => checkMapping(p.get('fqdn')!.trim().toLowerCase(), p.get('ipaddress')!.trim()),
    run: ({ twin, peer, observation }, p) => {
      const fqdn = p.get('fqdn')!.trim().toLowerCase();
      const ip = p.get('ipaddress')!.trim();
      const entries = mappings(observation);
      if (entries.some((m) => m.fqdn === fqdn)) throw badParameter('Cluster Address Mapping Add', `a mapping for ${fqdn} already exists`);
      twin.save(peer, { [MAPPINGS]: [...entries, { fqdn, ip }] }, CLI_ORIGIN);
      return [];
    },
  },
  {
    path: ['Cluster', 'Address', 'Mapping', 'Delete'],
    params: [{ name: 'Fqdn', valuespace: text128, required: true }, { name: 'IpAddress', valuespace: text128, required: true }],
    description: 'Deletes an FQDN to IP address pair from the cluster address mapping table.',
    run: ({ twin, peer, observation }, p) => {
      const fqdn = p.get('fqdn')!.trim().toLowerCase();
      const ip = p.get('ipaddress')!.trim().toLowerCase();
      const entries = mappings(observation);
      const at = entries.findIndex((m) => m.fqdn === fqdn && m.ip.toLowerCase() === ip);
      if (at < 0) throw badParameter('Cluster Address Mapping Delete', `no mapping ${fqdn} -> ${ip}`);
      twin.save(peer, { [MAPPINGS]: entries.filter((_, i) => i !== at) }, CLI_ORIGIN);
      return [];
    },
  },
  {
    path: ['DefaultValuesSet'], params: [{ name: 'Level', valuespace: level, required: true }],
    check: (p) => void integer('DefaultValuesSet', 'Level', p.get('level')!, 1, 3),
    description: 'Resets configuration to default values: Level 1 most items, Level 2 also remote-authentication items, Level 3 also all critical items.',
    run: ({ twin, peer, observation }, p) => {
      const edits = defaultValuesEdits(observation, integer('DefaultValuesSet', 'Level', p.get('level')!, 1, 3) as DefaultValuesLevel);
      twin.save(peer, edits, CLI_ORIGIN);
      return [];
    },
  },
  {
    path: ['ForceConfigUpdate'], params: [],
    description: 'Forces the relevant configuration on this peer to be updated to match that of the cluster primary. Never run it on the primary: the cluster configuration would be lost.',
    run: ({ twin, peer }) => (twin.forceConfigUpdate(peer), []),
  },
  {
    path: ['ForceSystemKeyUpdate'], params: [],
    description: 'Repairs "Failed to update key file" (X14 onwards). In a cluster, run it on a node where the alarm is not raised.',
    run: ({ twin, peer }) => (twin.forceSystemKeyUpdate(peer), []),
  },
  {
    path: ['Option', 'Key', 'Add'], params: [{ name: 'Key', valuespace: { kind: 'string', minLength: 1, maxLength: 64 }, required: true }],
    description: 'Adds an option key (a restart is needed before it takes effect).',
    run: ({ twin, peer, observation }, p) => {
      const key = p.get('key')!.trim();
      if (!OPTION_KEY_TEXT.test(key)) throw badParameter('Option Key Add', `'${key}' is not an option key (letters, digits and hyphens)`);
      const keys = optionKeys(observation);
      if (keys.some((k) => k.key === key)) throw badParameter('Option Key Add', `option key ${key} is already installed`);
      if (keys.length >= MAX_OPTION_KEYS) throw badParameter('Option Key Add', `at most ${MAX_OPTION_KEYS} option keys can be installed`);
      twin.save(peer, { [OPTION_KEYS]: [...keys, describeOptionKey(twin, key)] }, CLI_ORIGIN);
      return [];
    },
  },
  {
    path: ['Option', 'Key', 'Delete'], params: [{ name: 'OptionKeyId', valuespace: { kind: 'integer', min: 1, max: MAX_OPTION_KEYS }, required: true }],
    check: (p) => void integer('Option Key Delete', 'OptionKeyId', p.get('optionkeyid')!, 1, MAX_OPTION_KEYS),
    description: 'Deletes the option key with this id (its index in xConfiguration Option Keys).',
    run: ({ twin, peer, observation }, p) => {
      const id = integer('Option Key Delete', 'OptionKeyId', p.get('optionkeyid')!, 1, MAX_OPTION_KEYS);
      const keys = optionKeys(observation);
      if (id > keys.length) throw badParameter('Option Key Delete', `no option key with id ${id} (${keys.length} installed)`);
      twin.save(peer, { [OPTION_KEYS]: keys.filter((_, i) => i !== id - 1) }, CLI_ORIGIN);
      return [];
    },
  },
  {
    path: ['Backup'], params: [], description: 'Takes a backup of this peer (twin command for Maintenance > Backup and restore).',
    run: ({ twin, peer }) => [{ name: 'Filename', value: twin.backup(peer).name }],
  },
  {
    path: ['Restart'], params: [], description: 'Restarts the Expressway without a full system reboot (about 3 minutes).',
    run: ({ twin, peer }) => (twin.restart(peer), []),
  },
  {
    path: ['Restore'], params: [{ name: 'Filename', valuespace: text128, required: true }],
    description: 'Restores a backup taken on this peer (twin command). Refused on a clustered peer and across software versions.',
    run: ({ twin, peer }, p) => (twin.restore(peer, p.get('filename')!), []),
  },
];

/** Other spellings the documents use (DOMAIN §8.3: "xCommand Force Config Update", "Default Values Set"). */
const squash = (words: readonly string[]) => words.join('').toLowerCase();
const BY_NAME = new Map<string, CommandDef>(COMMANDS.map((c) => [squash(c.path), c]));

/** The command at `path`, matched case-insensitively and regardless of how its words are split. */
export function findCommand(path: readonly string[]): CommandDef | undefined {
  return BY_NAME.get(squash(path));
}

function mappings(o: PeerObservation): { fqdn: string; ip: string }[] {
  return [...((o.saved[MAPPINGS] ?? []) as readonly { fqdn: string; ip: string }[])];
}

function optionKeys(o: PeerObservation): OptionKey[] {
  return [...((o.saved[OPTION_KEYS] ?? []) as readonly OptionKey[])];
}

function checkMapping(fqdn: string, ip: string): void {
  if (!isFqdn(fqdn)) throw badParameter('Cluster Address Mapping Add', `Fqdn '${fqdn}' is not an FQDN`);
  if (!isIpAddress(ip)) throw badParameter('Cluster Address Mapping Add', `IpAddress '${ip}' is not an IP address`);
}

/**
 * assumption: an option key's text does not say what it unlocks (keys are opaque, DOMAIN §2.3). The
 * twin copies the meaning of the same key text installed on another peer of this world; an unknown
 * key becomes a feature key whose description is its text.
 */
function describeOptionKey(twin: Twin, key: string): OptionKey {
  for (const name of twin.peerNames()) {
    const known = ((twin.observe(name).saved[OPTION_KEYS] ?? []) as readonly OptionKey[]).find((k) => k.key === key);
    if (known) return { ...known };
  }
  return { key, kind: 'feature', description: key };
}

export function integer(command: string, name: string, raw: string, min: number, max: number): number {
  const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw badParameter(command, `${name} must be ${min}..${max}, got '${raw}'`);
  return n;
}

export function badParameter(command: string, problem: string): OperatorError {
  return new OperatorError('XTW_ERR_OP_TSHELL_BAD_PARAMETER', { command, value: problem });
}

