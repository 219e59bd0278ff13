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

/** A write based on a stale view: `expectedRevision` is not the edge's current revision. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** A write names a record that does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The work ran past its deadline and was stopped (see Deadline). */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
}

/**
 * When long work must stop. The walks check it every few thousand steps, so a request that
 * asks for too much ends with a clear error instead of running on after its client gave up.
 */
export class Deadline {
  /** @param at a `performance.now()` time */
  constructor(
    readonly at: number,
    readonly budgetMs: number,
  ) {}

  static after(ms: number): Deadline {
    return new Deadline(performance.now() + ms, ms);
  }

  static readonly NONE = new Deadline(Infinity, Infinity);

  check(): void {
    if (performance.now() > this.at) {
      throw new DeadlineExceededError(
        `the request took longer than ${this.budgetMs / 1000} s and was stopped; ask for less (fewer hops or shocks, a higher minStrength)`,
      );
    }
  }
}
