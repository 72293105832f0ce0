/**
 * What every interactive shell on a peer is — the admin tshell (TshellSession), root's bash
 * (RootSession) and the local practice shell — and the one rule for running a line through one.
 *
 * A session decides everything a line means: which words end it, what `help` lists, what a
 * refused action prints, and when the peer has dropped the connection. It never applies an
 * action itself: `read` hands the action down to whoever hosts the session (a lab, which logs it;
 * `xtwin shell`, which applies it to its own twin), and `settle` turns the result into screen
 * lines. So the path runs transport → host → operator once, and no session calls back up.
 * Transports (src/server/terminal.ts) only edit lines and print replies.
 */
import type { Twin } from '../../twin.js';
import type { Action, ActionResult } from '../actionTypes.js';

/**
 * The twin a session reads (banner, serving state, host name): the twin itself, or how to find its
 * host's current one — a lab rebuilt from its log (after a model fault or a failed write) has a new
 * twin, and a terminal opened before must read that one, not the abandoned one.
 */
export type TwinSource = Twin | (() => Twin);

export function twinOf(source: TwinSource): () => Twin {
  return typeof source === 'function' ? source : () => source;
}

export interface ShellReply {
  readonly output: readonly string[];
  /** the session has ended: the transport closes the connection */
  readonly closed: boolean;
}

export type ShellStep =
  | { readonly kind: 'reply'; readonly reply: ShellReply }
  | { readonly kind: 'act'; readonly action: Action; settle(result: ActionResult): ShellReply };

/** readline's completer answer: the candidates, and the part of the line they replace. */
export type Completion = [string[], string];

export interface ShellSession {
  readonly prompt: string;
  readonly closed: boolean;
  /** What the operator sees on connecting. */
  welcome(): readonly string[];
  read(line: string): ShellStep;
  /**
   * Whether the peer dropped this session while it sat idle (a restart from another window): the
   * lines to print, once, and the session is closed; else undefined.
   */
  dropped(): readonly string[] | undefined;
  complete(line: string): Completion;
}

export type ApplyAction = (action: Action) => ActionResult;

/** One line through a session: answered by it, or its action applied by the host and settled. */
export function runLine(session: ShellSession, line: string, apply: ApplyAction): ShellReply {
  const step = session.read(line);
  return step.kind === 'reply' ? step.reply : step.settle(apply(step.action));
}

export function reply(output: readonly string[], closed = false): ShellStep {
  return { kind: 'reply', reply: { output, closed } };
}

/** What an SSH client prints when the far end goes away (a restart, reboot or power cut: DOMAIN §5.5). */
export function closedByRemote(peer: string): string {
  return `Connection to ${peer} closed by remote host.`;
}

/** A line typed into a session that has ended. */
export const SESSION_ENDED = 'Connection closed.';

/** Candidates among `words` for the word being typed at the end of `line` (case-insensitive). */
export function completeWord(line: string, words: readonly string[]): Completion {
  const partial = /\S*$/.exec(line)![0];
  const hits = words.filter((w) => w.toLowerCase().startsWith(partial.toLowerCase()));
  return [hits, partial];
}

/**
 * Candidates among multi-word `paths` for `rest` (the line after its command word): each completes
 * to the end of its next word, so Tab walks a configuration path a word at a time.
 */
export function completePath(rest: string, paths: readonly string[]): Completion {
  const lower = rest.toLowerCase();
  const hits = new Set<string>();
  for (const p of paths) {
    if (!p.toLowerCase().startsWith(lower)) continue;
    const next = p[rest.length] === ' ' ? rest.length : p.indexOf(' ', rest.length);
    hits.add(next < 0 ? p : p.slice(0, next + 1));
  }
  return [[...hits].sort(), rest];
}
