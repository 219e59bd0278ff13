import 'reflect-metadata';
import type { Server } from 'node:http';
import { createServices, openStore } from './composition-root';
import { join } from 'node:path';
import { PROJECT_ROOT, readConfig } from './config';
import { readSeed } from './storage/seed/read-seed';
import { TokenRegistry } from './http/auth/token-registry';
import { createApp } from './http/create-app';

async function main(): Promise<void> {
  const config = readConfig();
  const parts = await createApp({
    reportError: (error) => console.error('[api] internal error:', error),
    tokens: TokenRegistry.parse(config.apiTokens),
    pages: { playground: config.playground, explorer: config.explorer, dir: join(PROJECT_ROOT, 'dist', 'web') },
    responseCacheBytes: config.responseCacheMb * 2 ** 20,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = parts.app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  console.log(`[api] listening on http://localhost:${config.port}/graphql (loading the graph…)`);
  if (config.playground) console.log(`[api] playground: open http://localhost:${config.port}/graphql in a browser`);
  if (config.explorer) console.log(`[api] explorer:   http://localhost:${config.port}/explorer`);

  const started = Date.now();
  const seed = readSeed(config.seedDir);
  const store = await openStore(config, (line) => console.log(`[api] ${line}`), seed);
  parts.attach(store, createServices(store, seed.scenarios));
  const { entities, edges } = await store.counts();
  console.log(`[api] ready: ${store.backend} backend, ${entities} entities, ${edges} causal edges, loaded in ${Date.now() - started} ms`);

  const stop = async (signal: string) => {
    console.log(`[api] ${signal}: shutting down`);
    parts.readiness.markNotReady('shutting down');
    server.close();
    await parts.apollo.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`[api] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
