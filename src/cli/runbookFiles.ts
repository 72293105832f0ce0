// Loading runbook files for the CLI: read, parse, and print every error as file:line:col.
import { readFileSync } from 'node:fs';
import { parseRunbook, formatRunbookErrors } from '../runbook/load.js';
import type { Runbook } from '../runbook/schema.js';

export type Loaded = { ok: true; runbook: Runbook } | { ok: false; message: string };

export function loadRunbook(file: string): Loaded {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, message: `${file}: cannot read: ${(e as Error).message}` };
  }
  const r = parseRunbook(text, file);
  return r.ok ? { ok: true, runbook: r.runbook } : { ok: false, message: formatRunbookErrors(r.errors) };
}
