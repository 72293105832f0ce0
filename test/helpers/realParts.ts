// The real parts some suites drive (Debian's Chromium, OpenSSH's client): a missing one fails the
// run, with the command that installs it, unless the person running the tests says a skip is fine
// (XTW_ALLOW_SKIP=1). A suite that quietly skips would let a green run certify what it never tried.
import { existsSync } from 'node:fs';

export const ALLOW_SKIP = process.env.XTW_ALLOW_SKIP === '1';

/** True when `path` exists; when it does not, throws (naming `install`) unless XTW_ALLOW_SKIP=1. */
export function requireRealPart(path: string, install: string, suite: string): boolean {
  if (existsSync(path)) return true;
  if (!ALLOW_SKIP) throw new Error(`${suite} needs ${path}: ${install} (or set XTW_ALLOW_SKIP=1 to skip this suite knowingly)`);
  console.warn(`${suite}: skipped, no ${path} (XTW_ALLOW_SKIP=1)`);
  return false;
}
