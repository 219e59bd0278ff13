// A small answer for the explorer's pure modules: a shock A, reached B, C, D, E.
//   A → B (0.9), B → C (0.8), A → C (0.5, NEGATIVE), C → D (0.6), A → E (0.3)
import type { Answer } from '../../../web/explorer/machine';
import type { ConnectingPath, Impact, TransmissionPath } from '../../../web/explorer/model';
import { DEFAULTS } from '../../../web/explorer/state';

export function impact(id: string, strength: number, hops: number, pathCount = 1, direction: 'UP' | 'DOWN' = 'UP'): Impact {
  const netEffect = direction === 'UP' ? strength : -strength;
  return {
    entity: { id, name: id.toUpperCase() },
    direction,
    strength,
    hops,
    pathCount,
    mixed: false,
    earliestArrivalDays: 0,
    netEffect,
    agreement: 1,
  };
}

export function path(ids: string[], edgeIds: string[], strength: number, direction: 'UP' | 'DOWN' = 'UP'): TransmissionPath {
  return {
    strength,
    direction,
    lagDays: 0,
    entities: ids.map((id) => ({ id })),
    edges: edgeIds.map((id) => ({ id, weight: 0.5, polarity: 'POSITIVE' as const })),
    explanation: { text: ids.join(' → ') },
  };
}

export function connecting(p: TransmissionPath): ConnectingPath {
  return { strength: p.strength, direction: p.direction, entities: p.entities, edges: p.edges };
}

export const IMPACTS: Impact[] = [impact('b', 0.9, 1), impact('c', 0.72, 1, 2), impact('d', 0.432, 3), impact('e', 0.3, 1)];

export const PATHS: TransmissionPath[] = [
  path(['a', 'b'], ['ab'], 0.9),
  path(['a', 'b', 'c'], ['ab', 'bc'], 0.72),
  path(['a', 'c'], ['ac'], 0.5, 'DOWN'),
  path(['a', 'b', 'c', 'd'], ['ab', 'bc', 'cd'], 0.432),
  path(['a', 'e'], ['ae'], 0.3),
];

export function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    query: { ...DEFAULTS, shock: 'a' },
    scenario: null,
    shocks: [{ id: 'a', name: 'A', direction: 'UP' }],
    propagation: { impacts: IMPACTS, paths: PATHS, comparison: null },
    connecting: [],
    connectingError: null,
    ...overrides,
  };
}
