// Every GraphQL block of the README runs on the curated seed, and the JSON block that follows
// one (its answer, trimmed) is part of what the API answers today: objects may leave keys
// out, lists may leave items out (those shown keep their order), and a number matches when
// the real one rounds to it at the precision shown. The playground's example operations are
// checked the same way (they must run; the issuance → Bitcoin one asks `channels`).
import { parse, print, validate, type OperationDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { buildApiSchema } from '../../src/graphql/build-schema';
import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { readSeed } from '../../src/storage/seed/read-seed';
import { EXAMPLES } from '../../web/playground/examples';
import { createTestApi, type TestApi } from '../support/test-api';

interface Block {
  lang: string;
  text: string;
  line: number;
}

function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    blocks.push({ lang: open[1], text: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

/** Decimal places a number is written with in the README (0.7476 → 4). */
function decimalsOf(value: number): number {
  const text = String(value);
  return text.includes('.') ? text.split('.')[1].length : 0;
}

/** Where `shown` is not part of `actual`, as a list of JSON paths and reasons ([] when it is). */
export function notContained(shown: unknown, actual: unknown, path = '$'): string[] {
  if (typeof shown === 'number') {
    if (typeof actual !== 'number') return [`${path}: ${JSON.stringify(actual)} is not a number`];
    const places = decimalsOf(shown);
    const rounded = Number(actual.toFixed(places));
    return Math.abs(rounded - shown) < 10 ** -(places + 3) ? [] : [`${path}: shown ${shown}, the API answers ${actual}`];
  }
  if (Array.isArray(shown)) {
    if (!Array.isArray(actual)) return [`${path}: not a list`];
    // Each shown item matches a later item than the one before it.
    let from = 0;
    for (const [i, item] of shown.entries()) {
      let found = -1;
      for (let j = from; j < actual.length; j++) {
        if (notContained(item, actual[j]).length === 0) {
          found = j;
          break;
        }
      }
      if (found < 0) return [`${path}[${i}]: ${JSON.stringify(item)} is not in the answer (after item ${from})`];
      from = found + 1;
    }
    return [];
  }
  if (shown !== null && typeof shown === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: not an object`];
    return Object.entries(shown).flatMap(([key, value]) =>
      key in actual ? notContained(value, (actual as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}: missing`],
    );
  }
  return shown === actual ? [] : [`${path}: shown ${JSON.stringify(shown)}, the API answers ${JSON.stringify(actual)}`];
}

const seed = readSeed(join(PROJECT_ROOT, 'seed'));
let api: TestApi;
beforeAll(() => {
  api = createTestApi(SqliteGraphStore.inMemory(seed), seed.scenarios);
});

const blocks = fencedBlocks(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8'));
/** Subscriptions (one per line) cannot run as a query: they are checked against the schema instead. */
const isSubscription = (text: string) => /^\s*(#.*\n\s*)*subscription\b/.test(text);
const queries = blocks.flatMap((block, i) =>
  block.lang === 'graphql' && !isSubscription(block.text) ? [{ block, answer: blocks[i + 1]?.lang === 'json' ? blocks[i + 1] : null }] : [],
);
const subscriptions = blocks.filter((block) => block.lang === 'graphql' && isSubscription(block.text));
const validationErrors = (operation: string) => validate(buildApiSchema(), parse(operation)).map((e) => e.message);

describe('the README’s GraphQL examples', () => {
  it('has examples to check, each followed by its answer', () => {
    expect(queries.length).toBeGreaterThanOrEqual(3);
    expect(queries.every((q) => q.answer)).toBe(true);
  });

  it.each(queries.map((q) => [`line ${q.block.line}`, q] as const))(
    '%s runs on the seed and answers what is shown',
    async (_, q) => {
      const result = await api.run(q.block.text);
      expect(result.errors).toBeUndefined();
      if (q.answer) expect(notContained(JSON.parse(q.answer.text), result.data)).toEqual([]);
      // 1,000 Monte-Carlo draws take 0.3 s in node but far longer in jest's module sandbox.
    },
    180_000,
  );
});

describe('the README’s subscriptions', () => {
  it('are there, and each line is a valid subscription of the schema', () => {
    const lines = subscriptions.flatMap((b) => b.text.split('\n').map((line) => line.replace(/#.*$/, '').trim())).filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect([line, validationErrors(line)]).toEqual([line, []]);
  });
});

describe('checking an answer shown against the real one', () => {
  const actual = {
    a: [
      { id: 'x', v: 0.74761 },
      { id: 'y', v: -1.12 },
      { id: 'z', v: 0.5 },
    ],
    n: 13,
  };

  it('accepts a trimmed answer with rounded numbers', () => {
    expect(notContained({ a: [{ id: 'x', v: 0.7476 }, { id: 'z' }] }, actual)).toEqual([]);
    expect(notContained({ a: [{ v: 0.75 }], n: 13 }, actual)).toEqual([]);
  });

  it('refuses a wrong figure, a missing key, a wrong order and an item that is not there', () => {
    expect(notContained({ n: 12 }, actual)).toEqual(['$.n: shown 12, the API answers 13']);
    expect(notContained({ a: [{ v: 0.7477 }] }, actual)).toHaveLength(1);
    expect(notContained({ m: 1 }, actual)).toEqual(['$.m: missing']);
    expect(notContained({ a: [{ id: 'z' }, { id: 'x' }] }, actual)).toHaveLength(1);
    expect(notContained({ a: [{ id: 'w' }] }, actual)).toHaveLength(1);
  });
});

describe('the playground’s example operations', () => {
  const queriesOnly = EXAMPLES.filter((e) => !/^\s*(#.*\n\s*)*(mutation|subscription)\b/.test(e.query));

  it.each(EXAMPLES.filter((e) => isSubscription(e.query)).map((e) => [e.title, e] as const))('%s is a valid subscription', (_, example) => {
    expect(validationErrors(example.query)).toEqual([]);
  });

  it.each(queriesOnly.map((e) => [e.title, e] as const))('%s runs on the seed', async (_, example) => {
    const result = await api.run(example.query, example.variables ? (JSON.parse(example.variables) as Record<string, unknown>) : undefined);
    expect(result.errors).toBeUndefined();
  });

  it.each(EXAMPLES.filter((e) => /^\s*(#.*\n\s*)*mutation\b/.test(e.query)).map((e) => [e.title, e] as const))(
    '%s holds only valid mutations of the schema',
    (_, example) => {
      expect(validationErrors(example.query)).toEqual([]);
    },
  );

  it('walks a review with the examples: a researcher proposes, the queue and the evidence show it, a reviewer accepts or rejects', async () => {
    const fresh = createTestApi(SqliteGraphStore.inMemory(seed), seed.scenarios);
    const example = (title: string) => EXAMPLES.find((e) => e.title === title)!;
    const operation = (title: string, name: string) =>
      print(parse(example(title).query).definitions.find((d) => (d as OperationDefinitionNode).name?.value === name)!);
    const researcher = { name: 'ana', role: 'researcher' as const };
    const reviewer = { name: 'rui', role: 'reviewer' as const };
    const add = example('Add an edge (token)');
    const proposed = (await fresh.data(add.query, JSON.parse(add.variables!) as Record<string, unknown>, researcher)).addEdge as {
      id: string;
      revision: number;
      status: string;
    };
    expect(proposed.status).toBe('PROPOSED');

    const { reviewQueue } = await fresh.data(example('Review queue').query);
    expect((reviewQueue as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toContain(proposed.id);
    const { edge } = await fresh.data(example("A proposal's evidence").query, { id: proposed.id });
    expect(edge).toMatchObject({ id: proposed.id, status: 'PROPOSED' });
    expect((edge as { evidence: { source: Record<string, unknown> }[] }).evidence[0].source).toEqual(
      expect.objectContaining({ id: expect.any(String), hasText: expect.any(Boolean), textSha256: null, text: null }),
    );

    const decide = JSON.parse(example('Accept or reject (token)').variables!) as Record<string, unknown>;
    const variables = { ...decide, id: proposed.id, expectedRevision: proposed.revision };
    const accepted = await fresh.data(operation('Accept or reject (token)', 'AcceptEdge'), variables, reviewer);
    expect(accepted.acceptEdge).toMatchObject({ id: proposed.id, status: 'ACTIVE' });

    const second = (
      await fresh.data(
        add.query.replace('playground-example-1', 'playground-example-2'),
        { input: { ...(JSON.parse(add.variables!) as { input: object }).input, polarity: 'NEGATIVE' } },
        researcher,
      )
    ).addEdge as { id: string; revision: number };
    const rejected = await fresh.data(
      operation('Accept or reject (token)', 'RejectEdge'),
      { ...variables, id: second.id, expectedRevision: second.revision },
      reviewer,
    );
    expect(rejected.rejectEdge).toMatchObject({ id: second.id, status: 'REJECTED' });
  });

  it('asks for the channels from an issuance surge to Bitcoin instead of filtering a propagation', async () => {
    const example = EXAMPLES.find((e) => e.title === 'Issuance surge → Bitcoin')!;
    expect(example.query).toMatch(/channels\(/);
    expect(example.query).not.toMatch(/propagate\(/);
    const { channels } = await api.data<{ channels: { pathCount: number; paths: { entities: { id: string }[] }[] } }>(example.query);
    expect(channels.pathCount).toBeGreaterThan(1);
    expect(channels.paths.every((p) => p.entities.at(-1)!.id === 'bitcoin' && p.entities[0].id === 'treasury-issuance')).toBe(true);
  });
});
