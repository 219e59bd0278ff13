import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { CausalGraph } from '../../src/domain/propagation/causal-graph';
import { propagate } from '../../src/domain/propagation/propagate';
import { readSeed } from '../../src/storage/seed/read-seed';

const seed = readSeed(join(PROJECT_ROOT, 'seed'));
const articlesDir = process.env.ARTICLES_DIR ?? join(PROJECT_ROOT, '..', 'shared', 'articles');

describe('the seed graph', () => {
  it('loads with every record well-formed and every reference resolved', () => {
    expect(seed.entities.length).toBeGreaterThanOrEqual(30);
    expect(seed.edges.length).toBeGreaterThanOrEqual(50);
    expect(seed.sources.map((s) => s.id).sort()).toEqual([
      'great-unwind-2026',
      'hayes-2024-nochu',
      'hayes-2025-hallelujah',
      'hayes-2025-ski-cut',
      'sinolink-2025-ust-haven',
    ]);
  });

  it('quotes every piece of evidence verbatim from the article it cites', () => {
    expect(existsSync(articlesDir)).toBe(true); // ../shared/articles beside the checkout, or ARTICLES_DIR
    const text = new Map<string, string>();
    const misquoted: string[] = [];
    for (const edge of seed.edges) {
      for (const ev of edge.evidence) {
        const file = seed.sourceFiles.get(ev.sourceId);
        if (!file) {
          misquoted.push(`${edge.id}: source ${ev.sourceId} names no article file`);
          continue;
        }
        if (!text.has(file)) text.set(file, readFileSync(join(articlesDir, file), 'utf8'));
        if (!text.get(file)!.includes(ev.quote)) misquoted.push(`${edge.id}: "${ev.quote}" is not in ${file}`);
      }
    }
    expect(misquoted).toEqual([]);
  });

  it('cites every article', () => {
    const cited = new Set(seed.edges.flatMap((e) => e.evidence.map((ev) => ev.sourceId)));
    expect([...cited].sort()).toEqual(seed.sources.map((s) => s.id).sort());
  });

  it('carries a BOJ hike to a higher UST yield, a stronger yen and the Fed within three hops', () => {
    const graph = new CausalGraph(
      seed.entities.map((e) => e.id),
      seed.edges,
    );
    const { impacts } = propagate(graph, {
      shocks: [{ entityId: 'boj-policy-rate', direction: 'UP', magnitude: 1 }],
      maxHops: 3,
      minStrength: 0.01,
      topPaths: 25,
    });
    const impact = (id: string) => impacts.find((i) => i.entityId === id);
    expect(impact('ust-10y-yield')).toMatchObject({ direction: 'UP' });
    expect(impact('usd-jpy')).toMatchObject({ direction: 'DOWN' });
    expect(impact('fed-policy-rate')).toBeDefined();
  });
});
