import type { Seed } from '../../../src/storage/seed/read-seed';
import { buildCoverageReport } from '../../../src/storage/seed/seed-report';
import { FIXTURE } from '../../support/fixture-graph';

const ARTICLE = ['Title line', '', '日本央行释放紧缩信号。后面还有一句。', 'A paragraph nobody cites.', 'Another one, also uncited.'].join(
  '\n',
);

describe('the coverage report', () => {
  const seed: Seed = {
    ...FIXTURE,
    sourceFiles: new Map([['great-unwind-2026', 'x.txt']]),
    scenarios: [],
    inventory: [],
    chains: [
      {
        id: 'boj-to-yen',
        title: 'BOJ to yen',
        sourceId: 'great-unwind-2026',
        loop: false,
        steps: [
          { entityId: 'boj-policy-rate', moves: 'UP' },
          { entityId: 'usd-jpy', moves: 'DOWN' },
        ],
      },
    ],
  };
  const report = buildCoverageReport(seed, new Map([['great-unwind-2026', ARTICLE]]));

  it('lists the paragraphs no quote comes from, with their line numbers', () => {
    expect(report.uncited.get('great-unwind-2026')!.map((p) => p.line)).toEqual([1, 4, 5]);
    expect(report.markdown).toContain('- line 4: A paragraph nobody cites.');
    expect(report.markdown).toContain('| great-unwind-2026 | 7 | 7 | 5 | 1 / 4 |');
  });

  it('counts entities and edges per kind and traces each chain', () => {
    expect(report.markdown).toContain('| CENTRAL_BANK | 4 | 3 | 1 |');
    expect(report.markdown).toMatch(/### BOJ to yen \(boj-to-yen, great-unwind-2026\): complete, strength 0\.800/);
    expect(report.chainsComplete).toBe(true);
  });

  it('says when a chain is broken', () => {
    const broken = buildCoverageReport(
      {
        ...seed,
        chains: [
          {
            ...seed.chains[0],
            steps: [
              { entityId: 'usd-jpy', moves: 'UP' },
              { entityId: 'boj-policy-rate', moves: 'UP' },
            ],
          },
        ],
      },
      new Map(),
    );
    expect(broken.chainsComplete).toBe(false);
    expect(broken.markdown).toContain('| usd-jpy | boj-policy-rate | UP | **missing** | — | — |');
  });
});
