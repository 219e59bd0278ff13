import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { randomUUID } from 'node:crypto';
import type { Context } from './context';

/**
 * Whole answers to read queries, cached in process under the graph's version: a repeated
 * question ("BOJ hike, 3 hops") is answered without propagating or resolving again, and
 * any accepted write moves the version, so no answer outlives the graph it was computed
 * on. Every read is public (no field depends on who asks); mutations and answers with
 * errors are never cached. Bounded by size, least recently used first out.
 *
 * Clients get no Cache-Control header: freshness is decided here, by version, not by age.
 */
export function responseCachePlugins(maxBytes: number): ApolloServerPlugin<Context>[] {
  if (maxBytes <= 0) return [];
  return [
    // Every field may be cached for as long as its version is current (one day at most).
    ApolloServerPluginCacheControl({ defaultMaxAge: 86_400, calculateHttpHeaders: false }),
    responseCachePlugin<Context>({
      cache: new InMemoryLRUCache<string>({ maxSize: maxBytes }),
      extraCacheKeyData: async ({ contextValue }) => {
        try {
          return { graphVersion: await contextValue.graphVersion() };
        } catch {
          // The database is unreachable: a key nothing matches, so the request goes on to
          // the resolvers, which answer with the proper error (and errors are not cached).
          return { uncached: randomUUID() };
        }
      },
    }),
  ];
}
