import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ForbiddenError, UnauthenticatedError } from '../application/access';
import { ConflictError, DeadlineExceededError, InvalidArgumentError, NotFoundError } from '../domain/errors';
import { StoreFullError, StoreUnavailableError } from '../storage/store-errors';
import { TooBusyError } from '../application/ports/heavy-work-limiter.port';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { CLIENT_FACING_CODES, ErrorCode } from './error-codes';

export type ErrorReporter = (error: unknown) => void;

export const UNAVAILABLE_MESSAGE = 'The graph database is unavailable right now; try again shortly.';
export const STORAGE_FULL_MESSAGE =
  'The server has no room to store this write (its disk is full), so nothing of it was written. Reads still work; try again later.';

/** Errors whose message is written for the client, and the code each answers with. */
const KNOWN: ReadonlyArray<[abstract new (...args: never[]) => Error, ErrorCode]> = [
  [UnauthenticatedError, ErrorCode.UNAUTHENTICATED],
  [ForbiddenError, ErrorCode.FORBIDDEN],
  [ConflictError, ErrorCode.CONFLICT],
  [NotFoundError, ErrorCode.NOT_FOUND],
  [DeadlineExceededError, ErrorCode.TIMEOUT],
];

/**
 * The one place errors become responses. Domain errors get their API code; GraphQL's
 * own request errors pass as they are; anything else is masked, so no stack, query text
 * or driver detail reaches a client, and reported to the server log.
 */
export function createErrorFormatter(report: ErrorReporter) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof InvalidArgumentError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: ErrorCode.BAD_USER_INPUT, argument: original.argument },
      };
    }
    const known = KNOWN.find(([type]) => original instanceof type);
    if (known) {
      return { message: (original as Error).message, path: formatted.path, locations: formatted.locations, extensions: { code: known[1] } };
    }
    if (original instanceof TooBusyError) {
      return {
        message: original.message,
        path: formatted.path,
        extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: original.retryAfterSeconds },
      };
    }
    if (original instanceof StoreUnavailableError) {
      report(original);
      return {
        message: UNAVAILABLE_MESSAGE,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    if (original instanceof StoreFullError) {
      report(original);
      return { message: STORAGE_FULL_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_FACING_CODES.has(code) && original === error) {
      const { cost, maxCost } = formatted.extensions ?? {};
      const limit = code === (ErrorCode.COST_LIMIT_EXCEEDED as string) ? { cost, maxCost } : {};
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code, ...limit } };
    }
    report(original);
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

/**
 * An answer refused for RATE_LIMITED (too much heavy work in flight) goes out as HTTP 429
 * with Retry-After, like the per-minute rate limit's.
 */
export function rateLimitedStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          const limited = errors.find((e) => e.extensions?.code === ErrorCode.RATE_LIMITED);
          if (!limited) return;
          response.http.status = 429;
          const retryAfter = limited.extensions?.retryAfter;
          response.http.headers.set('retry-after', typeof retryAfter === 'number' ? String(retryAfter) : '1');
        },
      };
    },
  };
}
