/**
 * Root's shell on a peer (SSH as root, or the console), as far as the procedures need it: the
 * commands that change the peer go to the host as `root` actions (rootShell.ts checks and runs
 * them: the purge script, `factory-reset`, copying a package), the product's usual read-only
 * commands are answered here, `tshell` opens the admin CLI inside it, and `help` says all of that.
 *
 * assumption: root's prompt as on the appliance's bash, `~ # ` (DOMAIN §8.3 shows commands, not the
 * prompt); the login line is the twin's.
 */
import type { Twin } from '../../twin.js';
import type { ActionResult } from '../actionTypes.js';
import { FACTORY_RESET_DIR, FACTORY_RESET_IMAGE, PURGE_SCRIPT, SCP_UPGRADE_PATH } from '../rootShell.js';
import { TshellSession } from '../tshell/session.js';
import { knownPeer } from '../validate.js';
import { closedByRemote, completeWord, reply, SESSION_ENDED, twinOf, type TwinSource, type Completion, type ShellReply, type ShellSession, type ShellStep } from './session.js';

export const ROOT_PROMPT = '~ # ';

/** `help`: what the twin models of root's shell, with where a procedure uses it. */
export const ROOT_HELP: readonly string[] = [
  'The twin models these root commands (the rest of bash is not there):',
  `  ${PURGE_SCRIPT}   destroy and purge this peer's cluster database (DOMAIN §6.18, last resort)`,
  '  factory-reset                         rebuild the peer from the image in the factory-reset folder (§9.2)',
  `  cp|scp|mv FILE ${FACTORY_RESET_DIR}/${FACTORY_RESET_IMAGE}`,
  '                                        put the software package where factory-reset finds it (§9.3)',
  `  cp|scp|mv s42700x15_0_2.tar.gz ${SCP_UPGRADE_PATH}`,
  '                                        upgrade over SCP: installs at the next reboot (§6.14)',
  'Read-only:',
  `  ls [${FACTORY_RESET_DIR}]      what the factory-reset script will find`,
  '  hostname                              this peer\'s system host name',
  '  tshell                                the admin CLI (xConfiguration, xCommand, xStatus); exit returns here',
  '  help, exit',
];

const COMMANDS = [PURGE_SCRIPT, 'factory-reset', 'cp', 'scp', 'mv', 'ls', 'hostname', 'tshell', 'help', 'exit', 'logout'];

export class RootSession implements ShellSession {
  private admin: TshellSession | undefined;
  private isClosed = false;
  private readonly currentTwin: () => Twin;

  /** Throws the twin's XTW_ERR_TWIN_UNKNOWN_PEER for a peer the world does not have. */
  constructor(twin: TwinSource, readonly peer: string) {
    this.currentTwin = twinOf(twin);
    knownPeer(this.twin, peer);
  }

  private get twin(): Twin {
    return this.currentTwin();
  }

  get prompt(): string {
    return this.admin?.prompt ?? ROOT_PROMPT;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  welcome(): string[] {
    return [`Logged in as root on ${this.peer}. Type help for what the twin models here.`];
  }

  read(line: string): ShellStep {
    if (this.isClosed) return reply([SESSION_ENDED], true);
    if (this.admin) return this.readAdmin(line);
    const [command = '', ...args] = line.trim().split(/\s+/).filter(Boolean);
    switch (command) {
      case '': return reply([]);
      case 'exit': case 'logout':
        this.isClosed = true;
        return reply([], true);
      case 'help': return reply(ROOT_HELP);
      case 'hostname': return reply([this.twin.observe(this.peer).hostName]);
      case 'ls': return reply(this.list(args));
      case 'tshell':
        this.admin = new TshellSession(this.currentTwin, this.peer);
        return reply(this.admin.welcome());
    }
    return { kind: 'act', action: { kind: 'root', peer: this.peer, command: line.trim() }, settle: (r) => this.settle(line.trim(), r) };
  }

  dropped(): readonly string[] | undefined {
    if (this.isClosed || this.twin.observe(this.peer).serving) return undefined;
    this.isClosed = true;
    return [closedByRemote(this.peer)];
  }

  complete(line: string): Completion {
    if (this.admin) return this.admin.complete(line);
    if (/^\s*\S+\s/.test(line)) return completeWord(line, [`${FACTORY_RESET_DIR}/`, `${FACTORY_RESET_DIR}/${FACTORY_RESET_IMAGE}`, SCP_UPGRADE_PATH]);
    return completeWord(line, COMMANDS);
  }

  /** Inside `tshell`: the admin session answers; its exit comes back to root's prompt. */
  private readAdmin(line: string): ShellStep {
    const step = this.admin!.read(line);
    if (step.kind === 'act') return { ...step, settle: (r) => this.afterAdmin(step.settle(r)) };
    return reply(this.afterAdmin(step.reply).output, this.isClosed);
  }

  private afterAdmin(r: ShellReply): ShellReply {
    if (!r.closed) return r;
    this.admin = undefined;
    // The admin CLI ended because the peer went away: root's SSH session went with it.
    if (!this.twin.observe(this.peer).serving) this.isClosed = true;
    return { output: r.output, closed: this.isClosed };
  }

  private settle(command: string, r: ActionResult): ShellReply {
    const output = r.ok ? r.output : [...r.output, bashError(command, r.error.code, r.error.message)];
    // The factory-reset script and a restart end the SSH session with the system.
    const bye = this.dropped();
    return bye ? { output: [...output, ...bye], closed: true } : { output, closed: false };
  }

  private list(args: readonly string[]): string[] {
    const dir = (args.find((a) => !a.startsWith('-')) ?? '~').replace(/\/+$/, '');
    if (dir === FACTORY_RESET_DIR) return this.twin.observe(this.peer).system.factoryResetImage ? [FACTORY_RESET_IMAGE] : [];
    if (dir === `${FACTORY_RESET_DIR}/${FACTORY_RESET_IMAGE}`) {
      return this.twin.observe(this.peer).system.factoryResetImage ? [dir] : [`ls: cannot access '${dir}': No such file or directory`];
    }
    return [`ls: the twin models only ${FACTORY_RESET_DIR} (try: ls ${FACTORY_RESET_DIR})`];
  }
}

/** bash's own words for an unknown command, with the twin's hint; the twin's sentence for the rest. */
function bashError(command: string, code: string, message: string): string {
  const first = command.split(/\s+/)[0] ?? command;
  return code === 'XTW_ERR_OP_COMMAND_NOT_FOUND' ? `-bash: ${first}: command not found (help lists what the twin models)` : message;
}
