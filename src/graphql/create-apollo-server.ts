import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildApiSchema } from './build-schema';
import type { Context } from './context';
import { createErrorFormatter, rateLimitedStatusPlugin, type ErrorReporter } from './format-error';
import {
  costLimitPlugin,
  DEFAULT_LIMITS,
  limitRules,
  variableDepthPlugin,
  subscriptionsOverWebSocketPlugin,
  type OperationLimits,
} from './limits';
import { AllowListCache, type PersistedOperations } from './persisted-operations';
import { responseCachePlugins } from './response-cache';
import { boundedStringify, DEFAULT_MAX_RESPONSE_BYTES, responseSizePlugin } from './response-size';

/** Apollo's default for its own cache (persisted queries): about 30 MB. */
const APQ_CACHE_BYTES = 30 * 2 ** 20;

export interface ApolloOptions {
  /** Schema introspection (the playground's docs and autocompletion need it). */
  readonly introspection?: boolean;
  /** Bytes of whole answers to cache per graph version; 0 (the default here) caches nothing. */
  readonly responseCacheBytes?: number;
  /** Depth, aliases, tokens and cost allowed per operation (DEFAULT_LIMITS). */
  readonly limits?: OperationLimits;
  /** The largest answer body, in bytes (MAX_RESPONSE_BYTES). */
  readonly maxResponseBytes?: number;
  /** Leave "Did you mean …?" suggestions and other schema details out of errors (production). */
  readonly hideSchemaDetails?: boolean;
  /** Wraps a process-local cache into one shared by replicas (Redis); the local one answers while Redis is away. */
  readonly sharedCache?: (local: KeyValueCache<string>) => KeyValueCache<string>;
  /** The same for whole answers (only when every replica reads the same graph under a version). */
  readonly sharedAnswers?: (local: KeyValueCache<string>) => KeyValueCache<string>;
  /** PERSISTED_OPERATIONS: the persisted-query cache is this list, read-only (the HTTP layer refuses the rest). */
  readonly persistedOperations?: PersistedOperations;
  readonly plugins?: ReadonlyArray<ApolloServerPlugin<Context>>;
}

/** The GraphQL server, configured once for HTTP and for in-process tests alike. */
export function createApolloServer(reportError: ErrorReporter, options: ApolloOptions = {}): ApolloServer<Context> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const share = options.sharedCache ?? ((local: KeyValueCache<string>) => local);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return new ApolloServer<Context>({
    // Automatic persisted queries (hash → query text) live here: shared by replicas with Redis.
    cache: share(new InMemoryLRUCache<string>({ maxSize: APQ_CACHE_BYTES })),
    persistedQueries: options.persistedOperations ? { cache: new AllowListCache(options.persistedOperations) } : undefined,
    schema: buildApiSchema(),
    formatError: createErrorFormatter(reportError),
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.hideSchemaDetails ?? false,
    introspection: options.introspection ?? true,
    // Off: it refuses every GET query a browser can send without a preflight, urql's
    // default. What it protected is kept by the HTTP layer (src/http/cors.ts,
    // crossSiteGuard; README, "Calling the API from a web page"): mutations never run over
    // GET (Apollo answers 405), a POST must be JSON, writes need a bearer token, and a page
    // on an origin CORS_ORIGINS does not list cannot make a browser run anything here.
    csrfPrevention: false,
    // main.ts drains and stops on SIGTERM itself; Apollo's own handler would stop the
    // server mid-drain and re-raise the signal.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    stringifyResult: boundedStringify(maxResponseBytes),
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: limitRules(limits),
    // Apollo's own landing page loads its IDE from a CDN; the API serves its own playground.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      variableDepthPlugin<Context>(),
      subscriptionsOverWebSocketPlugin<Context>(),
      costLimitPlugin<Context>(limits.maxCost, (context) => context.catalog),
      rateLimitedStatusPlugin<Context>(),
      responseSizePlugin<Context>(maxResponseBytes),
      ...responseCachePlugins(options.responseCacheBytes ?? 0, options.sharedAnswers),
      ...(options.plugins ?? []),
    ],
  });
}
