import { InMemoryCache, gql as apolloGql } from '@apollo/client';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { Client, gql } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { fetchExchange } from '@urql/core';
import { getNamedType, isInterfaceType, isNonNullType, isObjectType, print } from 'graphql';
import { EMBEDDED_TYPES, keys, possibleTypes, typePolicies } from '../../../src/client/cache-policies';
import { buildApiSchema } from '../../../src/graphql/build-schema';
import { SqliteGraphStore } from '../../../src/storage/sqlite/sqlite-graph-store';
import { FIXTURE } from '../../support/fixture-graph';
import { createTestApi } from '../../support/test-api';

loadDevMessages();
loadErrorMessages();

const schema = buildApiSchema();
const roots = new Set(['Query', 'Mutation', 'Subscription']);
const objectTypes = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__') && !roots.has(t.name));

describe('every object type a client may cache is normalisable', () => {
  it('has an `id: ID!` or an embedded-type policy for both Apollo Client and urql Graphcache, never both', () => {
    const problems: string[] = [];
    for (const type of objectTypes) {
      if (!isObjectType(type)) continue;
      const id = type.getFields().id;
      const hasId = id !== undefined && isNonNullType(id.type) && getNamedType(id.type).name === 'ID';
      const embedded = (EMBEDDED_TYPES as readonly string[]).includes(type.name);
      const apollo = (typePolicies as Record<string, { keyFields?: unknown }>)[type.name];
      const urql = (keys as Record<string, (() => null) | undefined>)[type.name];
      if (!hasId && !embedded) problems.push(`${type.name} has neither an id nor a policy`);
      if (hasId && embedded) problems.push(`${type.name} has an id and is also listed as embedded`);
      if (embedded && (apollo?.keyFields !== false || urql?.() !== null)) problems.push(`${type.name} lacks its Apollo or urql policy`);
    }
    for (const name of EMBEDDED_TYPES) if (!schema.getType(name)) problems.push(`policy for ${name}, which the schema does not have`);
    expect(problems).toEqual([]);
  });

  it('lists every interface with the types that implement it (possibleTypes)', () => {
    const interfaces = Object.values(schema.getTypeMap()).filter((t) => isInterfaceType(t) && !t.name.startsWith('__'));
    const actual = Object.fromEntries(
      interfaces.map((i) => [
        i.name,
        schema
          .getPossibleTypes(i as never)
          .map((t) => t.name)
          .sort(),
      ]),
    );
    expect(Object.fromEntries(Object.entries(possibleTypes).map(([k, v]) => [k, [...v].sort()]))).toEqual(actual);
  });
});

/** Three paths of a BOJ hike with everything a client would draw, then the same call with another selection. */
const FIRST = `query First { propagate(shocks: [{ entityId: "boj-policy-rate", direction: UP }], maxHops: 3, topPaths: 3) {
  id
  impacts { id strength pathCount entity { id name } }
  paths { id strength direction entities { id name } edges { id weight evidence { id quote source { id title } } }
          explanation { text steps { id sentence } } } } }`;
const SECOND = `query Second { propagate(shocks: [{ entityId: "boj-policy-rate", direction: UP }], maxHops: 3, topPaths: 3) {
  id
  impacts { id netEffect agreement entity { id kind } }
  paths { id hops lagDays edges { id mechanism evidence { id source { id author } } } explanation { steps { id fromMoves toMoves } } } } }`;
const OTHER_BOUNDS = `query Deeper { propagate(shocks: [{ entityId: "boj-policy-rate", direction: UP }], maxHops: 4, topPaths: 3) {
  id impacts { id strength pathCount entity { id name } } } }`;
const PAGES = `query Pages { entities(first: 2) { nodes { id } edges { cursor node { id name } } pageInfo { hasNextPage endCursor } totalCount }
  rankings(first: 2) { id leverage { id influence entity { id } } }
  feedbackLoops(first: 2) { id kind strength entities { id } }
  response(shocks: [{ entityId: "boj-policy-rate" }], samples: 3, horizonDays: 2) { id entities { id level band { p05 p95 } entity { id } } } }`;

function watchConsole(): { messages: string[]; restore(): void } {
  const messages: string[] = [];
  const spies = (['warn', 'error', 'log'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => messages.push(`${level}: ${args.map(String).join(' ')}`)),
  );
  return { messages, restore: () => spies.forEach((s) => s.mockRestore()) };
}

describe('with the shipped policies, real client caches keep every answer without a warning', () => {
  const api = createTestApi(SqliteGraphStore.inMemory(FIXTURE));

  it('Apollo Client’s InMemoryCache: two selections of one propagation, then other bounds, all readable back whole', async () => {
    const cache = new InMemoryCache({ typePolicies, possibleTypes });
    const watch = watchConsole();
    try {
      const answers = [];
      for (const query of [FIRST, SECOND, OTHER_BOUNDS, PAGES]) {
        // What Apollo Client sends: the query with __typename added to every selection.
        const document = cache.transformDocument(apolloGql(query));
        const data = await api.data(print(document));
        expect(JSON.stringify(data)).not.toContain('"paths":[]');
        cache.writeQuery({ query: document, data });
        answers.push(data);
      }
      // Nothing was lost or overwritten: each answer reads back exactly as the API gave it.
      for (const [i, query] of [FIRST, SECOND, OTHER_BOUNDS, PAGES].entries()) {
        expect(cache.readQuery({ query: apolloGql(query) })).toEqual(answers[i]);
      }
    } finally {
      watch.restore();
    }
    expect(watch.messages).toEqual([]);
  });

  it('urql’s Graphcache: the same queries through a client, answered from the cache the second time', async () => {
    const calls: string[] = [];
    const inProcess: typeof fetch = async (_input, init) => {
      const body = JSON.parse(init?.body as string) as { query: string; variables?: Record<string, unknown> };
      calls.push(body.query.slice(0, 12));
      return new Response(JSON.stringify(await api.run(body.query, body.variables)), { headers: { 'content-type': 'application/json' } });
    };
    const client = new Client({
      url: 'http://api.invalid/graphql',
      preferGetMethod: false,
      fetch: inProcess,
      exchanges: [cacheExchange({ keys }), fetchExchange],
    });
    const watch = watchConsole();
    const results = [];
    try {
      for (const query of [FIRST, SECOND, OTHER_BOUNDS, PAGES]) results.push(await client.query(gql(query), {}).toPromise());
      const again = await client.query(gql(FIRST), {}, { requestPolicy: 'cache-only' }).toPromise();
      expect(again.data).toEqual(results[0].data);
    } finally {
      watch.restore();
    }
    for (const r of results) expect(r.error).toBeUndefined();
    expect(calls).toHaveLength(4);
    expect(watch.messages).toEqual([]);
  });
});
