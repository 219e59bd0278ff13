import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { ErrorCode } from '../graphql/error-codes';
import { queryHash, type PersistedOperations } from '../graphql/persisted-operations';
import type { TokenRegistry } from './auth/token-registry';

/** A GraphQL-shaped error body, for answers given before GraphQL runs. */
export function errorBody(code: ErrorCode, message: string): { errors: Array<{ message: string; extensions: { code: ErrorCode } }> } {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * Request bodies that cannot be read: over the size limit (413) or not JSON (400). Express
 * would answer these with an HTML page (and a stack trace outside production).
 */
export const bodyErrors: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error.type === 'entity.too.large') {
    res.status(413).json(errorBody(ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is over 1 MB.'));
    return;
  }
  if (
    error.type === 'entity.parse.failed' ||
    error.type === 'encoding.unsupported' ||
    error.type === 'charset.unsupported' ||
    error.status === 400
  ) {
    res.status(400).json(errorBody(ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.'));
    return;
  }
  next(error);
};

/** The last handler: anything unexpected is a 500 with no detail (the log has it). */
export function lastResort(report: (error: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    report(error);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(500).json(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
  };
}

/**
 * The outer time bound: a request with no answer `ms` after it arrived gets 503 TIMEOUT,
 * and whatever is still working on it can no longer write to the connection. The work
 * itself stops on its own deadline (walks check it; Neo4j transactions carry a timeout).
 */
export function timeoutGuard(ms: number): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res
        .status(503)
        .set('Retry-After', '1')
        .json(errorBody(ErrorCode.TIMEOUT, `The request took longer than ${ms / 1000} s and was stopped.`));
      // Late writes from the abandoned handler are dropped rather than thrown.
      const ignore = function (this: Response) {
        return this;
      };
      res.status = ignore as never;
      res.set = ignore as never;
      res.setHeader = ignore as never;
      res.writeHead = ignore as never;
      res.write = (() => true) as never;
      res.end = ignore as never;
    }, ms);
    timer.unref();
    res.once('close', () => clearTimeout(timer));
    next();
  };
}

/**
 * Per client: its token's actor when it sends a valid one, else its address (IPv6 by /56);
 * counted across replicas when `store` is shared.
 * Over the limit: 429 RATE_LIMITED with Retry-After (seconds) and RateLimit headers.
 */
export function rateLimiter(perMinute: number, tokens: TokenRegistry | undefined, store?: Store): RequestHandler {
  return rateLimit({
    // Shared by every replica when REDIS_URL is set (src/cluster); this process's memory otherwise.
    ...(store ? { store } : {}),
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const actor = tokens?.identify(req.headers.authorization);
      return actor ? `token:${actor.name}` : `address:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (_req, res, _next, options) => {
      res
        .status(options.statusCode)
        .json(
          errorBody(
            ErrorCode.RATE_LIMITED,
            `Too many requests: at most ${perMinute} a minute per token or address. Retry after the time in Retry-After.`,
          ),
        );
    },
  });
}

/**
 * PERSISTED_OPERATIONS: only the listed operations run. A request names one by its query
 * text or by its hash alone (`extensions.persistedQuery.sha256Hash`, automatic persisted
 * queries); anything else is refused before it is parsed: 403 OPERATION_NOT_ALLOWED.
 */
export function persistedOperationsOnly(operations: PersistedOperations): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const params = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | undefined;
    const query = typeof params?.query === 'string' && params.query !== '' ? params.query : undefined;
    const hash = query !== undefined ? queryHash(query) : persistedHash(params?.extensions);
    if (hash !== undefined && operations.has(hash)) return next();
    res
      .status(403)
      .json(
        errorBody(
          ErrorCode.OPERATION_NOT_ALLOWED,
          'This server runs only its persisted operations (PERSISTED_OPERATIONS): send a listed query, or its sha256 hash in extensions.persistedQuery.',
        ),
      );
  };
}

function persistedHash(extensions: unknown): string | undefined {
  let value = extensions;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const hash = (value as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}
