import type { IncomingMessage } from 'node:http';
import cors from 'cors';
import type { RequestHandler } from 'express';
import { ErrorCode } from '../graphql/error-codes';
import { errorBody } from './guards';

/**
 * Which browser origins may call the API from their pages (CORS_ORIGINS): a list of exact
 * origins (`https://app.example.org`, `http://localhost:5173`), or `*` for a public
 * read-only deployment. Empty: no page on another origin may call it.
 */
export type CorsOrigins = '*' | readonly string[];

/** Request headers a page may send: JSON bodies, bearer tokens, Apollo's and urql's own, request ids. */
export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'x-request-id',
];

/** Response headers a page may read besides the safelisted ones: request id and rate limits. */
export const CORS_EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy'];

/** How long a browser may reuse a preflight's answer, in seconds. */
export const CORS_MAX_AGE_SECONDS = 600;

/**
 * Parses CORS_ORIGINS: comma-separated origins (scheme, host and port, no path), or `*`
 * alone. A bad value stops start-up with a message naming the variable.
 */
export function parseCorsOrigins(raw: string | undefined): CorsOrigins {
  const items = (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.includes('*')) {
    if (items.length > 1) throw new Error(`CORS_ORIGINS must be * alone or a list of origins, not both (got "${raw}")`);
    return '*';
  }
  return items.map((item) => {
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    const origin = url?.origin;
    // An origin is scheme://host[:port]; URL.origin is "null" for other schemes.
    if (!url || !['http:', 'https:'].includes(url.protocol) || (origin !== item && `${origin}/` !== item)) {
      throw new Error(
        `CORS_ORIGINS must list origins such as https://app.example.org or http://localhost:5173 (scheme, host and optional port, no path), comma-separated, or be * (got "${item}")`,
      );
    }
    return origin!;
  });
}

/** True when a page on `origin` may read the API's answers. */
export function originAllowed(origins: CorsOrigins, origin: string | undefined): boolean {
  if (origin === undefined) return false;
  return origins === '*' || origins.includes(origin);
}

/**
 * CORS on the API's paths (the `cors` package). A listed origin gets its own origin back
 * with `Access-Control-Allow-Credentials: true` and `Vary: Origin`; with `*` every origin
 * gets `*` and never credentials (browsers refuse `*` with credentials, and a public
 * deployment has none to give). Any other origin gets no CORS header at all, and its
 * preflight is refused with 403, so the browser never sends the request itself.
 */
export function corsHandlers(origins: CorsOrigins): RequestHandler[] {
  const wildcard = origins === '*';
  const shared = {
    methods: ['GET', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: CORS_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  };
  const handler = cors(
    wildcard
      ? { ...shared, origin: '*', credentials: false }
      : {
          ...shared,
          credentials: true,
          origin: (origin: string | undefined, callback: (error: Error | null, allow?: boolean) => void) =>
            callback(null, originAllowed(origins, origin)),
        },
  );
  const vary: RequestHandler = (_req, res, next) => {
    // A shared cache must not hand one origin's answer (with or without CORS headers) to another.
    if (!wildcard) res.vary('Origin');
    next();
  };
  const refusePreflight: RequestHandler = (req, res, next) => {
    if (req.method !== 'OPTIONS') return next();
    if (req.headers.origin !== undefined && req.headers['access-control-request-method'] !== undefined) {
      res.status(403).json(errorBody(ErrorCode.FORBIDDEN, notAllowedMessage(req.headers.origin)));
      return;
    }
    res.status(204).set('Allow', 'GET, POST, OPTIONS').end();
  };
  return [vary, handler, refusePreflight];
}

/**
 * What Apollo's CSRF prevention protected, kept without refusing urql's GET queries: a
 * request that the browser itself marks as coming from another site's page
 * (`Sec-Fetch-Site: cross-site` or `same-site`, Fetch Metadata) runs only when that
 * page's origin is allowed. So no page elsewhere can make its visitors' browsers run
 * operations here — on an API inside a private network, say — even ones whose answers it
 * could not read. A user following a link (a top-level navigation) is let through, and so
 * is every client that is not a browser (no Sec-Fetch-Site): they act for themselves.
 * Browsers without Fetch Metadata are judged by `Origin` against the Host header.
 */
export function crossSiteGuard(origins: CorsOrigins): RequestHandler {
  return (req, res, next) => {
    const refusal = crossSiteRefusal(origins, req);
    if (refusal === undefined) return next();
    res.status(403).json(errorBody(ErrorCode.FORBIDDEN, refusal));
  };
}

/**
 * The same rule for any request, WebSocket upgrades included (they get no CORS: a page
 * anywhere may open one): the message to refuse it with, or undefined when it may go on.
 */
export function crossSiteRefusal(origins: CorsOrigins, req: Pick<IncomingMessage, 'headers'>): string | undefined {
  if (origins === '*' || !crossSiteRequest(req) || originAllowed(origins, req.headers.origin)) return undefined;
  return notAllowedMessage(req.headers.origin);
}

function crossSiteRequest(req: Pick<IncomingMessage, 'headers'>): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return (site === 'cross-site' || site === 'same-site') && req.headers['sec-fetch-mode'] !== 'navigate';
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true; // "null" (a sandboxed frame, a file) or garbage: not this site
  }
}

function notAllowedMessage(origin: string | undefined): string {
  return `Requests from pages on ${origin ?? 'another site'} are not allowed: the API's CORS_ORIGINS does not list that origin.`;
}
