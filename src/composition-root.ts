import { AnalysisService } from './application/analysis.service';
import { CatalogService } from './application/catalog.service';
import { GraphWriterService } from './application/graph-writer.service';
import type { ChangeFeed } from './application/ports/change-feed.port';
import type { GraphBackend } from './application/ports/graph-backend';
import { PropagationService } from './application/propagation.service';
import { HeavyWork } from './application/heavy-work';
import { InProcessHeavyWorkLimiter } from './application/heavy-work-limiter';
import { AnalysisPool } from './workers/analysis-pool';
import { StatusService } from './application/status.service';
import { SuggestionService } from './application/suggestion.service';
import type { Config } from './config';
import type { Cluster } from './cluster/cluster';
import { HEAVY_WORK_LEASE_MS } from './cluster/shared-heavy-work-limiter';
import type { Scenario } from './domain/model/scenario.model';
import type { Services } from './graphql/context';
import { openNeo4jBackend } from './storage/neo4j/open-neo4j-backend';
import { readSeed, withArticleTexts, type Seed } from './storage/seed/read-seed';
import { SqliteGraphStore } from './storage/sqlite/sqlite-graph-store';

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/**
 * The adapters this build knows, and when each is chosen. The one place that names them:
 * a third backend is one folder under storage/ and one entry here.
 */
const ADAPTERS: ReadonlyArray<{
  readonly chosen: (config: Config) => boolean;
  readonly open: (config: Config, seed: Seed, log: (line: string) => void) => Promise<GraphBackend>;
}> = [
  { chosen: (config) => config.neo4j !== undefined, open: (config, seed, log) => openNeo4jBackend(config.neo4j!, seed, log) },
  { chosen: () => true, open: (config, seed, log) => SqliteGraphStore.open({ dataDir: config.dataDir, seed, log }) },
];

/** The seed, with its sources' texts when SEED_ARTICLES_DIR names the articles folder. */
export function readConfiguredSeed(config: Config): Seed {
  const seed = readSeed(config.seedDir);
  return config.seedArticlesDir ? withArticleTexts(seed, config.seedArticlesDir) : seed;
}

/** Opens the backend the configuration asks for: Neo4j when NEO4J_URI is set, else the embedded default under DATA_DIR. */
export async function openBackend(
  config: Config,
  log: (line: string) => void = () => {},
  seed: Seed = readConfiguredSeed(config),
): Promise<GraphBackend> {
  const adapter = ADAPTERS.find((a) => a.chosen(config))!;
  try {
    return await adapter.open(config, seed, log);
  } catch (error) {
    throw error instanceof StartupError ? error : new StartupError((error as Error).message, { cause: error });
  }
}

/**
 * The services over one backend. Heavy analyses run where `heavy` says: in line by default
 * (tools, tests), on the worker pool in the server (`createHeavyWork`). `changes` is what
 * subscriptions listen to: the store's own commits on a single process, every replica's
 * through the cluster feed with REDIS_URL.
 */
export function createServices(
  backend: GraphBackend,
  scenarios: readonly Scenario[] = [],
  heavy: HeavyWork = new HeavyWork(),
  now: () => Date = () => new Date(),
  changes: ChangeFeed = backend.changes,
): Services {
  const writer = new GraphWriterService(backend, now);
  return {
    changes,
    analysis: new AnalysisService(backend, scenarios, heavy),
    catalog: new CatalogService(backend),
    propagation: new PropagationService(backend, heavy),
    writer,
    status: new StatusService(backend.backend, backend, backend),
    suggestions: new SuggestionService(backend, backend, writer),
  };
}

/** The server's heavy work: the worker pool (ANALYSIS_THREADS) behind the per-client limit (shared through Redis with a cluster). */
export function createHeavyWork(config: Config, cluster?: Cluster): HeavyWork {
  const pool = new AnalysisPool({ threads: config.analysisThreads });
  const limits = { perClient: config.heavyPerClient, queueMs: config.heavyQueueMs };
  const local = new InProcessHeavyWorkLimiter(limits);
  // With REDIS_URL the places are counted across replicas, each a lease its replica renews
  // while the work runs: one a dead replica held frees itself within HEAVY_WORK_LEASE_MS.
  return new HeavyWork(pool, cluster ? cluster.heavyWorkLimiter({ ...limits, ttlMs: HEAVY_WORK_LEASE_MS }, local) : local);
}
