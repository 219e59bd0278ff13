import type { GraphSnapshot } from '../src/domain/model/graph-snapshot';
import { prng } from './prng';

/**
 * A synthetic causal graph: n entities, m edges, skewed (power-law-like) out-degrees — a
 * source drawn as n·u³ makes low-numbered entities hubs —, uniform targets (so cycles
 * abound), weights in [0.05, 0.95], 30% NEGATIVE, lags of 0–9 days. Fixed seed.
 */
export function syntheticGraph(n: number, m: number, seed = 20261124): GraphSnapshot {
  const rand = prng(seed);
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  const edges = new Array(m);
  for (let i = 0; i < m; i++) {
    const from = Math.floor(n * rand() ** 3);
    let to = Math.floor(rand() * n);
    if (to === from) to = (to + 1) % n;
    edges[i] = {
      id: `e${i}`,
      fromId: ids[from],
      toId: ids[to],
      polarity: rand() < 0.3 ? 'NEGATIVE' : 'POSITIVE',
      weight: 0.05 + 0.9 * rand(),
      confidence: 0.5,
      lagDays: Math.floor(rand() * 10),
      mechanism: 'Synthetic.',
      evidence: [{ sourceId: 'synthetic', quote: 'q' }],
    };
  }
  return {
    sources: [{ id: 'synthetic', title: 'Synthetic graph', language: 'en' }],
    entities: ids.map((id) => ({ id, name: id, kind: 'INDICATOR' as const, measure: 'It rises.', aliases: [] })),
    edges,
  };
}
