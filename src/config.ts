import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Neo4jConnection } from './storage/neo4j/neo4j-gateway';
import { parseCorsOrigins, type CorsOrigins } from './http/cors';
import { DEFAULT_LIVE_LIMITS, type LiveLimits } from './http/live/live-limits';

export interface Neo4jConfig extends Neo4jConnection {
  /** How long start-up keeps trying to reach the database before giving up. */
  readonly connectTimeoutMs: number;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly seedDir: string;
  /**
   * SEED_ARTICLES_DIR: the folder of the articles the seed cites (sources.yaml `file:`). When
   * set, a new graph's seed sources carry their texts, so quotes citing them are checked.
   */
  readonly seedArticlesDir?: string;
  /** Where the embedded backend keeps accepted writes. */
  readonly dataDir: string;
  /** API_TOKENS as given: `token:role` pairs; parsed by the HTTP layer. */
  readonly apiTokens?: string;
  /** The GraphQL playground on GET /graphql (PLAYGROUND=on|off; off by default when NODE_ENV=production). */
  readonly playground: boolean;
  /** The contagion explorer at /explorer (EXPLORER=on|off; on by default). */
  readonly explorer: boolean;
  /** Megabytes of whole query answers kept per graph version (RESPONSE_CACHE_MB; 0 turns the cache off). */
  readonly responseCacheMb: number;
  /** Every request ends within this many milliseconds (REQUEST_TIMEOUT_MS); Neo4j transactions too. */
  readonly requestTimeoutMs: number;
  /** Requests per minute per token, or per address without one (RATE_LIMIT_PER_MINUTE; 0 turns it off). */
  readonly rateLimitPerMinute: number;
  /** The estimated cost an operation may have (MAX_QUERY_COST; see README, Limits). */
  readonly maxQueryCost: number;
  /** The largest answer body, in bytes (MAX_RESPONSE_BYTES). */
  readonly maxResponseBytes: number;
  /** Hops of proxies whose X-Forwarded-For is believed (TRUST_PROXY: a number, or Express's list of addresses); unset: none. */
  readonly trustProxy?: number | string;
  /** How long a client may take to send a whole request, headers and body (REQUEST_BODY_TIMEOUT_MS). */
  readonly requestBodyTimeoutMs: number;
  /** How long SIGTERM waits for in-flight requests before closing what is left (SHUTDOWN_TIMEOUT_MS). */
  readonly shutdownTimeoutMs: number;
  /** Leave "Did you mean …?" suggestions out of errors (SCHEMA_SUGGESTIONS=on|off; off when NODE_ENV=production). */
  readonly schemaSuggestions: boolean;
  /** Origins whose pages may call the API (CORS_ORIGINS: comma-separated origins, or *); none by default. */
  readonly corsOrigins: CorsOrigins;
  /** pino level for the JSON logs on stdout (LOG_LEVEL: fatal, error, warn, info, debug, trace, silent). */
  readonly logLevel: string;
  /** Bounds of live updates over WebSocket (LIVE_MAX_*; README, Limits). */
  readonly live: LiveLimits;
  /** Worker threads for propagation, channels, the response, loops and rankings (ANALYSIS_THREADS; the machine's cores). */
  readonly analysisThreads: number;
  /** Analyses one token or address may have in flight at once (HEAVY_WORK_PER_CLIENT). */
  readonly heavyPerClient: number;
  /** How long an analysis over that share waits before RATE_LIMITED (HEAVY_WORK_QUEUE_MS). */
  readonly heavyQueueMs: number;
  /** Set when NEO4J_URI is: the Neo4j backend. Unset: the embedded default. */
  readonly neo4j?: Neo4jConfig;
  /** Set when REDIS_URL is: what replicas share (limits, caches, change events). Unset: one process, as before. */
  readonly redis?: RedisConfig;
  /** PERSISTED_OPERATIONS: a JSON file of sha256 hashes to queries; when set, only those operations run. */
  readonly persistedOperationsFile?: string;
}

export interface RedisConfig {
  readonly url: string;
  /** Prepended to every key and channel (REDIS_PREFIX), so several deployments can share one Redis. */
  readonly prefix: string;
  /** How often a replica asks Neo4j for the graph version anyway, in case it missed an event (CLUSTER_CATCH_UP_MS). */
  readonly catchUpMs: number;
  /** Every Redis command gives up after this (REDIS_COMMAND_TIMEOUT_MS); the caller then falls back to its own process. */
  readonly commandTimeoutMs: number;
}

/** The repository root: the nearest folder above this file with a package.json (works from src/ and dist/). */
export const PROJECT_ROOT = findRoot(__dirname);

/** Reads the environment once; a bad value stops start-up with a message naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intVar(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    seedDir: env.SEED_DIR || join(PROJECT_ROOT, 'seed'),
    seedArticlesDir: env.SEED_ARTICLES_DIR || undefined,
    dataDir: env.DATA_DIR || join(PROJECT_ROOT, 'data'),
    apiTokens: env.API_TOKENS,
    playground: onOff(env, 'PLAYGROUND', env.NODE_ENV !== 'production'),
    explorer: onOff(env, 'EXPLORER', true),
    responseCacheMb: intVar(env, 'RESPONSE_CACHE_MB', 64, 0, 65_536),
    requestTimeoutMs: intVar(env, 'REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
    rateLimitPerMinute: intVar(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 10_000_000),
    maxQueryCost: intVar(env, 'MAX_QUERY_COST', 100_000, 1, 1_000_000_000),
    maxResponseBytes: intVar(env, 'MAX_RESPONSE_BYTES', 4 * 2 ** 20, 1_024, 2 ** 30),
    trustProxy: trustProxy(env.TRUST_PROXY),
    requestBodyTimeoutMs: intVar(env, 'REQUEST_BODY_TIMEOUT_MS', 10_000, 100, 600_000),
    shutdownTimeoutMs: intVar(env, 'SHUTDOWN_TIMEOUT_MS', 15_000, 0, 600_000),
    schemaSuggestions: onOff(env, 'SCHEMA_SUGGESTIONS', env.NODE_ENV !== 'production'),
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    live: {
      ...DEFAULT_LIVE_LIMITS,
      maxConnections: intVar(env, 'LIVE_MAX_CONNECTIONS', DEFAULT_LIVE_LIMITS.maxConnections, 0, 1_000_000),
      maxConnectionsPerClient: intVar(env, 'LIVE_MAX_CONNECTIONS_PER_CLIENT', DEFAULT_LIVE_LIMITS.maxConnectionsPerClient, 1, 1_000_000),
      maxSubscriptionsPerConnection: intVar(env, 'LIVE_MAX_SUBSCRIPTIONS', DEFAULT_LIVE_LIMITS.maxSubscriptionsPerConnection, 1, 1_000),
      maxMessagesPerMinute: intVar(env, 'LIVE_MAX_MESSAGES_PER_MINUTE', DEFAULT_LIVE_LIMITS.maxMessagesPerMinute, 1, 1_000_000),
      maxBufferedBytes: intVar(env, 'LIVE_MAX_BUFFERED_KB', DEFAULT_LIVE_LIMITS.maxBufferedBytes / 1024, 1, 1_048_576) * 1024,
    },
    analysisThreads: intVar(env, 'ANALYSIS_THREADS', defaultThreadCount(), 1, 256),
    heavyPerClient: intVar(env, 'HEAVY_WORK_PER_CLIENT', Math.max(1, Math.ceil(defaultThreadCount() / 2)), 1, 1_000),
    heavyQueueMs: intVar(env, 'HEAVY_WORK_QUEUE_MS', 2_000, 0, 600_000),
    neo4j: env.NEO4J_URI
      ? {
          uri: env.NEO4J_URI,
          user: env.NEO4J_USER || 'neo4j',
          password: env.NEO4J_PASSWORD ?? '',
          database: env.NEO4J_DATABASE || 'neo4j',
          transactionTimeoutMs: intVar(env, 'REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
          connectTimeoutMs: intVar(env, 'NEO4J_CONNECT_TIMEOUT_MS', 60_000, 0, 3_600_000),
        }
      : undefined,
    redis: env.REDIS_URL
      ? {
          url: redisUrl(env.REDIS_URL),
          prefix: env.REDIS_PREFIX || 'macro-graph:',
          catchUpMs: intVar(env, 'CLUSTER_CATCH_UP_MS', 5_000, 100, 3_600_000),
          commandTimeoutMs: intVar(env, 'REDIS_COMMAND_TIMEOUT_MS', 500, 10, 60_000),
        }
      : undefined,
    persistedOperationsFile: env.PERSISTED_OPERATIONS || undefined,
  };
}

function redisUrl(raw: string): string {
  if (!/^rediss?:\/\/[^\s]+$/.test(raw)) throw new Error(`REDIS_URL must be a redis:// or rediss:// URL (got "${raw}")`);
  return raw;
}

function oneOf(env: NodeJS.ProcessEnv, name: string, allowed: readonly string[], fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw)) throw new Error(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return raw;
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['on', 'true', '1'].includes(raw)) return true;
  if (['off', 'false', '0'].includes(raw)) return false;
  throw new Error(`${name} must be on or off (got "${env[name]}")`);
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** Analysis threads for this machine: one per core the process may use but one, kept for the event loop. */
export function defaultThreadCount(): number {
  return Math.max(1, availableParallelism() - 1);
}

function trustProxy(raw: string | undefined): number | string | undefined {
  if (raw === undefined || raw === '' || raw === 'off') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[0-9a-fA-F:.,/ a-z]+$/.test(raw)) {
    throw new Error(`TRUST_PROXY must be a number of hops or a comma-separated list of addresses or subnets (got "${raw}")`);
  }
  return raw;
}
