import type { GraphQLFormattedError } from 'graphql';
import { createServices } from '../../src/composition-root';
import { createContext } from '../../src/graphql/context';
import { createApolloServer } from '../../src/graphql/create-apollo-server';
import type { OperationLimits } from '../../src/graphql/limits';
import type { Actor } from '../../src/application/access';
import type { Scenario } from '../../src/domain/model/scenario.model';
import type { GraphBackend } from '../../src/application/ports/graph-backend';
import type { HeavyWork } from '../../src/application/heavy-work';

export interface TestApi {
  /** Runs one operation in process, as Apollo Server's own tests do. */
  run<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    actor?: Actor,
  ): Promise<{ data?: T; errors?: readonly GraphQLFormattedError[] }>;
  /** Like run, but fails the test on any GraphQL error. */
  data<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, actor?: Actor): Promise<T>;
  reported: unknown[];
}

/**
 * The API in process, configured as in production: with the response cache on, so every
 * contract test also proves that no cached answer outlives a write.
 */
export function createTestApi(
  store: GraphBackend,
  scenarios: readonly Scenario[] = [],
  options: { responseCacheBytes?: number; limits?: OperationLimits; maxResponseBytes?: number; heavy?: HeavyWork; now?: () => Date } = {},
): TestApi {
  const reported: unknown[] = [];
  const server = createApolloServer((e) => reported.push(e), {
    responseCacheBytes: options.responseCacheBytes ?? 8 * 2 ** 20,
    limits: options.limits,
    maxResponseBytes: options.maxResponseBytes,
  });
  const services = createServices(store, scenarios, options.heavy, options.now);
  const run: TestApi['run'] = async (query, variables, actor) => {
    const response = await server.executeOperation({ query, variables }, { contextValue: createContext(services, actor) });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as never;
  };
  return {
    run,
    reported,
    async data(query, variables, actor) {
      const result = await run(query, variables, actor);
      if (result.errors)
        throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}; reported: ${reported.map(String).join('; ')}`);
      return result.data as never;
    },
  };
}
