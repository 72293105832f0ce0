// Shared helpers for the architecture tests: list the project's source files and their imports.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function sourceFiles(dir: string, exts = ['.ts', '.mts', '.js', '.mjs']): string[] {
  const abs = join(ROOT, dir);
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      if (name === 'node_modules') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (exts.some((e) => name.endsWith(e))) out.push(relative(ROOT, p));
    }
  };
  walk(abs);
  return out;
}

export interface ImportEdge {
  file: string;
  line: number;
  specifier: string;
  typeOnly: boolean;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const edges: ImportEdge[] = [];
  text.split('\n').forEach((lineText, i) => {
    const m = IMPORT.exec(lineText);
    if (m) edges.push({ file, line: i + 1, specifier: m[3]!, typeOnly: Boolean(m[2]) });
    for (const d of lineText.matchAll(DYNAMIC)) edges.push({ file, line: i + 1, specifier: d[1]!, typeOnly: false });
  });
  return edges;
}

/** Resolves a relative specifier to a repo-relative path (without extension games). */
export function resolveSpecifier(edge: ImportEdge): string {
  if (!edge.specifier.startsWith('.')) return edge.specifier;
  return relative(ROOT, resolve(ROOT, dirname(edge.file), edge.specifier));
}
