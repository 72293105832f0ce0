/**
 * The built-in labs a trainer can start with one click: every runbook in scenarios/labs that has
 * a `lab:` section. Read once at start-up; a file that does not load is left out with its errors,
 * so one broken lab never takes the server down.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatRunbookErrors, parseRunbook } from '../runbook/load.js';

export const LABS_DIR = fileURLToPath(new URL('../../scenarios/labs/', import.meta.url));

export interface CatalogLab {
  /** the file name without .yaml: the id a client asks for */
  readonly name: string;
  readonly title: string;
  readonly brief: string;
  readonly objectives: number;
  readonly peers: number;
  readonly source: string;
  readonly sourceName: string;
}

export function loadCatalog(dir: string = LABS_DIR): { labs: CatalogLab[]; errors: string[] } {
  const labs: CatalogLab[] = [];
  const errors: string[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  for (const file of files) {
    const path = join(dir, file);
    const sourceName = relative(process.cwd(), path) || path;
    const source = readFileSync(path, 'utf8');
    const parsed = parseRunbook(source, sourceName);
    if (!parsed.ok) {
      errors.push(formatRunbookErrors(parsed.errors));
      continue;
    }
    const lab = parsed.runbook.lab;
    if (!lab) continue;
    labs.push({
      name: file.replace(/\.yaml$/, ''), title: lab.title, brief: (lab.brief ?? '').trim(), objectives: lab.objectives.length,
      peers: parsed.runbook.topology.peers.length, source, sourceName,
    });
  }
  return { labs, errors };
}
