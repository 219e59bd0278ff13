import type { CausalEdge, Direction, Entity, Source } from '../model/graph.model';

export interface ExplanationStep {
  readonly fromId: string;
  readonly toId: string;
  readonly fromMoves: Direction;
  readonly toMoves: Direction;
  readonly edgeId: string;
  readonly mechanism: string;
  readonly quote: string;
  readonly sourceId: string;
  /** "Yen funding cost rises → carry-trade holding cost rises: <mechanism> (“<quote>”, <source title>)" */
  readonly sentence: string;
}

export interface PathExplanation {
  /** The chain in one line: "BOJ policy rate rises → yen funding cost rises → …". */
  readonly text: string;
  readonly steps: readonly ExplanationStep[];
}

/**
 * Puts a transmission path into words: each entity with the way it moves, and per step the
 * mechanism and the first quote behind it. Directions are worked back from the path's final
 * direction through the polarities, so the words always agree with the numbers.
 */
export function explainPath(
  entities: readonly Entity[],
  edges: readonly CausalEdge[],
  direction: Direction,
  sources: ReadonlyMap<string, Source>,
): PathExplanation {
  const flips = edges.filter((e) => e.polarity === 'NEGATIVE').length;
  const moves: Direction[] = [flips % 2 === 0 ? direction : opposite(direction)];
  for (const edge of edges) moves.push(edge.polarity === 'NEGATIVE' ? opposite(moves[moves.length - 1]) : moves[moves.length - 1]);
  const phrase = (i: number) => `${entities[i].name} ${moves[i] === 'UP' ? 'rises' : 'falls'}`;
  const steps = edges.map((edge, i): ExplanationStep => {
    const evidence = edge.evidence[0];
    const source = sources.get(evidence.sourceId);
    return {
      fromId: edge.fromId,
      toId: edge.toId,
      fromMoves: moves[i],
      toMoves: moves[i + 1],
      edgeId: edge.id,
      mechanism: edge.mechanism,
      quote: evidence.quote,
      sourceId: evidence.sourceId,
      sentence: `${phrase(i)} → ${phrase(i + 1)}: ${edge.mechanism} (“${evidence.quote}”, ${source?.title ?? evidence.sourceId})`,
    };
  });
  return { text: entities.map((_, i) => phrase(i)).join(' → '), steps };
}

function opposite(direction: Direction): Direction {
  return direction === 'UP' ? 'DOWN' : 'UP';
}
