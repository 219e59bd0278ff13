import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createHeavyWork, createServices, openBackend, readConfiguredSeed } from './composition-root';
import { PROJECT_ROOT, readConfig } from './config';
import { TokenRegistry } from './http/auth/token-registry';
import { createApp } from './http/create-app';
import { createLogger } from './http/logging';
import { DEFAULT_LIMITS } from './graphql/limits';
import type { GraphBackend } from './application/ports/graph-backend';
import { Cluster } from './cluster/cluster';
import { readPersistedOperations } from './graphql/persisted-operations';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const persistedOperations = config.persistedOperationsFile ? readPersistedOperations(config.persistedOperationsFile) : undefined;
  // Connects in the background: the API serves (each process on its own) while Redis is away.
  const cluster = config.redis
    ? Cluster.open(config.redis, { info: (m) => logger.info(m), warn: (m) => logger.warn(m) }, { shareAnswers: config.neo4j !== undefined })
    : undefined;
  const parts = await createApp({
    shared: cluster,
    persistedOperations,
    reportError: (error) => logger.error({ err: error }, 'internal error'),
    tokens: TokenRegistry.parse(config.apiTokens),
    pages: { playground: config.playground, explorer: config.explorer, dir: join(PROJECT_ROOT, 'dist', 'web') },
    responseCacheBytes: config.responseCacheMb * 2 ** 20,
    requestTimeoutMs: config.requestTimeoutMs,
    rateLimitPerMinute: config.rateLimitPerMinute,
    limits: { ...DEFAULT_LIMITS, maxCost: config.maxQueryCost },
    hideSchemaDetails: !config.schemaSuggestions,
    corsOrigins: config.corsOrigins,
    maxResponseBytes: config.maxResponseBytes,
    trustProxy: config.trustProxy,
    logger,
    live: config.live,
  });
  const server: Server = await new Promise((resolve, reject) => {
    // A request, headers and body, must arrive within REQUEST_BODY_TIMEOUT_MS (Node's default
    // waits 300 s), looked at every second rather than Node's every 30 s.
    const s = createServer(
      {
        requestTimeout: config.requestBodyTimeoutMs,
        headersTimeout: Math.min(60_000, config.requestBodyTimeoutMs),
        connectionsCheckingInterval: 1_000,
      },
      parts.app,
    );
    s.once('error', reject);
    s.listen(config.port, config.host, () => resolve(s));
  });
  parts.serveLive(server);
  logger.info(`listening on http://localhost:${config.port}/graphql (loading the graph…)`);
  if (config.playground) logger.info(`playground: open http://localhost:${config.port}/graphql in a browser`);
  if (config.corsOrigins.length > 0)
    logger.info(`CORS: pages on ${config.corsOrigins === '*' ? 'every origin' : config.corsOrigins.join(', ')} may call the API`);
  if (config.explorer) logger.info(`explorer: http://localhost:${config.port}/explorer`);

  let store: GraphBackend | undefined;
  const heavy = createHeavyWork(config, cluster);
  let stopping = false;
  // Graceful shutdown: stop accepting, answer every request already received (each
  // response closes its connection), then close the store. SHUTDOWN_TIMEOUT_MS bounds it.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing in-flight requests, then stopping`);
    parts.drain();
    parts.readiness.markNotReady('shutting down');
    // A moment for requests already on the wire to be read: closing the listener also
    // drops connections Node still sees as idle. Meanwhile /ready says 503 and every
    // response asks its client to close the connection.
    await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, config.shutdownTimeoutMs)));
    const closed = new Promise((resolve) => server.close(resolve));
    const force = setTimeout(() => {
      logger.warn(`requests still running after ${config.shutdownTimeoutMs} ms: closing their connections`);
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    force.unref();
    await closed;
    clearTimeout(force);
    await parts.apollo.stop();
    await cluster?.close();
    await store?.close();
    await heavy.runner.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const started = Date.now();
  const seed = readConfiguredSeed(config);
  store = await openBackend(config, (line) => logger.info(line), seed);
  if (stopping) return;
  const changes = cluster ? await cluster.attach(store) : store.changes;
  if (stopping) return;
  parts.attach(createServices(store, seed.scenarios, heavy, undefined, changes));
  const { entities, edges } = await store.counts();
  if (cluster) logger.info(`sharing limits, caches and change events through Redis (REDIS_URL)`);
  if (persistedOperations) logger.info(`only the ${persistedOperations.size} persisted operations run (PERSISTED_OPERATIONS)`);
  logger.info(`ready: ${store.backend} backend, ${entities} entities, ${edges} causal edges, loaded in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  // Before the logger exists (a bad setting) or after (the store would not open): one line, no stack.
  console.error(
    JSON.stringify({
      level: 60,
      time: new Date().toISOString(),
      msg: `could not start: ${error instanceof Error ? error.message : String(error)}`,
    }),
  );
  process.exit(1);
});
