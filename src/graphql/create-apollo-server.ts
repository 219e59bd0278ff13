import { ApolloServer } from '@apollo/server';
import { buildApiSchema } from './build-schema';
import type { Context } from './context';
import { createErrorFormatter, type ErrorReporter } from './format-error';

/** The GraphQL server, configured once for HTTP and for in-process tests alike. */
export function createApolloServer(reportError: ErrorReporter): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: buildApiSchema(),
    formatError: createErrorFormatter(reportError),
    includeStacktraceInErrorResponses: false,
  });
}
