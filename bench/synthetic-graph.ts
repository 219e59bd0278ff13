import type { GraphSnapshot } from '../src/domain/model/graph-snapshot';
import { prng } from './prng';

/**
 * A synthetic causal graph: n entities, m edges, skewed (power-law-like) out-degrees — a
 * source drawn as n·u³ makes low-numbered entities hubs —, uniform targets (so cycles
 * abound), weights in [0.05, 0.95], 30% NEGATIVE, lags of 0–9 days. Fixed seed. One edge per
 * claim (from, to, polarity), as every store requires: a drawn claim that is taken moves on
 * to the next target.
 */
export function syntheticGraph(n: number, m: number, seed = 20261124): GraphSnapshot {
  const rand = prng(seed);
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  const edges = new Array(m);
  const claims = new Set<number>();
  for (let i = 0; i < m; i++) {
    let from = Math.floor(n * rand() ** 3);
    let to = Math.floor(rand() * n);
    let negative = rand() < 0.3 ? 1 : 0;
    const claim = () => (from * n + to) * 2 + negative;
    // A hub may have taken every target with this polarity: then the other polarity, then the next entity.
    for (let tries = 1; to === from || claims.has(claim()); tries++) {
      to = (to + 1) % n;
      if (tries % n === 0) negative ^= 1;
      if (tries % (2 * n) === 0) from = (from + 1) % n;
    }
    claims.add(claim());
    edges[i] = {
      id: `e${i}`,
      fromId: ids[from],
      toId: ids[to],
      polarity: negative === 1 ? 'NEGATIVE' : 'POSITIVE',
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
