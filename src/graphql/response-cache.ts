import { OperationTypeNode } from 'graphql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { randomUUID } from 'node:crypto';
import { StoreUnavailableError } from '../storage/store-errors';
import type { Context } from './context';
import { ErrorCode } from './error-codes';
import { UNAVAILABLE_MESSAGE } from './format-error';

/**
 * Whole answers to read queries, cached in process under the graph's version: a repeated
 * question ("BOJ hike, 3 hops") is answered without propagating or resolving again, and
 * any accepted write moves the version, so no answer outlives the graph it was computed
 * on. Every read is public (no field depends on who asks); mutations and answers with
 * errors are never cached. Bounded by size, least recently used first out.
 *
 * Clients get no Cache-Control header: freshness is decided here, by version, not by age.
 * With REDIS_URL, `share` puts the answers in Redis for every replica (the in-process LRU
 * answers while Redis is away).
 */
export function responseCachePlugins(
  maxBytes: number,
  share: (local: KeyValueCache<string>) => KeyValueCache<string> = (local) => local,
): ApolloServerPlugin<Context>[] {
  if (maxBytes <= 0) return [];
  return [
    answerWhenStoreIsDown,
    // Every field may be cached for as long as its version is current (one day at most).
    ApolloServerPluginCacheControl({ defaultMaxAge: 86_400, calculateHttpHeaders: false }),
    responseCachePlugin<Context>({
      cache: share(new InMemoryLRUCache<string>({ maxSize: maxBytes })),
      extraCacheKeyData: async ({ contextValue }) => {
        try {
          return { graphVersion: await contextValue.graphVersion() };
        } catch {
          // Not an outage (answered above): a key nothing matches, so the resolvers answer, uncached.
          return { uncached: randomUUID() };
        }
      },
    }),
  ];
}

/**
 * A read's cache key needs the graph version. When the database cannot be reached for it,
 * answer SERVICE_UNAVAILABLE (HTTP 503) at once, instead of letting every resolver try
 * again and wait out the driver's connection timeout each time.
 */
const answerWhenStoreIsDown: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async responseForOperation({ operation, contextValue }) {
        if (operation?.operation !== OperationTypeNode.QUERY) return null;
        try {
          await contextValue.graphVersion(); // remembered for the request: the cache key reuses it
          return null;
        } catch (error) {
          if (!(error instanceof StoreUnavailableError)) return null;
          return {
            body: {
              kind: 'single',
              singleResult: { errors: [{ message: UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }] },
            },
            http: { status: 503, headers: new HeaderMap() },
          };
        }
      },
    };
  },
};
