import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildApiSchema } from './build-schema';
import type { Context } from './context';
import { createErrorFormatter, type ErrorReporter } from './format-error';
import { responseCachePlugins } from './response-cache';

export interface ApolloOptions {
  /** Schema introspection (the playground's docs and autocompletion need it). */
  readonly introspection?: boolean;
  /** Bytes of whole answers to cache per graph version; 0 (the default here) caches nothing. */
  readonly responseCacheBytes?: number;
}

/** The GraphQL server, configured once for HTTP and for in-process tests alike. */
export function createApolloServer(reportError: ErrorReporter, options: ApolloOptions = {}): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: buildApiSchema(),
    formatError: createErrorFormatter(reportError),
    includeStacktraceInErrorResponses: false,
    introspection: options.introspection ?? true,
    // Apollo's own landing page loads its IDE from a CDN; the API serves its own playground.
    plugins: [ApolloServerPluginLandingPageDisabled(), ...responseCachePlugins(options.responseCacheBytes ?? 0)],
  });
}
