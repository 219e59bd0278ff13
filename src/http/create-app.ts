import type { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Store } from 'express-rate-limit';
import { OperationTypeNode } from 'graphql';
import type { PersistedOperations } from '../graphql/persisted-operations';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Context, Services } from '../graphql/context';
import { createContext } from '../graphql/context';
import { createApolloServer } from '../graphql/create-apollo-server';
import type { ErrorReporter } from '../graphql/format-error';
import { TokenRegistry } from './auth/token-registry';
import type { Logger } from 'pino';
import { Deadline } from '../domain/errors';
import { ErrorCode } from '../graphql/error-codes';
import type { OperationLimits } from '../graphql/limits';
import { bodyErrors, errorBody, lastResort, persistedOperationsOnly, rateLimiter, timeoutGuard } from './guards';
import { requestLogger, SILENT } from './logging';
import { securityHeaders } from './security-headers';
import { servePages } from './serve-pages';
import { Readiness } from './readiness';
import { corsHandlers, crossSiteGuard, crossSiteRefusal, type CorsOrigins } from './cors';
import type { Server } from 'node:http';
import { buildApiSchema } from '../graphql/build-schema';
import { createErrorFormatter } from '../graphql/format-error';
import { DEFAULT_LIMITS } from '../graphql/limits';
import { DEFAULT_LIVE_LIMITS, type LiveLimits } from './live/live-limits';
import { serveLive, type LiveServer } from './live/live-server';

export interface AppParts {
  readonly app: Express;
  readonly apollo: ApolloServer<Context>;
  readonly readiness: Readiness;
  /** Connects the graph once it is loaded; until then /ready and /graphql answer 503. */
  attach(services: Services): void;
  /** From now on /ready answers 503 and every response closes its connection (SIGTERM); live connections are closed. */
  drain(): void;
  /** Serves subscriptions (graphql-ws) on the listening server's /graphql. */
  serveLive(server: Server): LiveServer;
}

export interface AppOptions {
  readonly reportError: ErrorReporter;
  /** Who may write; without it every request is an anonymous reader. */
  readonly tokens?: TokenRegistry;
  /** The browser pages to serve, from the folder `npm run build` bundles them into. */
  readonly pages?: { readonly playground: boolean; readonly explorer: boolean; readonly dir: string };
  /** Bytes of whole read answers to cache per graph version (0: none). */
  readonly responseCacheBytes?: number;
  /** Every request ends within this (default 10 s); its work stops at the same deadline. */
  readonly requestTimeoutMs?: number;
  /** Requests per minute per token or address on /graphql; 0 or unset: no limit. */
  readonly rateLimitPerMinute?: number;
  readonly limits?: OperationLimits;
  /** The largest answer body in bytes (MAX_RESPONSE_BYTES). */
  readonly maxResponseBytes?: number;
  /** Leave schema details ("Did you mean …?") out of error messages. */
  readonly hideSchemaDetails?: boolean;
  /**
   * Express's `trust proxy` (TRUST_PROXY): which hops' X-Forwarded-For to believe, so that
   * per-address limits see the client behind a proxy. Unset: none (the socket's address).
   */
  readonly trustProxy?: boolean | number | string;
  /** Structured request and event logs (silent by default). */
  readonly logger?: Logger;
  /** Origins whose pages may call the API (CORS_ORIGINS); none by default. */
  readonly corsOrigins?: CorsOrigins;
  /** Bounds of live updates over WebSocket (DEFAULT_LIVE_LIMITS). */
  readonly live?: LiveLimits;
  /** What replicas share (REDIS_URL; src/cluster): without it, each process keeps its own. */
  readonly shared?: SharedState;
  /** PERSISTED_OPERATIONS: only these operations run. */
  readonly persistedOperations?: PersistedOperations;
}

/** What several replicas share through Redis; every part falls back to the process while Redis is away. */
export interface SharedState {
  /** Redis answers: limits and caches are shared (else each process keeps its own for now). */
  readonly healthy: boolean;
  rateLimitStore(name: string): Store;
  /** Apollo's persisted queries. */
  cache(local: KeyValueCache<string>): KeyValueCache<string>;
  /** Whole answers (keyed by graph version). */
  answers(local: KeyValueCache<string>): KeyValueCache<string>;
  /** Resolves once this process's change events so far are published (bounded). */
  flush(): Promise<void>;
}

/**
 * The HTTP surface: `POST /graphql` (and the playground on `GET /graphql`), `GET /health`
 * (liveness) and `GET /ready` (readiness). Built before the graph is loaded so that the
 * probes can say it is still loading.
 */
export async function createApp(options: AppOptions): Promise<AppParts> {
  const readiness = new Readiness();
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const apollo = createApolloServer(options.reportError, {
    introspection: options.pages?.playground ?? true,
    responseCacheBytes: options.responseCacheBytes,
    limits: options.limits,
    hideSchemaDetails: options.hideSchemaDetails,
    sharedCache: options.shared && ((local) => options.shared!.cache(local)),
    sharedAnswers: options.shared && ((local) => options.shared!.answers(local)),
    persistedOperations: options.persistedOperations,
    plugins: options.shared ? [publishBeforeAnswering(options.shared)] : [],
    maxResponseBytes: options.maxResponseBytes,
  });
  await apollo.start();

  let services: Services | undefined;
  let draining = false;
  let live: LiveServer | undefined;
  /** The last counts read, so liveness never waits on the database. */
  let lastCounts: { entities: number; edges: number } | undefined;
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  app.use(requestLogger(options.logger ?? SILENT));
  app.use(securityHeaders());
  app.use((_req, res, next) => {
    if (draining) res.setHeader('Connection', 'close');
    next();
  });
  const corsOrigins = options.corsOrigins ?? [];
  app.use(['/graphql', '/health', '/ready'], ...corsHandlers(corsOrigins));

  // Liveness: the process serves HTTP. 200 even while the graph loads or the database is
  // down (restarting the API would not help); the body says what is known.
  app.get('/health', async (_req, res) => {
    if (!services) {
      res.json({ status: 'ok', state: readiness.reason ?? 'the graph is loading' });
      return;
    }
    lastCounts = await withTimeout(services.status.counts(), 500).catch(() => lastCounts);
    res.json({
      status: 'ok',
      backend: services.status.backend,
      ...lastCounts,
      liveConnections: live?.connections ?? 0,
      liveSubscriptions: live?.subscriptions ?? 0,
    });
  });

  // Readiness: the graph is loaded, the database answers, and the API is not shutting down.
  app.get('/ready', async (_req, res) => {
    if (!services || !readiness.ready || draining) {
      res.status(503).json({ status: 'unavailable', reason: draining ? 'shutting down' : (readiness.reason ?? 'the graph is not loaded') });
      return;
    }
    const { backend } = services.status;
    try {
      lastCounts = await withTimeout(services.status.counts(), Math.min(requestTimeoutMs, 5_000));
      // Redis down is not "not ready": the process serves alone until it is back.
      const redis = options.shared ? { redis: options.shared.healthy ? 'up' : 'down' } : {};
      res.json({ status: 'ok', backend, database: 'up', ...redis, ...lastCounts });
    } catch (error) {
      options.reportError(error);
      res.status(503).json({ status: 'unavailable', backend, database: 'down', reason: 'the graph database does not answer' });
    }
  });

  if (options.pages) servePages(app, options.pages);

  app.use('/graphql', crossSiteGuard(corsOrigins));
  app.use('/graphql', timeoutGuard(requestTimeoutMs));
  app.use('/graphql', (_req, res, next) => {
    if (services && readiness.ready) return next();
    res.status(503).json(errorBody(ErrorCode.SERVICE_UNAVAILABLE, `Not ready: ${readiness.reason}`));
  });
  if (options.rateLimitPerMinute) {
    app.use('/graphql', rateLimiter(options.rateLimitPerMinute, options.tokens, options.shared?.rateLimitStore('graphql')));
  }
  app.use('/graphql', express.json({ limit: '1mb' }));
  if (options.persistedOperations) app.use('/graphql', persistedOperationsOnly(options.persistedOperations));
  app.use(
    '/graphql',
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(
          services!,
          options.tokens?.identify(req.headers.authorization),
          Deadline.after(requestTimeoutMs),
          ipKeyGenerator(req.ip ?? 'unknown'),
        ),
    }),
  );
  app.use(bodyErrors);
  app.use(lastResort(options.reportError));

  return {
    app,
    apollo,
    readiness,
    attach(attached) {
      services = attached;
      void attached.status.counts().then((c) => (lastCounts = c), options.reportError);
      readiness.markReady();
    },
    drain() {
      draining = true;
      live?.close();
    },
    serveLive(server) {
      live = serveLive(server, {
        schema: buildApiSchema(),
        limits: options.live ?? DEFAULT_LIVE_LIMITS,
        operationLimits: options.limits ?? DEFAULT_LIMITS,
        tokens: options.tokens,
        services: () => (services && readiness.ready && !draining ? services : undefined),
        requestTimeoutMs,
        formatError: createErrorFormatter(options.reportError),
        hideSchemaDetails: options.hideSchemaDetails,
        refuseCrossSite: (request) => crossSiteRefusal(corsOrigins, request),
      });
      return live;
    },
  };
}

/**
 * A mutation's answer leaves once its change event has reached Redis, so that a client
 * who writes through one replica and reads through another sees its write.
 */
function publishBeforeAnswering(shared: SharedState): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === OperationTypeNode.MUTATION) await shared.flush();
        },
      };
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
