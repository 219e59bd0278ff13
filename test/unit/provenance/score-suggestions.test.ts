import type { Polarity } from '../../../src/domain/model/graph.model';
import { holdOutSource } from '../../../src/domain/provenance/hold-out-source';
import { scoreSuggestions } from '../../../src/domain/provenance/score-suggestions';
import type { EdgeSuggestion } from '../../../src/domain/provenance/suggestion.model';

const edge = (id: string, fromId: string, toId: string, polarity: Polarity, ...sources: string[]) => ({
  id,
  fromId,
  toId,
  polarity,
  evidence: sources.map((sourceId) => ({ sourceId })),
});
const suggestion = (fromId: string, toId: string, polarity: Polarity): EdgeSuggestion => ({
  fromId,
  toId,
  polarity,
  quote: 'q',
  score: 0.5,
});

const EDGES = [
  edge('a-b', 'a', 'b', 'POSITIVE', 'art1'),
  edge('b-c', 'b', 'c', 'NEGATIVE', 'art1', 'art1'),
  edge('c-d', 'c', 'd', 'POSITIVE', 'art1', 'art2'),
  edge('d-e', 'd', 'e', 'POSITIVE', 'art2'),
];

describe('holdOutSource', () => {
  it('hides the edges whose evidence cites only that source, and keeps those another source supports', () => {
    const { hidden, remaining } = holdOutSource(EDGES, 'art1');
    expect(hidden.map((e) => e.id)).toEqual(['a-b', 'b-c']);
    expect(remaining.map((e) => e.id)).toEqual(['c-d', 'd-e']);
  });
});

describe('scoreSuggestions', () => {
  const { hidden } = holdOutSource(EDGES, 'art1');

  it('counts a hidden edge as recovered only by a suggestion with its from, to and polarity', () => {
    const score = scoreSuggestions(
      [suggestion('a', 'b', 'POSITIVE'), suggestion('b', 'c', 'POSITIVE'), suggestion('c', 'b', 'NEGATIVE')],
      hidden,
      EDGES,
      50,
    );
    expect(score).toMatchObject({ hidden: 2, recovered: 1, recall: 0.5 });
  });

  it('judges precision against every edge of the full graph, over the first `top` suggestions only', () => {
    const suggestions = [
      suggestion('a', 'b', 'POSITIVE'), // hidden edge
      suggestion('c', 'd', 'POSITIVE'), // kept edge: still a real claim
      suggestion('x', 'y', 'POSITIVE'), // in no edge
      suggestion('b', 'c', 'NEGATIVE'), // hidden, but past the top 3
    ];
    expect(scoreSuggestions(suggestions, hidden, EDGES, 3)).toEqual({
      hidden: 2,
      recovered: 1,
      recall: 0.5,
      judged: 3,
      correct: 2,
      precision: 2 / 3,
    });
    expect(scoreSuggestions(suggestions, hidden, EDGES, 50)).toMatchObject({
      recovered: 2,
      recall: 1,
      judged: 4,
      correct: 3,
      precision: 0.75,
    });
  });

  it('gives recall 1 when nothing was hidden and precision 1 when nothing was suggested', () => {
    expect(scoreSuggestions([], [], EDGES, 50)).toEqual({ hidden: 0, recovered: 0, recall: 1, judged: 0, correct: 0, precision: 1 });
  });
});
