// `xtwin shell`: a practice tshell on a local twin — the built-in cluster, or a runbook's world
// after its steps ran (all of them, or up to --at) — through the same terminal as SSH and the
// browser: Node's readline over stdin, with editing, history and Tab completion on a terminal.
import { parseArgs } from 'node:util';
import { applyAction, PracticeShell } from '../../operator/index.js';
import { runRunbook } from '../../runbook/run.js';
import { Terminal } from '../../server/terminal.js';
import { createTwin, formatVirtualTime, type Seed, type Twin } from '../../twin.js';
import { DEMO_TOPOLOGY } from '../demoTopology.js';
import { loadRunbook } from '../runbookFiles.js';

export const SHELL_HELP = `usage: xtwin shell [--runbook FILE [--at STEP]] [--peer NAME] [--seed N]

An interactive admin CLI (tshell) on a local twin, logged in as admin on one peer: the built-in
three-peer cluster, or the world a runbook leaves behind — its seed, faults and steps run first,
so you can look around after a rehearsal (--at STEP stops before that step, numbered as
'xtwin run' numbers them, so you can type it yourself).

  xConfiguration / xCommand / xStatus   the product's commands ('?' and '??' for help)
  wait <duration>                       let virtual time pass and see what happened (wait 2m)
  wait until up                         wait for this peer to come back after a restart, and log in again
  peer <name>                           log in to another peer
  alarms                                this peer's alarms
  log [n]                               the last n lines of this peer's event log
  history                               what you typed
  exit                                  leave (Ctrl-D too)

Tab completes commands and configuration paths; the arrows move in the line and through history.
Time passes only by command: each line costs a second.`;

export async function shellCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { runbook: { type: 'string' }, at: { type: 'string' }, peer: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(SHELL_HELP);
    return 0;
  }
  const seedText = values.seed;
  const seed: Seed | undefined = seedText === undefined ? undefined : /^\d+$/.test(seedText) ? Number(seedText) : seedText;
  const world = values.runbook ? rehearse(values.runbook, values.at, seed) : values.at !== undefined ? 'xtwin shell: --at needs --runbook' : { twin: createTwin({ seed: seed ?? 1, topology: DEMO_TOPOLOGY }), seed: seed ?? 1, lines: [] };
  if (typeof world === 'string') {
    console.error(world);
    return 2;
  }
  const { twin } = world;
  const first = values.peer ?? twin.peerNames()[0]!;
  if (!twin.peerNames().includes(first)) {
    console.error(`xtwin shell: unknown peer '${first}' (peers: ${twin.peerNames().join(', ')})`);
    return 2;
  }
  console.log(`SEED=${world.seed}`);
  for (const l of world.lines) console.log(l);
  return interact(twin, first);
}

/** Runs the runbook (seed, faults, steps up to `at`) and says how far it got and what failed. */
function rehearse(file: string, at: string | undefined, seed: Seed | undefined): { twin: Twin; seed: Seed; lines: string[] } | string {
  const loaded = loadRunbook(file);
  if (!loaded.ok) return loaded.message;
  const total = loaded.runbook.steps.length;
  const stop = at === undefined ? total + 1 : Number(at);
  if (!Number.isInteger(stop) || stop < 1 || stop > total + 1) return `xtwin shell: --at must be a step number from 1 to ${total + 1} (${file} has ${total} steps), not '${at ?? ''}'`;
  const runbook = { ...loaded.runbook, steps: loaded.runbook.steps.slice(0, stop - 1) };
  const run = runRunbook(runbook, seed === undefined ? {} : { seed });
  const lines = [
    `${file}: ran ${stop - 1 === total ? `all ${total} steps` : `steps 1–${stop - 1} of ${total}, stopped before step ${stop}`}; the time is ${formatVirtualTime(run.endMs)}`,
    ...(run.failures.length === 0 ? [] : [`${run.failures.length} expectation(s) did not hold:`, ...run.failures.map((f) => `  #${f.step + 1} ${f.claim}${f.seen ? ` — saw ${f.seen}` : ''}`)]),
  ];
  return { twin: run.twin, seed: run.seed, lines };
}

function interact(twin: Twin, peer: string): Promise<number> {
  const stdin = process.stdin;
  const pty = Boolean(stdin.isTTY);
  return new Promise((resolve) => {
    const terminal = new Terminal(new PracticeShell(twin, peer), (action) => applyAction(twin, action), {
      write: (text) => process.stdout.write(text),
      close: () => {
        if (pty) stdin.setRawMode(false);
        // Let go of stdin: a pipe still open behind `exit` would otherwise keep the process alive.
        stdin.destroy();
        resolve(0);
      },
    }, { pty, promptWithoutPty: true, ...(process.stdout.columns ? { columns: process.stdout.columns } : {}) });
    if (pty) stdin.setRawMode(true);
    process.stdout.on('resize', () => terminal.resize(process.stdout.columns));
    stdin.setEncoding('utf8');
    stdin.on('data', (data: string) => terminal.input(data));
    stdin.on('end', () => terminal.end());
    terminal.start();
  });
}
