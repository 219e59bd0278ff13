/**
 * Failures of the storage layer that the API reports as such. Adapters raise these in
 * place of driver errors, so nothing above the port sees a driver's types or messages.
 */

/** The store cannot be reached right now (database down, network cut); a retry later may succeed. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** The store answered with a failure that is not the client's fault and not transient. */
export class StoreFailureError extends Error {
  override readonly name = 'StoreFailureError';
}

/** A write could not be stored for lack of room (a full disk); nothing of it was kept. */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
}
