import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every response (helmet): a Content-Security-Policy that lets the
 * bundled pages load only their own scripts, styles and fonts and talk only to this API
 * (GraphiQL and the explorer set inline styles, so styles allow 'unsafe-inline'; nothing
 * allows inline or evaluated script); no page may be framed (`frame-ancestors 'none'`,
 * `X-Frame-Options: DENY`); `X-Content-Type-Options: nosniff`; no referrer sent elsewhere.
 * The server speaks plain HTTP (TLS, and HSTS with it, belong to the proxy in front), so
 * requests are not upgraded.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
