/**
 * The two shells a virtual peer offers over SSH and the browser terminal: the admin account's
 * tshell (TshellSession) and root's bash, as far as the procedures need it (the purge script,
 * factory-reset, copying the package). Each line is handed to `act`, which goes through the lab,
 * so it is validated, applied and logged exactly like a REST action.
 */
import { TshellSession, type Action, type ActionResult } from '../operator/index.js';
import type { Twin } from '../twin.js';
import type { LabManager, Role } from './labs.js';

export interface Shell {
  readonly prompt: string;
  welcome(): readonly string[];
  run(line: string): { readonly output: readonly string[]; readonly closed: boolean };
  /** What the client sees if the peer stopped answering while the shell sat idle (a restart elsewhere), else undefined. */
  dropped(): readonly string[] | undefined;
}

export type Account = 'admin' | 'root';
export const ACCOUNTS: readonly Account[] = ['admin', 'root'];

export type Act = (action: Action) => ActionResult;

/** `account`'s shell on `peer` of lab `labId`, every line acting with `role`'s rights; undefined if the lab is gone. */
export function labShell(labs: LabManager, labId: string, role: Role, peer: string, account: Account): Shell | undefined {
  const view = labs.get(labId);
  if (!view || !view.lab.twin.peerNames().includes(peer)) return undefined;
  return openShell(view.lab.twin, peer, account, (action) => {
    const r = labs.act(labId, role, action);
    return r.ok ? r.result : { ok: false, output: [], error: { code: r.code, message: r.message } };
  });
}

export function openShell(twin: Twin, peer: string, account: Account, act: Act): Shell {
  if (account === 'admin') {
    const session = new TshellSession(twin, peer, { execute: (line) => act({ kind: 'tshell', peer, line }) });
    return { prompt: session.prompt, welcome: () => session.welcome(), run: (line) => session.run(line), dropped: () => droppedBy(twin, peer) };
  }
  return rootShell(twin, peer, act);
}

/** A restart, reboot or power cut ends every SSH session on the peer (DOMAIN §5.5). */
function droppedBy(twin: Twin, peer: string): readonly string[] | undefined {
  return twin.observe(peer).serving ? undefined : [`Connection to ${peer} closed by remote host.`];
}

/** assumption: root's prompt as on the appliance's bash, `~ # ` (DOMAIN §8.3 shows commands, not the prompt). */
function rootShell(twin: Twin, peer: string, act: Act): Shell {
  let closed = false;
  return {
    prompt: '~ # ',
    welcome: () => [`Logged in as root on ${peer}.`],
    run(line) {
      const command = line.trim();
      if (closed) return { output: ['Connection closed.'], closed: true };
      if (command === '') return { output: [], closed: false };
      if (command === 'exit' || command === 'logout') {
        closed = true;
        return { output: [], closed: true };
      }
      const r = act({ kind: 'root', peer, command });
      const output = r.ok ? r.output : [...r.output, rootError(command, r.error.code, r.error.message)];
      // The factory-reset script and a restart end the SSH session with the system.
      const bye = droppedBy(twin, peer);
      if (bye) {
        closed = true;
        return { output: [...output, ...bye], closed: true };
      }
      return { output, closed: false };
    },
    dropped: () => droppedBy(twin, peer),
  };
}

/** bash's own words for an unknown command; the twin's sentence for the rest. */
function rootError(command: string, code: string, message: string): string {
  const first = command.split(/\s+/)[0] ?? command;
  return code === 'XTW_ERR_OP_COMMAND_NOT_FOUND' ? `-bash: ${first}: command not found` : message;
}
