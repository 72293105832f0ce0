// STYLE R1: imports point down the layers of DESIGN.md. Each source file is given a layer; each of
// its imports must go to a layer (or package) that the table below allows. A new layer or package
// edge has to be added here on purpose, in review.
import { describe, expect, it } from 'vitest';
import { importsOf, resolveSpecifier, sourceFiles } from './sources.js';

type Layer = 'sim' | 'expressway' | 'cluster' | 'twin' | 'operator' | 'runbook' | 'check' | 'cli' | 'server' | 'web';

function layerOf(path: string): Layer | undefined {
  if (path.startsWith('sim/')) return 'sim';
  if (path.startsWith('src/expressway')) return 'expressway';
  if (path.startsWith('src/cluster')) return 'cluster';
  if (path === 'src/twin' || path.startsWith('src/twin.') || path.startsWith('src/twin/')) return 'twin';
  if (path.startsWith('src/operator')) return 'operator';
  if (path.startsWith('src/runbook')) return 'runbook';
  if (path.startsWith('src/check')) return 'check';
  if (path.startsWith('src/cli')) return 'cli';
  if (path.startsWith('src/server')) return 'server';
  if (path.startsWith('web/')) return 'web';
  return undefined;
}

const NODE_BUILTINS_PURE = ['node:util'];
const IO_PACKAGES = ['fastify', '@fastify/', 'ws', 'ssh2', 'better-sqlite3', 'node:sqlite', 'node:net', 'node:http', 'node:timers', 'node:worker_threads', 'node:fs', 'node:child_process', 'playwright-core'];

const ALLOWED: Record<Layer, { layers: Layer[]; packages: string[] }> = {
  sim: { layers: ['sim'], packages: ['seedrandom'] },
  expressway: { layers: ['sim', 'expressway'], packages: ['xstate', 'immer'] },
  cluster: { layers: ['sim', 'expressway', 'cluster'], packages: ['immer'] },
  twin: { layers: ['sim', 'expressway', 'cluster', 'twin'], packages: ['immer'] },
  operator: { layers: ['twin', 'operator'], packages: [] },
  runbook: { layers: ['twin', 'operator', 'runbook'], packages: ['yaml', 'ajv', 'node:fs', 'node:path', 'node:url'] },
  // tsx: the worker bootstrap registers the TypeScript loader in each worker thread (src/check/worker.mjs).
  check: { layers: ['twin', 'operator', 'runbook', 'check'], packages: ['fast-check', 'yaml', 'tsx', 'node:worker_threads', 'node:os', 'node:path', 'node:url', 'node:fs'] },
  cli: { layers: ['sim', 'expressway', 'cluster', 'twin', 'operator', 'runbook', 'check', 'server', 'cli'], packages: ['*'] },
  server: { layers: ['twin', 'operator', 'runbook', 'server'], packages: ['*'] },
  web: { layers: ['web'], packages: [] },
};

function packageAllowed(layer: Layer, spec: string): boolean {
  const allowed = ALLOWED[layer].packages;
  if (allowed.includes('*')) return true;
  if (NODE_BUILTINS_PURE.includes(spec)) return !IO_PACKAGES.includes(spec);
  return allowed.some((p) => spec === p || spec.startsWith(`${p}/`));
}

describe('architecture: imports point down the layers (STYLE R1)', () => {
  const files = [...sourceFiles('sim'), ...sourceFiles('src'), ...sourceFiles('web')];

  it('finds the source tree', () => {
    expect(files.some((f) => f.startsWith('sim/'))).toBe(true);
  });

  it('every import goes to an allowed layer or package', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      if (!from) continue;
      for (const edge of importsOf(file)) {
        if (edge.typeOnly && from === 'web') continue;
        const target = resolveSpecifier(edge);
        if (edge.specifier.startsWith('.')) {
          const to = layerOf(target);
          if (!to) violations.push(`${file}:${edge.line} imports ${edge.specifier} (outside the layered tree)`);
          else if (!ALLOWED[from].layers.includes(to)) violations.push(`${file}:${edge.line} (${from}) imports ${edge.specifier} (${to})`);
        } else if (!packageAllowed(from, edge.specifier)) {
          violations.push(`${file}:${edge.line} (${from}) imports package ${edge.specifier}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('layers above the twin reach sim, expressway and cluster only through src/twin.ts', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      if (from !== 'operator' && from !== 'runbook' && from !== 'check' && from !== 'server') continue;
      for (const edge of importsOf(file)) {
        const to = edge.specifier.startsWith('.') ? layerOf(resolveSpecifier(edge)) : undefined;
        if (to === 'sim' || to === 'expressway' || to === 'cluster') violations.push(`${file}:${edge.line} -> ${edge.specifier}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
