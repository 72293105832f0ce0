/**
 * Assertions for states the code believes impossible (STYLE R8). A failed assertion throws an
 * `InvariantError`, which no layer below the runner catches: the run stops with a `crash` verdict.
 * Bad *input* is never asserted; it is rejected with a typed error instead.
 */

export class InvariantError extends Error {
  constructor(message: string) {
    super(`invariant broken: ${message}`);
    this.name = 'InvariantError';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}
