/**
 * Who may do what in a lab: the tokens handed out (a lab's student and trainer tokens, the
 * server's class key) and the role a presented token grants. Tokens are random and compared in
 * constant time, so one cannot be guessed a character at a time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoredLab } from './store.js';

export type Role = 'student' | 'trainer';

/** A fresh token of `bytes` random bytes, in lower-case letters and digits (easy to read aloud). */
export function newToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x').toLowerCase();
}

/** Constant-time comparison of a presented token with the real one. */
export function sameToken(presented: string, real: string): boolean {
  const x = Buffer.from(presented);
  const y = Buffer.from(real);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The role `presented` grants in the lab `meta`: the class key and the trainer token make a trainer. */
export function roleFor(meta: StoredLab, presented: string, classKey: string): Role | undefined {
  if (sameToken(presented, meta.trainerToken) || sameToken(presented, classKey)) return 'trainer';
  return sameToken(presented, meta.studentToken) ? 'student' : undefined;
}
