import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { PROJECT_ROOT } from '../../src/config';
import { sharedPath } from '../support/shared-dir';
import { traceChain } from '../../src/domain/model/trace-chain';
import { CausalGraph } from '../../src/domain/propagation/causal-graph';
import { propagate } from '../../src/domain/propagation/propagate';
import { foldText } from '../../src/domain/search/fold-text';
import { MemoryGraphStore } from '../../src/storage/memory/memory-graph-store';
import { findMisquotes } from '../../src/storage/seed/check-quotes';
import { readSeed } from '../../src/storage/seed/read-seed';

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

  it('gives every entity a description, and an English and a Chinese name', () => {
    const lacking = seed.entities.filter((e) => !e.description?.trim() || !e.aliases.some((a) => /\p{Script=Han}/u.test(a)));
    expect(lacking.map((e) => e.id)).toEqual([]);
  });

  it('finds every entity by each of its aliases, written in Simplified or in Traditional script', () => {
    const store = new MemoryGraphStore(seed);
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

  describe('chains the articles spell out', () => {
    it.each(['carry-trade-transmission', 'basis-trade-repo-margin-spiral', 'basis-trade-futures-margin-spiral', 'stealth-qe'])(
      'includes %s',
      (id) => {
        expect(seed.chains.map((c) => c.id)).toContain(id);
      },
    );

    it.each(seed.chains.map((c) => [c.id, c] as const))('traces %s step by step with the stated signs', (_id, chain) => {
      const traced = traceChain(chain, seed.edges);
      expect(traced.steps.filter((s) => s.problem)).toEqual([]);
    });

    it('has the margin spirals as reinforcing feedback loops', () => {
      for (const id of ['basis-trade-repo-margin-spiral', 'basis-trade-futures-margin-spiral']) {
        const chain = seed.chains.find((c) => c.id === id)!;
        expect(chain.loop).toBe(true);
        expect(traceChain(chain, seed.edges).loopKind).toBe('REINFORCING');
      }
    });
  });

  it('carries a BOJ hike to a higher UST yield and a stronger yen within three hops, and to a more dovish Fed within four', () => {
    const graph = new CausalGraph(
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
