// The `xtwin` command's entry point: dispatches to one module per subcommand.
import { EventQueue, Rng, Trace, formatVirtualTime } from '../../sim/index.js';

const USAGE = `usage: xtwin <command> [options]

commands:
  demo        run the built-in demo and print its timeline
  help        show this text

Run 'xtwin <command> --help' for a command's options.`;

function demo(): number {
  // Until the twin exists, the demo shows the kernel: three hosts pinging on a seeded clock.
  const queue = new EventQueue();
  const rng = Rng.fromSeed(42);
  const trace = new Trace(queue);
  const jitter = rng.stream('demo');
  for (const host of ['expc01', 'expc02', 'expc03']) {
    queue.every(120_000, () => trace.emit(host, 'tick', { jitterMs: Math.round(jitter.jitterMs(5)) }));
  }
  queue.runUntil(6 * 60_000);
  console.log('SEED=42');
  for (const e of trace.all()) console.log(`${formatVirtualTime(e.atMs)}  ${e.source.padEnd(8)} ${e.kind} ${JSON.stringify(e.data)}`);
  console.log(`trace hash ${trace.hash()}`);
  return 0;
}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'demo':
      return demo();
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`xtwin: unknown command '${command}'\n\n${USAGE}`);
      void rest;
      return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
