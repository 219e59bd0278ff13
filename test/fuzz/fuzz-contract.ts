import fc from 'fast-check';
import type { Actor } from '../../src/application/access';
import type { GraphSnapshot } from '../../src/domain/model/graph-snapshot';
import type { GraphBackend } from '../../src/application/ports/graph-backend';
import { FIXTURE } from '../support/fixture-graph';
import { createTestApi } from '../support/test-api';

// An admin: the writes it makes are ACTIVE at once, so every accepted write shows in the answers.
const RESEARCHER: Actor = { name: 'fuzzer', role: 'admin' };

/** Strings an attacker (or an unlucky paste) sends: injections, control and astral characters, huge ones. */
const HOSTILE = [
  '"}) DETACH DELETE n //',
  "'}) MATCH (n) DETACH DELETE n RETURN 1 //",
  '\\" OR 1=1 --',
  '${process.exit()}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '\u0000\u0001\u001f',
  '\ud800', // a lone surrogate
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🏦💴',
  '日本央行 加息 日圓 套利',
  'Ḁ̶̧̛͙͖ zalgo',
  '__proto__',
  'constructor',
  'boj-policy-rate',
  '',
  ' ',
  'x'.repeat(5_000),
];

const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -1, 1, 8, 9, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1e308, -1e308, 0.05, 1e-300),
);
/** Any JSON value: wrong types for every variable. */
const anyValue = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  actor?: Actor;
}

const READS: Array<fc.Arbitrary<Operation>> = [
  fc
    .record({ id: fc.oneof(hostileString, anyValue) })
    .map((v) => ({ query: 'query($id: ID!) { entity(id: $id) { id name outgoing { id } } }', variables: v })),
  fc
    .record({ id: fc.oneof(hostileString, anyValue) })
    .map((v) => ({ query: 'query($id: ID!) { edge(id: $id) { id mechanism evidence { quote } } }', variables: v })),
  fc
    .record({ s: fc.oneof(hostileString, anyValue), n: fc.oneof(hostileNumber, anyValue), a: fc.oneof(hostileString, anyValue) })
    .map((v) => ({
      query:
        'query($s: String, $n: Int!, $a: String) { entities(search: $s, first: $n, after: $a) { nodes { id } pageInfo { endCursor } } }',
      variables: v,
    })),
  fc
    .record({
      id: hostileString,
      d: fc.oneof(fc.constantFrom('UP', 'DOWN'), anyValue),
      m: fc.oneof(hostileNumber, anyValue),
      h: hostileNumber,
      ms: hostileNumber,
      t: hostileNumber,
      hz: fc.oneof(hostileNumber, fc.constant(null)),
    })
    .map((v) => ({
      query:
        'query($id: ID!, $d: Direction!, $m: Float!, $h: Int!, $ms: Float!, $t: Int!, $hz: Int) { propagate(shocks: [{ entityId: $id, direction: $d, magnitude: $m }], maxHops: $h, minStrength: $ms, topPaths: $t, horizonDays: $hz) { impacts { strength } paths { hops } } }',
      variables: v,
    })),
  fc
    .record({ s: fc.oneof(fc.constantFrom('boj-policy-rate', 'usd-jpy'), hostileString), dis: fc.array(hostileString, { maxLength: 3 }) })
    .map((v) => ({
      query:
        'query($s: ID!, $dis: [ID!]) { propagate(shocks: [{ entityId: $s }], disable: { entities: $dis, edges: $dis }, compare: true) { comparison { cutPaths { hops } } } }',
      variables: v,
    })),
  fc.record({ t: fc.oneof(hostileString, fc.constant(null)), l: hostileNumber, f: hostileNumber }).map((v) => ({
    query: 'query($t: ID, $l: Int!, $f: Int!) { feedbackLoops(through: $t, maxLength: $l, first: $f) { strength } }',
    variables: v,
  })),
  fc.record({ id: hostileString, h: hostileNumber, m: hostileNumber }).map((v) => ({
    query: 'query($id: ID!, $h: Int!, $m: Int!) { neighbourhood(id: $id, hops: $h, maxEntities: $m) { entities { id } } }',
    variables: v,
  })),
  fc.record({ s: hostileString }).map(({ s }) => ({ query: `{ propagate(scenario: ${JSON.stringify(s)}) { impacts { strength } } }` })),
  fc
    .integer({ min: 1, max: 40 })
    .map((depth) => ({ query: `{ entity(id: "boj-policy-rate") { ${'partOf { '.repeat(depth)}id${' }'.repeat(depth)} } }` })),
];

/** Writes as an anonymous caller: every one must be refused, changing nothing. */
const ANONYMOUS_WRITES: Array<fc.Arbitrary<Operation>> = [
  fc.record({ id: hostileString, title: hostileString }).map((v) => ({
    query: 'mutation($id: ID!, $title: String!) { addSource(input: { id: $id, title: $title, language: "en" }) { id } }',
    variables: v,
  })),
  fc.record({ m: hostileString, r: hostileNumber }).map((v) => ({
    query: 'mutation($m: String, $r: Int!) { updateEdge(id: "yields-move-fed", patch: { mechanism: $m }, expectedRevision: $r) { id } }',
    variables: v,
  })),
  fc.record({ reason: hostileString }).map((v) => ({
    query: 'mutation($reason: String!) { retractEdge(id: "yields-move-fed", reason: $reason, expectedRevision: 1) { id } }',
    variables: v,
  })),
];

/** A researcher's writes with hostile text: refused with a clear error, or stored exactly as sent. */
const RESEARCHER_WRITES: Array<fc.Arbitrary<Operation>> = [
  fc
    .record({
      id: fc.oneof(hostileString, fc.stringMatching(/^[a-z]{1,8}(-[a-z0-9]{1,6}){0,2}$/)),
      title: hostileString,
      author: fc.oneof(hostileString, fc.constant(null)),
      lang: fc.oneof(hostileString, fc.constantFrom('en', 'zh-Hans')),
    })
    .map((v) => ({
      query:
        'mutation($id: ID!, $title: String!, $author: String, $lang: String!) { addSource(input: { id: $id, title: $title, author: $author, language: $lang }) { id title author } }',
      variables: v,
      actor: RESEARCHER,
    })),
  fc.record({ m: hostileString, w: hostileNumber }).map((v) => ({
    query:
      'mutation($m: String, $w: Float) { updateEdge(id: "yields-move-fed", patch: { mechanism: $m, weight: $w }, expectedRevision: 1, reason: "fuzz") { id mechanism weight } }',
    variables: v,
    actor: RESEARCHER,
  })),
  fc.record({ id: hostileString, name: hostileString, kind: fc.oneof(fc.constantFrom('INDICATOR', 'POLICY'), hostileString) }).map((v) => ({
    query:
      'mutation($id: ID!, $name: String!, $kind: EntityKind!) { upsertEntity(input: { id: $id, name: $name, kind: $kind, measure: "It rises." }) { id name } }',
    variables: v,
    actor: RESEARCHER,
  })),
];

/** A valid operation with random characters inserted, deleted or replaced. */
const MUTATED: fc.Arbitrary<Operation> = fc
  .tuple(
    fc.constantFrom(
      '{ propagate(shocks: [{ entityId: "boj-policy-rate", direction: UP }], maxHops: 3) { impacts { entity { id } strength } } }',
      '{ entities(search: "日本", first: 5) { nodes { id name } } }',
      'mutation { addSource(input: { id: "s-x", title: "T", language: "en" }) { id } }',
    ),
    fc.array(
      fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...'{}()[]":$!@#,.\\ \n\u0000日'.split(''))),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([query, edits]) => {
    let q: string = query;
    for (const [at, kind, ch] of edits) {
      const i = at % (q.length + 1);
      q =
        kind === 'insert'
          ? q.slice(0, i) + ch + q.slice(i)
          : kind === 'delete'
            ? q.slice(0, i) + q.slice(i + 1)
            : q.slice(0, i) + ch + q.slice(i + 1);
    }
    return { query: q };
  });

const LEAKS = [
  /\n\s+at /,
  /node_modules/,
  /\/work\/|\/home\/|\/usr\//,
  /\.ts:\d+|\.js:\d+/,
  /Neo\.(Client|Transient|Database)Error/,
  /\bMATCH\b|\bMERGE\b|\bUNWIND\b/,
  /neo4j/i,
  /TypeError|ReferenceError|Cannot read prop/,
];

/**
 * Property-based fuzzing of the whole GraphQL pipeline (parse, limits, validation,
 * resolvers, store, error formatting) on one backend: no internal error, nothing internal
 * in any answer, and no change to the graph but the ones a researcher's accepted writes
 * asked for — stored exactly as sent.
 */
export function describeFuzzContract(backend: string, open: (snapshot: GraphSnapshot) => Promise<GraphBackend>, runs: number): void {
  describe(`hostile input (${backend})`, () => {
    it(`answers ${runs} generated and mutated operations without an internal error or an unintended change`, async () => {
      const store = await open(FIXTURE);
      try {
        const api = createTestApi(store);
        const before = await store.exportGraph();
        const accepted = { sources: new Map<string, unknown>(), entities: new Map<string, unknown>(), edge: undefined as unknown };
        const operation = fc.oneof(
          { arbitrary: fc.oneof(...READS), weight: 5 },
          { arbitrary: fc.oneof(...ANONYMOUS_WRITES), weight: 2 },
          { arbitrary: fc.oneof(...RESEARCHER_WRITES), weight: 2 },
          { arbitrary: MUTATED, weight: 2 },
        );
        await fc.assert(
          fc.asyncProperty(operation, async ({ query, variables, actor }) => {
            const result = await api.run(query, variables, actor);
            const text = JSON.stringify(result);
            // Messages may quote the caller's own input back; anything else matching a leak
            // pattern came from inside.
            const sent = `${query} ${JSON.stringify(variables ?? {})}`;
            for (const error of result.errors ?? []) {
              expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
              for (const leak of LEAKS) if (!leak.test(sent)) expect(error.message).not.toMatch(leak);
            }
            expect(text).not.toMatch(/\n\s+at |node_modules/);
            if (!actor && query.startsWith('mutation') && result.errors)
              expect(result.errors[0].extensions?.code).toMatch(/UNAUTHENTICATED|BAD_USER_INPUT|GRAPHQL_/);
            const data = result.data as Record<string, any> | undefined;
            // Text is stored as sent, less surrounding whitespace (the write inputs trim it).
            const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
            if (actor && data?.addSource) {
              expect(data.addSource).toMatchObject({ id: variables!.id, title: trimmed(variables!.title) });
              if (!accepted.sources.has(data.addSource.id)) accepted.sources.set(data.addSource.id, trimmed(variables!.title));
            }
            if (actor && data?.upsertEntity) {
              expect(data.upsertEntity).toEqual({ id: variables!.id, name: trimmed(variables!.name) });
              accepted.entities.set(data.upsertEntity.id, trimmed(variables!.name));
            }
            if (actor && data?.updateEdge) {
              expect(data.updateEdge).toMatchObject({
                id: 'yields-move-fed',
                ...(variables!.m != null ? { mechanism: trimmed(variables!.m) } : {}),
              });
              accepted.edge = data.updateEdge;
            }
          }),
          { numRuns: runs, seed: 20261124 },
        );
        expect(api.reported).toEqual([]);

        // Nothing changed but what accepted writes asked for, and those hold exactly what was sent.
        const after = await store.exportGraph();
        const untouched = <T extends { id: string }>(list: T[], touched: ReadonlySet<string>) => list.filter((r) => !touched.has(r.id));
        expect(untouched(after.sources, new Set(accepted.sources.keys()))).toEqual(before.sources);
        expect(untouched(after.entities, new Set(accepted.entities.keys()))).toEqual(
          untouched(before.entities, new Set(accepted.entities.keys())),
        );
        expect(untouched(after.edges, new Set(accepted.edge ? ['yields-move-fed'] : []))).toEqual(
          untouched(before.edges, new Set(accepted.edge ? ['yields-move-fed'] : [])),
        );
        for (const [id, title] of accepted.sources) expect(after.sources.find((s) => s.id === id)?.title).toBe(title);
        for (const [id, name] of accepted.entities) expect(after.entities.find((e) => e.id === id)?.name).toBe(name);
      } finally {
        await store.close();
      }
    }, 300_000);
  });
}
