// `xtwin validate <runbook...>`: check runbooks without running them. Exit 0 valid, 2 invalid.
import { loadRunbook } from '../runbookFiles.js';

export const VALIDATE_HELP = `usage: xtwin validate <runbook.yaml...>

Checks each runbook against the format (scenarios/runbook.schema.json) and the topology it
describes; prints every problem as file:line:col. Exit status 0 when all are valid, 2 otherwise.`;

export function validateCommand(argv: string[]): number {
  if (argv.includes('--help') || argv.length === 0) {
    console.log(VALIDATE_HELP);
    return argv.length === 0 ? 2 : 0;
  }
  let bad = 0;
  for (const file of argv) {
    const r = loadRunbook(file);
    if (r.ok) console.log(`${file}: ok (${r.runbook.steps.length} steps)`);
    else {
      bad++;
      console.error(r.message);
    }
  }
  return bad === 0 ? 0 : 2;
}
