import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { PROJECT_ROOT } from '../../src/config';
import { sharedPath } from '../support/shared-dir';
import { traceChain } from '../../src/domain/model/trace-chain';
import { CausalGraph } from '../../src/domain/propagation/causal-graph';
import { propagate } from '../../src/domain/propagation/propagate';
import { foldText } from '../../src/domain/search/fold-text';
import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { findMisquotes } from '../../src/storage/seed/check-quotes';
import { readSeed, withArticleTexts } from '../../src/storage/seed/read-seed';
import { GraphWriterService } from '../../src/application/graph-writer.service';
import { inventoryRecall } from '../../src/storage/seed/seed-report';

const seed = readSeed(join(PROJECT_ROOT, 'seed'));
const articlesDir = process.env.ARTICLES_DIR ?? sharedPath('articles');
// The articles live outside the project: check quotes whenever they are there, and always in CI.
const withArticles = existsSync(articlesDir) || process.env.CI === 'true' ? it : it.skip;

describe('the curated seed graph', () => {
  it('holds at least 70 entities, 150 causal edges and 15 edges from each article', () => {
    expect(seed.entities.length).toBeGreaterThanOrEqual(70);
    expect(seed.edges.length).toBeGreaterThanOrEqual(150);
    const perSource = Object.fromEntries(
      seed.sources.map((s) => [s.id, seed.edges.filter((e) => e.evidence.some((ev) => ev.sourceId === s.id)).length]),
    );
    expect(Object.entries(perSource).filter(([, count]) => count < 15)).toEqual([]);
  });

  it('describes every source with title, date and language, and cites every one', () => {
    expect(seed.sources.map((s) => s.id).sort()).toEqual([
      'great-unwind-2026',
      'hayes-2024-nochu',
      'hayes-2025-hallelujah',
      'hayes-2025-ski-cut',
      'sinolink-2025-ust-haven',
    ]);
    for (const s of seed.sources)
      expect(s).toMatchObject({
        title: expect.any(String),
        publishedOn: expect.stringMatching(/^\d{4}/),
        language: expect.stringMatching(/^zh-Han[st]$/),
      });
    const cited = new Set(seed.edges.flatMap((e) => e.evidence.map((ev) => ev.sourceId)));
    expect([...cited].sort()).toEqual(seed.sources.map((s) => s.id).sort());
  });

  withArticles('quotes every piece of evidence verbatim from the article it cites', () => {
    expect(findMisquotes(seed, articlesDir)).toEqual([]);
  });

  withArticles('seeds a graph whose sources carry their articles (SEED_ARTICLES_DIR), so later quotes are checked against them', async () => {
    const withTexts = withArticleTexts(seed, articlesDir);
    const store = SqliteGraphStore.inMemory(withTexts);
    try {
      const sources = await store.listSources();
      expect(sources.every((s) => /^[0-9a-f]{64}$/.test(s.textSha256 ?? ''))).toBe(true);
      const [text] = await store.getSourceTexts(['great-unwind-2026']);
      expect(text).toBe(withTexts.texts!.get('great-unwind-2026'));
      const writer = new GraphWriterService(store);
      const admin = { name: 'grace', role: 'admin' as const };
      const edge = seed.edges.find((e) => e.evidence.some((ev) => ev.sourceId === 'great-unwind-2026'))!;
      await expect(
        writer.updateEdge(admin, edge.id, { addEvidence: [{ sourceId: 'great-unwind-2026', quote: '日本央行从未加息' }] }, 1),
      ).rejects.toThrow(/patch.addEvidence\[0\].quote is not verbatim in the text of source great-unwind-2026/);
    } finally {
      await store.close();
    }
  });

  it('gives every entity a description, and an English and a Chinese name', () => {
    const lacking = seed.entities.filter((e) => !e.description?.trim() || !e.aliases.some((a) => /\p{Script=Han}/u.test(a)));
    expect(lacking.map((e) => e.id)).toEqual([]);
  });

  it('finds every entity by each of its aliases, written in Simplified or in Traditional script', () => {
    const store = SqliteGraphStore.inMemory(seed);
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
    const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
    const misses: string[] = [];
    return (async () => {
      for (const entity of seed.entities) {
        for (const alias of entity.aliases) {
          for (const written of new Set([alias, toTraditional(alias), toSimplified(alias)])) {
            const { items } = await store.searchEntities({ foldedQuery: foldText(written), first: 500 });
            if (!items.some((m) => m.entity.id === entity.id && m.rank === 0)) misses.push(`${entity.id} by "${written}"`);
          }
        }
      }
      expect(misses).toEqual([]);
    })();
  });

  it('resolves the names the articles use to the entity they mean there, and to no other', async () => {
    const store = SqliteGraphStore.inMemory(seed);
    const exactly = async (name: string) =>
      (await store.searchEntities({ foldedQuery: foldText(name), first: 500 })).items.filter((m) => m.rank === 0).map((m) => m.entity.id);
    const meant: Array<[string, string]> = [
      // In the Nochu article 日本银行 is a Japanese commercial bank eleven times in twelve; the BOJ is 日本央行.
      ['日本银行', 'japanese-commercial-banks'],
      ['日本銀行', 'japanese-commercial-banks'],
      ['日本央行', 'bank-of-japan'],
      ['日銀', 'bank-of-japan'],
      ['相對價值基金', 'rv-basis-trade'],
      ['相对价值基金', 'rv-basis-trade'],
      ['基礎價差', 'treasury-basis-spread'],
      ['野忠', 'norinchukin'],
      // People who embody an institution's policy in the articles.
      ['耶伦', 'us-treasury'],
      ['貝森特', 'us-treasury'],
      ['上田', 'bank-of-japan'],
      ['鮑威爾', 'federal-reserve'],
      ['伯南克', 'federal-reserve'],
      ['米蘭', 'mar-a-lago-accord'],
      ['埃隆', 'doge-spending-cuts'],
    ];
    for (const [name, id] of meant) expect([name, await exactly(name)]).toEqual([name, [id]]);
  });

  it('gives no alias to two entities, and writes every Chinese alias that differs between the scripts in both', () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
    const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
    const owners = new Map<string, Set<string>>();
    const oneScriptOnly: string[] = [];
    for (const entity of seed.entities) {
      for (const alias of [entity.name, ...entity.aliases])
        owners.set(foldText(alias), (owners.get(foldText(alias)) ?? new Set()).add(entity.id));
      for (const alias of entity.aliases.filter((a) => /\p{Script=Han}/u.test(a))) {
        if (toTraditional(alias) === toSimplified(alias)) continue;
        const counterpart = entity.aliases.some((other) => other !== alias && foldText(other) === foldText(alias));
        if (!counterpart) oneScriptOnly.push(`${entity.id}: ${alias}`);
      }
    }
    expect([...owners].filter(([, ids]) => ids.size > 1).map(([alias, ids]) => `${alias}: ${[...ids].join(', ')}`)).toEqual([]);
    expect(oneScriptOnly).toEqual([]);
  });

  describe('the inventory of causal statements', () => {
    it('covers all five articles and leaves no statement open', () => {
      const recall = inventoryRecall(seed);
      for (const source of seed.sources) {
        expect(recall.get(source.id)).toMatchObject({ open: 0, recall: 1 });
        expect(recall.get(source.id)!.statements).toBeGreaterThanOrEqual(40);
      }
    });

    it('names every causal edge in at least one statement', () => {
      const named = new Set(seed.inventory.flatMap((item) => item.edgeIds ?? []));
      expect(seed.edges.map((e) => e.id).filter((id) => !named.has(id))).toEqual([]);
    });

    it('has no edge that short-cuts a chain the articles spell out with the same passage', () => {
      // A direct edge citing the passage an item carries through a longer chain would outrank the article's own chain.
      const byId = new Map(seed.edges.map((e) => [e.id, e]));
      const shortcuts = seed.inventory
        .filter((item) => (item.edgeIds?.length ?? 0) > 1)
        .flatMap((item) => {
          const negative = item.edgeIds!.filter((id) => byId.get(id)!.polarity === 'NEGATIVE').length % 2 === 1;
          return seed.edges
            .filter((e) => e.fromId === item.from.entityId && e.toId === item.to.entityId && (e.polarity === 'NEGATIVE') === negative)
            .filter((e) =>
              e.evidence.some((ev) => ev.sourceId === item.sourceId && (ev.quote.includes(item.quote) || item.quote.includes(ev.quote))),
            )
            .map((e) => `${e.id} short-cuts ${item.id}`);
        });
      expect(shortcuts).toEqual([]);
    });

    it('carries an RRP drain to easier, not tighter, funding and financial conditions', () => {
      const graph = CausalGraph.of(
        seed.entities.map((e) => e.id),
        seed.edges,
      );
      const { impacts } = propagate(graph, {
        shocks: [{ entityId: 'overnight-reverse-repo', direction: 'DOWN', magnitude: 1 }],
        maxHops: 3,
        minStrength: 0.01,
        topPaths: 25,
      });
      const impact = (id: string) => impacts.find((i) => i.entityId === id);
      expect(impact('usd-liquidity')).toMatchObject({ direction: 'UP' });
      expect(impact('sofr')).toMatchObject({ direction: 'DOWN', mixed: false });
      expect(impact('us-financial-conditions')).toMatchObject({ direction: 'DOWN', mixed: false });
    });

    it('closes the Fed put: bond volatility brings printing, which suppresses it', () => {
      const loop = seed.chains.find((c) => c.id === 'fed-put')!;
      expect(traceChain(loop, seed.edges).steps.map((s) => s.edge?.id)).toEqual([
        'tariffs-spike-move',
        'bond-vol-prompts-fed-printing',
        'fed-printing-suppresses-bond-vol',
      ]);
    });
  });

  describe('chains the articles spell out', () => {
    it.each([
      'carry-trade-transmission',
      'basis-trade-repo-margin-spiral',
      'basis-trade-futures-margin-spiral',
      'stealth-qe',
      'mmf-rrp-cash-calms-repo',
      'buyback-basis-relief',
      'buyback-procyclical-loop',
      'fed-put',
      'debt-death-spiral',
    ])('includes %s', (id) => {
      expect(seed.chains.map((c) => c.id)).toContain(id);
    });

    it.each(seed.chains.map((c) => [c.id, c] as const))('traces %s step by step with the stated signs', (_id, chain) => {
      const traced = traceChain(chain, seed.edges);
      expect(traced.steps.filter((s) => s.problem)).toEqual([]);
    });

    it('has the margin spirals, their procyclical reverse and the debt death spiral as reinforcing feedback loops', () => {
      for (const id of [
        'basis-trade-repo-margin-spiral',
        'basis-trade-futures-margin-spiral',
        'buyback-procyclical-loop',
        'debt-death-spiral',
      ]) {
        const chain = seed.chains.find((c) => c.id === id)!;
        expect(chain.loop).toBe(true);
        expect(traceChain(chain, seed.edges).loopKind).toBe('REINFORCING');
      }
    });
  });

  it('carries a BOJ hike to a higher UST yield and a stronger yen within three hops, and to a more dovish Fed within four', () => {
    const graph = CausalGraph.of(
      seed.entities.map((e) => e.id),
      seed.edges,
    );
    const impactsWithin = (maxHops: number) =>
      propagate(graph, {
        shocks: [{ entityId: 'boj-policy-rate', direction: 'UP', magnitude: 1 }],
        maxHops,
        minStrength: 0.01,
        topPaths: 25,
      }).impacts;
    const impact = (maxHops: number, id: string) => impactsWithin(maxHops).find((i) => i.entityId === id);
    expect(impact(3, 'ust-10y-yield')).toMatchObject({ direction: 'UP' });
    expect(impact(3, 'usd-jpy')).toMatchObject({ direction: 'DOWN' });
    // JGBs and USTs are the first stations, then US financial conditions, then the Fed's path.
    expect(impact(4, 'fed-policy-rate')).toMatchObject({ direction: 'DOWN', hops: 4 });
  });
});
