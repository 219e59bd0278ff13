import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';

/**
 * The browser pages, bundled at build time (web/build.mjs) and served from here — nothing
 * is fetched from the internet. The playground answers GET /graphql when a browser asks
 * for HTML (GraphQL GET requests with a query still reach Apollo); the explorer lives at
 * /explorer.
 */
export function servePages(app: Express, pages: { playground: boolean; explorer: boolean; dir: string }): void {
  const missing = (res: express.Response) =>
    res.status(503).type('text/plain').send('The browser pages are not built: run `npm run build` (npm start does it).');

  if (pages.playground) {
    const dir = join(pages.dir, 'playground');
    app.use('/playground', express.static(dir, { index: false, fallthrough: false }));
    app.get('/graphql', (req, res, next) => {
      if (req.query.query !== undefined || !req.accepts('html')) return next();
      if (!existsSync(join(dir, 'index.html'))) return missing(res);
      res.sendFile(join(dir, 'index.html'));
    });
  } else {
    // A browser opening /graphql on a server without the playground (the default under
    // NODE_ENV=production, so in the Docker image) learns why, instead of a GraphQL error.
    app.get('/graphql', (req, res, next) => {
      if (req.query.query !== undefined || !req.accepts('html')) return next();
      res
        .status(404)
        .type('text/plain')
        .send(
          'The GraphQL playground is off on this server (PLAYGROUND=off, the default when NODE_ENV=production). ' +
            'The API answers GraphQL here: POST a JSON body {"query": "…"}, or GET /graphql?query=… for a query. ' +
            'Start the server with PLAYGROUND=on to have the playground (and introspection) here.',
        );
    });
  }
  if (pages.explorer) {
    const dir = join(pages.dir, 'explorer');
    app.get(['/explorer', '/explorer/'], (_req, res) => {
      if (!existsSync(join(dir, 'index.html'))) return missing(res);
      res.sendFile(join(dir, 'index.html'));
    });
    app.use('/explorer', express.static(dir, { index: false, fallthrough: false }));
  }
}
