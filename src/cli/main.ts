// The `xtwin` command's entry point: one module per subcommand; this file only dispatches.
import { fileURLToPath } from 'node:url';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { replayCommand } from './commands/replay.js';
import { alarmsCommand } from './commands/alarms.js';

const USAGE = `usage: xtwin <command> [options]

commands:
  run <runbook...>     execute runbooks against a fresh twin and report (text, --json, --html, --junit)
  check <runbook...>   property-check runbooks under random fault schedules; shrink and replay failures
  validate <runbook>   check runbooks without running them
  replay <report>      re-run a recorded run and prove the same trace hash
  alarms               the alarm catalog: ids as shown (twin-only ids marked), texts, sources, what is not modelled
  shell                an interactive tshell on a local twin
  serve                the lab server: web UI, REST API, websockets and SSH into virtual peers
  demo                 the built-in demo: the add-peer runbook on a three-peer cluster

Run 'xtwin <command> --help' for a command's options.`;

/** The default demo: a cluster of two grows to three (scenarios/procedures/add-peer.yaml). */
export const DEMO_RUNBOOK = fileURLToPath(new URL('../../scenarios/procedures/add-peer.yaml', import.meta.url));

type Command = (argv: string[]) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  run: runCommand,
  validate: validateCommand,
  replay: replayCommand,
  alarms: alarmsCommand,
  shell: async (argv) => (await import('./commands/shell.js')).shellCommand(argv),
  check: async (argv) => (await import('./commands/check.js')).checkCommand(argv),
  serve: async (argv) => (await import('./commands/serve.js')).serveCommand(argv),
  demo: (argv) => runCommand([DEMO_RUNBOOK, ...argv]),
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`xtwin: unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      console.error(`xtwin ${command}: ${err.message}`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
