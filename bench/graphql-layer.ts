import { buildSchema, execute, parse, printSchema, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { join } from 'node:path';
import { createServices } from '../src/composition-root';
import { PROJECT_ROOT } from '../src/config';
import type { TransmissionPath, Impact } from '../src/domain/propagation/propagation.model';
import { buildApiSchema } from '../src/graphql/build-schema';
import { createContext, type Context } from '../src/graphql/context';
import { loadAll } from '../src/graphql/loaders';
import { SqliteGraphStore } from '../src/storage/sqlite/sqlite-graph-store';
import { readSeed } from '../src/storage/seed/read-seed';
import { summarize } from './stats';

export interface GraphqlLayerRow {
  schema: string;
  runs: number;
  paths: number;
  impacts: number;
  medianMs: number;
  p99Ms: number;
}

/** The largest answer the API gives: the top 1000 paths (and every impact) of a BOJ hike. */
export const LARGEST_ANSWER = `{
  propagate(shocks: [{ entityId: "boj-policy-rate", direction: UP }], maxHops: 8, minStrength: 0, topPaths: 1000) {
    impacts { entity { id name kind } direction strength hops pathCount mixed }
    paths { entities { id name } edges { id polarity weight lagDays } hops strength direction lagDays }
  }
}`;

/**
 * The same schema (printed from type-graphql's) executed by plain `graphql` with resolvers
 * written by hand against the same services and DataLoaders: what the API would cost without
 * type-graphql's resolver layer.
 */
function plainSchema(api: GraphQLSchema): GraphQLSchema {
  const schema = buildSchema(printSchema(api));
  const resolve = (type: string, field: string, resolver: GraphQLFieldResolver<unknown, Context>) => {
    (schema.getType(type) as GraphQLObjectType).getFields()[field].resolve = resolver;
  };
  resolve(
    'Query',
    'propagate',
    (
      _root,
      args: {
        shocks: Array<{ entityId: string; direction: 'UP' | 'DOWN'; magnitude: number }>;
        maxHops: number;
        minStrength: number;
        topPaths: number;
      },
      ctx,
    ) =>
      ctx.propagation.propagate({
        shocks: args.shocks,
        maxHops: args.maxHops,
        minStrength: args.minStrength,
        topPaths: args.topPaths,
        horizonDays: null,
        disable: null,
      }),
  );
  resolve('Impact', 'entity', (impact, _args, ctx) => ctx.loaders.entity.load((impact as Impact).entityId));
  resolve('TransmissionPath', 'entities', (path, _args, ctx) => loadAll(ctx.loaders.entity, (path as TransmissionPath).entityIds));
  resolve('TransmissionPath', 'edges', (path, _args, ctx) => loadAll(ctx.loaders.edge, (path as TransmissionPath).edgeIds));
  return schema;
}

/**
 * Section 5: the cost of the GraphQL layer on the largest answer, on the curated graph in the
 * embedded store — the API's type-graphql schema against plain `graphql` execution. The two
 * run in turn, each with a fresh per-request context, and must give the same answer.
 */
export async function measureGraphqlLayer(runs: number, log: (line: string) => void): Promise<GraphqlLayerRow[]> {
  const store = SqliteGraphStore.inMemory(readSeed(join(PROJECT_ROOT, 'seed')));
  const services = createServices(store);
  const document = parse(LARGEST_ANSWER);
  const schemas: Array<[string, GraphQLSchema]> = [
    ['type-graphql (the API)', buildApiSchema()],
    ['plain graphql, hand-written resolvers', plainSchema(buildApiSchema())],
  ];
  const run = async (schema: GraphQLSchema) => {
    const result = await execute({ schema, document, contextValue: createContext(services) });
    if (result.errors) throw new Error(`section 5 query failed: ${result.errors[0].message}`);
    return result.data as { propagate: { paths: unknown[]; impacts: unknown[] } };
  };
  const answers = await Promise.all(schemas.map(([, schema]) => run(schema)));
  if (JSON.stringify(answers[0]) !== JSON.stringify(answers[1])) throw new Error('section 5: the two schemas answer differently');
  for (let i = 0; i < 20; i++) for (const [, schema] of schemas) await run(schema); // warm-up
  const times: number[][] = schemas.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [s, [, schema]] of schemas.entries()) {
      const start = process.hrtime.bigint();
      await run(schema);
      times[s].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return schemas.map(([name], s) => {
    const { median, p99 } = summarize(times[s]);
    const row = {
      schema: name,
      runs,
      paths: answers[0].propagate.paths.length,
      impacts: answers[0].propagate.impacts.length,
      medianMs: median,
      p99Ms: p99,
    };
    log(`graphql layer ${name}: median ${median.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (${row.paths} paths, ${row.impacts} impacts)`);
    return row;
  });
}
