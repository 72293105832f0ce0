// `xtwin shell`: an interactive tshell on a local twin, with a prompt, history and `help`.
// Virtual time advances by command: each line costs a second, and `wait 2m` lets time pass.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createTwin, parseDurationMs, type Topology, type Twin } from '../../twin.js';
import { TshellSession } from '../../operator/index.js';
import { loadRunbook } from '../runbookFiles.js';
import { DEMO_TOPOLOGY } from '../demoTopology.js';

export const SHELL_HELP = `usage: xtwin shell [--runbook FILE] [--peer NAME] [--seed N]

An interactive admin CLI (tshell) on a local twin: the topology of a runbook (or a built-in
three-peer cluster), logged in as admin on one peer.

  xConfiguration / xCommand / xStatus   the product's commands ('?' and '??' for help)
  wait <duration>                       let virtual time pass (e.g. wait 2m)
  peer <name>                           switch to another peer
  alarms                                this peer's alarms
  log [n]                               the last n lines of this peer's event log
  exit                                  leave`;

/** assumption: typing a command takes an operator about a second of virtual time. */
const LINE_COST_MS = 1_000;

export async function shellCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { runbook: { type: 'string' }, peer: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(SHELL_HELP);
    return 0;
  }
  let topology: Topology = DEMO_TOPOLOGY;
  if (values.runbook) {
    const r = loadRunbook(values.runbook);
    if (!r.ok) {
      console.error(r.message);
      return 2;
    }
    topology = r.runbook.topology;
  }
  const seed = values.seed ?? '1';
  const twin = createTwin({ seed: /^\d+$/.test(seed) ? Number(seed) : seed, topology });
  const first = values.peer ?? twin.peerNames()[0]!;
  if (!twin.peerNames().includes(first)) {
    console.error(`xtwin shell: unknown peer '${first}' (peers: ${twin.peerNames().join(', ')})`);
    return 2;
  }
  console.log(`SEED=${seed}`);
  return repl(twin, first);
}

function repl(twin: Twin, firstPeer: string): Promise<number> {
  let session = new TshellSession(twin, firstPeer);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY), historySize: 1000 });
  const out = (lines: readonly string[]) => lines.forEach((l) => console.log(l));
  out(session.welcome());
  rl.setPrompt(session.prompt);
  rl.prompt();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      const [word, arg] = line.trim().split(/\s+/, 2);
      if (word === 'wait') {
        const ms = parseDurationMs(arg ?? '');
        if (ms === undefined) console.log(`wait: not a duration: ${arg ?? ''} (try 30s, 2m, 1h)`);
        else twin.advance(ms);
      } else if (word === 'peer' && arg) {
        if (!twin.peerNames().includes(arg)) console.log(`peer: unknown peer '${arg}' (peers: ${twin.peerNames().join(', ')})`);
        else session = new TshellSession(twin, arg);
      } else if (word === 'alarms') {
        out(twin.observe(session.peer).alarms.map((a) => `${a.id} ${a.severity} ${a.detail}`));
      } else if (word === 'log') {
        out(twin.logLines(session.peer).slice(-Number(arg ?? 20)));
      } else {
        const reply = session.run(line);
        out(reply.output);
        twin.advance(LINE_COST_MS);
        if (reply.closed) {
          rl.close();
          return;
        }
      }
      rl.setPrompt(session.prompt);
      rl.prompt();
    });
    rl.on('close', () => resolve(0));
  });
}
