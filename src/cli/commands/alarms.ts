// `xtwin alarms`: the alarm catalog as the twin knows it — each alarm's id as every surface shows it
// (a twin-only id marked "(twin)"), severity, display text and source, and for an alarm the twin does
// not raise, why ("not modelled: …"). `--json` prints the rows as JSON.
import { parseArgs } from 'node:util';
import { ALARMS } from '../../twin.js';

const HELP = `usage: xtwin alarms [--json]

Lists every alarm the twin knows: its id ("29902 (twin)" for an alarm the product names without an id),
severity, "<Title>: <Description>" and where the facts come from. An alarm nothing in the twin raises
says why: "not modelled: …". An id marked INFERRED comes from a mapping the sources only suggest.`;

export function alarmsCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.json) {
    console.log(JSON.stringify(ALARMS.map((a) => ({
      id: a.shownId, key: a.key, uuid: a.uuid, severity: a.severity, title: a.title, description: a.description, source: a.source,
      ...(a.idInferred ? { idInferred: true } : {}), ...(a.notModelled ? { notModelled: a.notModelled } : {}),
    })), null, 2));
    return 0;
  }
  for (const a of ALARMS) {
    console.log(`${a.shownId.padEnd(13)} ${a.severity.padEnd(8)} ${a.title}: ${a.description}${a.idInferred ? '  [id INFERRED]' : ''}`);
    console.log(`${' '.repeat(23)}${a.notModelled ? `not modelled: ${a.notModelled}` : `source: ${a.source}`}`);
  }
  return 0;
}
