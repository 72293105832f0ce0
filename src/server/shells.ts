/**
 * A terminal on a lab's peer, for the SSH endpoint and the browser terminal alike: the admin
 * account's tshell or root's shell (src/operator/shell), each line's action applied through the lab
 * — validated, applied and logged exactly like a REST action — and the session told whenever the
 * lab changes, so one dropped by a restart elsewhere says so at once.
 */
import { RootSession, TshellSession, type Action, type ActionResult, type ShellSession, type TwinSource } from '../operator/index.js';
import type { LabManager, Role } from './labs.js';
import { Terminal, type TerminalIo, type TerminalOptions } from './terminal.js';

export type Account = 'admin' | 'root';
export const ACCOUNTS: readonly Account[] = ['admin', 'root'];

export interface LabLogin {
  readonly labId: string;
  readonly role: Role;
  readonly peer: string;
  readonly account: Account;
}

export function openSession(twin: TwinSource, peer: string, account: Account): ShellSession {
  return account === 'admin' ? new TshellSession(twin, peer) : new RootSession(twin, peer);
}

export type LabTerminal =
  | { readonly ok: true; readonly terminal: Terminal; readonly stop: () => void }
  | { readonly ok: false; readonly reason: 'no-peer' | 'too-many-watchers'; readonly message: string };

/**
 * A terminal for `login`, not started yet; `stop` ends its watch on the lab and lets the terminal go
 * (call it when the connection closes). Refused for no such lab or peer, or too many watchers.
 */
export function openLabTerminal(labs: LabManager, login: LabLogin, io: TerminalIo, options: TerminalOptions & { watch: boolean }): LabTerminal {
  const view = labs.get(login.labId);
  if (!view || !view.lab.twin.peerNames().includes(login.peer)) return { ok: false, reason: 'no-peer', message: `no peer '${login.peer.slice(0, 60)}' in this lab` };
  // The lab's twin now, not the one it had at login: a lab rebuilt from its log has a new twin.
  const opened = view.lab.twin;
  const session = openSession(() => labs.get(login.labId)?.lab.twin ?? opened, login.peer, login.account);
  const apply = (action: Action): ActionResult => {
    const r = labs.act(login.labId, login.role, action);
    return r.ok ? r.result : { ok: false, output: [], error: { code: r.code, message: r.message } };
  };
  const terminal = new Terminal(session, apply, io, options);
  if (!options.watch) return { ok: true, terminal, stop: () => terminal.detach() };
  const unwatch = labs.watch(login.labId, () => terminal.poll());
  if (!unwatch) return { ok: false, reason: 'too-many-watchers', message: 'too many watchers on this lab' };
  return { ok: true, terminal, stop: () => (unwatch(), terminal.detach()) };
}
