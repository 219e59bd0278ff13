/**
 * How much heavy work (analyses on the worker pool) one client may have in flight. The
 * in-process limiter (application/heavy-work-limiter.ts) counts per process; a shared store
 * can back the same interface when several processes serve one API.
 */
export interface HeavyWorkLimiter {
  /**
   * Waits for a free place for this client (a token's actor, else an address) and resolves
   * with the function that gives it back. Rejects with TooBusyError when none frees up in
   * time.
   */
  acquire(client: string): Promise<() => void>;
}

/** A client asked for more heavy work than it may have in flight; it may retry after `retryAfterSeconds`. */
export class TooBusyError extends Error {
  override readonly name = 'TooBusyError';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
