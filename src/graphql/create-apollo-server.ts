import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildApiSchema } from './build-schema';
import type { Context } from './context';
import { createErrorFormatter, rateLimitedStatusPlugin, type ErrorReporter } from './format-error';
import { costLimitPlugin, DEFAULT_LIMITS, limitRules, variableDepthPlugin, type OperationLimits } from './limits';
import { responseCachePlugins } from './response-cache';
import { boundedStringify, DEFAULT_MAX_RESPONSE_BYTES, responseSizePlugin } from './response-size';

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
}

/** The GraphQL server, configured once for HTTP and for in-process tests alike. */
export function createApolloServer(reportError: ErrorReporter, options: ApolloOptions = {}): ApolloServer<Context> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return new ApolloServer<Context>({
    schema: buildApiSchema(),
    formatError: createErrorFormatter(reportError),
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.hideSchemaDetails ?? false,
    introspection: options.introspection ?? true,
    // Said out loud although they are Apollo's defaults: both are part of the contract.
    csrfPrevention: true,
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
      costLimitPlugin<Context>(limits.maxCost, async (context) => ({ sources: (await context.catalog.sources()).length })),
      rateLimitedStatusPlugin<Context>(),
      responseSizePlugin<Context>(maxResponseBytes),
      ...responseCachePlugins(options.responseCacheBytes ?? 0),
    ],
  });
}
