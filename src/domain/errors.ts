/**
 * Errors the domain raises. They say what was wrong in terms a client can act on; the API
 * layer maps them to its error codes. Anything else that escapes is an internal fault.
 */
export class InvalidArgumentError extends Error {
  override readonly name = 'InvalidArgumentError';

  /**
   * @param argument the argument path as the client wrote it, e.g. `maxHops` or `shocks[1].entityId`
   * @param problem  what is wrong and what is allowed, e.g. `must be an integer from 1 to 8 (got 9)`
   */
  constructor(
    readonly argument: string,
    readonly problem: string,
  ) {
    super(`${argument} ${problem}`);
  }
}

/** Checks an integer argument against an inclusive range. */
export function requireIntInRange(argument: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(argument, `must be an integer from ${min} to ${max} (got ${value})`);
  }
}

/** A write based on a stale view: `expectedRevision` is not the edge's current revision. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** A write names a record that does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
