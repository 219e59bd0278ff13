import type { GraphSnapshot } from '../../src/domain/model/graph-snapshot';

/**
 * A small, typed graph shared by the API tests: a slice of the carry-trade story with a
 * cycle, a NEGATIVE edge, a parallel pair, PART_OF links and aliases in English and in
 * Simplified and Traditional Chinese (each written in only one script, so search must fold).
 */
export const FIXTURE: GraphSnapshot = {
  sources: [
    { id: 'great-unwind-2026', title: 'The Great Unwind', publishedOn: '2026-02-05', language: 'zh-Hans' },
    { id: 'hayes-2024-nochu', title: 'Nochu', author: 'Arthur Hayes', publishedOn: '2024-06', language: 'zh-Hans' },
  ],
  entities: [
    { id: 'bank-of-japan', name: 'Bank of Japan', kind: 'CENTRAL_BANK', aliases: ['BOJ', '日本銀行'] },
    {
      id: 'boj-policy-rate',
      name: 'BOJ policy rate',
      kind: 'CENTRAL_BANK',
      measure: 'Policy tightening.',
      description: 'The BOJ short-term policy rate and YCC stance.',
      aliases: ['BOJ rate', '日本央行'],
      partOf: 'bank-of-japan',
    },
    { id: 'usd-jpy', name: 'USD/JPY', kind: 'MARKET', measure: 'The dollar strengthens against the yen.', aliases: ['美元/日元'] },
    { id: 'yen-carry-trade', name: 'Yen carry trade', kind: 'FUND', measure: 'Carry positions grow.', aliases: ['日元套利交易'] },
    {
      id: 'ust-10y-yield',
      name: 'US 10-year Treasury yield',
      kind: 'MARKET',
      measure: 'The yield rises.',
      aliases: ['UST 10y', '美國國債收益率'],
    },
    { id: 'federal-reserve', name: 'Federal Reserve', kind: 'CENTRAL_BANK', aliases: ['Fed', '美聯儲'] },
    {
      id: 'fed-policy-rate',
      name: 'Fed policy rate',
      kind: 'CENTRAL_BANK',
      measure: 'Policy tightening.',
      aliases: ['Fed funds rate', '美联储利率'],
      partOf: 'federal-reserve',
    },
  ],
  edges: [
    edge('boj-hike-strengthens-yen', 'boj-policy-rate', 'usd-jpy', 'NEGATIVE', 0.8),
    edge('boj-hike-unwinds-carry', 'boj-policy-rate', 'yen-carry-trade', 'NEGATIVE', 0.7),
    edge('carry-unwind-strengthens-yen', 'yen-carry-trade', 'usd-jpy', 'POSITIVE', 0.6),
    edge('carry-unwind-sells-ust', 'yen-carry-trade', 'ust-10y-yield', 'NEGATIVE', 0.5),
    edge('carry-unwind-sells-ust-weak-claim', 'yen-carry-trade', 'ust-10y-yield', 'POSITIVE', 0.2), // the opposite claim, as DOMAIN.md allows
    edge('yields-move-fed', 'ust-10y-yield', 'fed-policy-rate', 'NEGATIVE', 0.4),
    edge('fed-tightening-feeds-carry', 'fed-policy-rate', 'yen-carry-trade', 'POSITIVE', 0.5),
  ],
};

function edge(id: string, fromId: string, toId: string, polarity: 'POSITIVE' | 'NEGATIVE', weight: number) {
  return {
    id,
    fromId,
    toId,
    polarity,
    weight,
    confidence: 0.7,
    lagDays: 1,
    mechanism: `${fromId} moves ${toId}.`,
    evidence: [{ sourceId: 'great-unwind-2026', quote: '日本央行释放紧缩信号' }],
  };
}
