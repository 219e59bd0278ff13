import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

/** JSON lines on stdout: one per request and one per notable event. Never a header value. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'macro-graph-api' }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** A silent logger for in-process use (tests). */
export const SILENT: Logger = pino({ level: 'silent' });

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * One line per request when it ends: its id (the caller's `X-Request-Id` when sane, else a
 * new UUID, echoed back), method, path, status and time. Bodies, query strings and headers
 * are left out: they may carry tokens or users' text.
 */
export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res, responseTime) => `${req.method} ${path(req)} ${res.statusCode} in ${Math.round(responseTime)} ms`,
    customErrorMessage: (req, res) => `${req.method} ${path(req)} ${res.statusCode} failed`,
    serializers: {
      req: (req: { id: unknown; method: string; url: string; originalUrl?: string }) => ({
        id: req.id,
        method: req.method,
        path: path(req),
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  });
}

/** The path as the client sent it (Express rewrites `url` inside mounted routes), without the query string. */
function path(req: { url?: string; originalUrl?: string }): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}
