// The lab server's error catalog (STYLE R7) both ways: every code in the table has a status and a
// template that names the value and is used by the server, and every XTW_ERR_SERVER_* code the
// server or the web UI names is in the table.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusal, SERVER_ERRORS } from '../../src/server/errors.js';
import { ROOT } from '../arch/sources.js';

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const SOURCES = [...filesUnder('src'), ...filesUnder('web')].filter((f) => !f.endsWith(join('server', 'errors.ts')));
const named = new Set(SOURCES.flatMap((f) => readFileSync(f, 'utf8').match(/XTW_ERR_SERVER_[A-Z_]+/g) ?? []));

describe('server error catalog', () => {
  it('every code is XTW_ERR_SERVER_*, with an HTTP error status and a template naming the value', () => {
    for (const [code, { status, template }] of Object.entries(SERVER_ERRORS)) {
      expect(code).toMatch(/^XTW_ERR_SERVER_[A-Z_]+$/);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(template, code).toContain('{value}');
    }
  });

  it('every code in the catalog is used by the server', () => {
    expect(Object.keys(SERVER_ERRORS).filter((c) => !named.has(c))).toEqual([]);
  });

  it('every XTW_ERR_SERVER_* code in src/ and web/ is in the catalog', () => {
    expect([...named].filter((c) => !Object.hasOwn(SERVER_ERRORS, c))).toEqual([]);
  });

  it('a refusal fills its template and carries the catalog\'s status', () => {
    expect(refusal('XTW_ERR_SERVER_NO_PEER', { value: 'expc09', peers: ['expc01', 'expc02'] })).toEqual({
      ok: false, status: 404, code: 'XTW_ERR_SERVER_NO_PEER', message: "no peer 'expc09' in this lab; peers: expc01, expc02",
    });
    expect(refusal('XTW_ERR_SERVER_BAD_SPEED', { value: 601, min: 1, max: 600 }).message).toBe('speed 601 is out of range; expected 1 to 600');
  });
});
