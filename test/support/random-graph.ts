import { prng } from '../../bench/prng';
import type { RefEdge } from './brute-force-propagate';

/** Seeded, so a failing random case can be replayed. */
export { prng };

export interface RandomGraph {
  entityIds: string[];
  edges: RefEdge[];
}

/**
 * A random causal graph with cycles, parallel edges and both polarities. Weights come from
 * a small set so that equal strengths (ties) are common, which exercises the tie-breaks.
 */
export function randomGraph(seed: number, nodes: number, edges: number): RandomGraph {
  const rand = prng(seed);
  const pick = (n: number) => Math.floor(rand() * n);
  const entityIds = Array.from({ length: nodes }, (_, i) => `n${String(i).padStart(3, '0')}`);
  const weights = [1, 0.9, 0.8, 0.75, 0.5, 0.5, 0.25, 0.2, 0.1];
  const list: RefEdge[] = [];
  for (let i = 0; i < edges; i++) {
    const from = pick(nodes);
    let to = pick(nodes - 1);
    if (to >= from) to++;
    list.push({
      // Ids deliberately not in creation order, so id order differs from insertion order.
      id: `e${String((i * 7919) % 100000).padStart(5, '0')}-${i}`,
      fromId: entityIds[from],
      toId: entityIds[to],
      polarity: rand() < 0.35 ? 'NEGATIVE' : 'POSITIVE',
      weight: weights[pick(weights.length)],
      lagDays: [0, 0, 1, 2, 5, 10, 30][pick(7)],
    });
  }
  return { entityIds, edges: list };
}
