import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { Context, Services } from '../graphql/context';
import { createContext } from '../graphql/context';
import { createApolloServer } from '../graphql/create-apollo-server';
import type { ErrorReporter } from '../graphql/format-error';
import type { GraphStore } from '../storage/graph-store.port';
import { TokenRegistry } from './auth/token-registry';
import { servePages } from './serve-pages';
import { Readiness } from './readiness';

export interface AppParts {
  readonly app: Express;
  readonly apollo: ApolloServer<Context>;
  readonly readiness: Readiness;
  /** Connects the graph once it is loaded; until then /health and /graphql answer 503. */
  attach(store: GraphStore, services: Services): void;
}

export interface AppOptions {
  readonly reportError: ErrorReporter;
  /** Who may write; without it every request is an anonymous reader. */
  readonly tokens?: TokenRegistry;
  /** The browser pages to serve, from the folder `npm run build` bundles them into. */
  readonly pages?: { readonly playground: boolean; readonly explorer: boolean; readonly dir: string };
  /** Bytes of whole read answers to cache per graph version (0: none). */
  readonly responseCacheBytes?: number;
}

/**
 * The HTTP surface: `POST /graphql` (and the playground on `GET /graphql`), `GET /health`.
 * Built before the graph is loaded so that /health can say it is still loading.
 */
export async function createApp(options: AppOptions): Promise<AppParts> {
  const readiness = new Readiness();
  const apollo = createApolloServer(options.reportError, {
    introspection: options.pages?.playground ?? true,
    responseCacheBytes: options.responseCacheBytes,
  });
  await apollo.start();

  let wiring: { store: GraphStore; services: Services } | undefined;
  const app = express();
  app.disable('x-powered-by');

  app.get('/health', async (_req, res) => {
    if (!wiring || !readiness.ready) {
      res.status(503).json({ status: 'unavailable', reason: readiness.reason ?? 'the graph is not loaded' });
      return;
    }
    const { backend } = wiring.store;
    try {
      const counts = await wiring.store.counts();
      res.json({ status: 'ok', backend, database: 'up', ...counts });
    } catch (error) {
      options.reportError(error);
      res.status(503).json({ status: 'unavailable', backend, database: 'down', reason: 'the graph database does not answer' });
    }
  });

  if (options.pages) servePages(app, options.pages);

  app.use('/graphql', (req, res, next) => {
    if (wiring && readiness.ready) return next();
    res.status(503).json({ errors: [{ message: `Not ready: ${readiness.reason}`, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(wiring!.services, wiring!.store, options.tokens?.identify(req.headers.authorization)),
    }),
  );

  return {
    app,
    apollo,
    readiness,
    attach(store, services) {
      wiring = { store, services };
      readiness.markReady();
    },
  };
}
