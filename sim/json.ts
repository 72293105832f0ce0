/**
 * Plain JSON values, the form every checkpoint part saves (issue #15): no class instances, Maps,
 * functions or non-finite numbers, so `JSON.parse(JSON.stringify(x))` gives `x` back (an object
 * property set to undefined is the one tolerated loss: JSON leaves it out, and readers of such
 * properties test `=== undefined` either way). `checkJson` says where a value breaks that rule, so a save that would lose data fails
 * loudly at the place that made it instead of restoring a different world.
 */
import { SimError } from './errors.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Throws XTW_ERR_SIM_NOT_SAVABLE naming `where` and the path inside the value when it is not plain JSON. */
export function checkJson(value: unknown, where: string): Json {
  const problem = findProblem(value, '', 0);
  if (problem !== undefined) throw new SimError('XTW_ERR_SIM_NOT_SAVABLE', { value: where, why: problem });
  return value as Json;
}

// Depth bound: a checkpoint is a tree of small parts; anything deeper is a cycle or a mistake.
const MAX_DEPTH = 64;

function findProblem(v: unknown, path: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} at ${path || '(top)'}`;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(v) ? undefined : `${String(v)} at ${path || '(top)'} does not survive JSON`;
    case 'object':
      break;
    default:
      return `a ${typeof v} at ${path || '(top)'}`;
  }
  if (v === null) return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = findProblem(v[i], `${path}[${i}]`, depth + 1);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return `a ${proto?.constructor?.name ?? 'class'} instance at ${path || '(top)'}`;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === undefined) continue;
    const p = findProblem(x, path ? `${path}.${k}` : k, depth + 1);
    if (p !== undefined) return p;
  }
  return undefined;
}
