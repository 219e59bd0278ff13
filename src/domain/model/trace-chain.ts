import type { CausalClaim, Direction, Polarity } from './graph.model';

/** A chain of moves an article spells out step by step, e.g. its transmission diagram. */
export interface Chain {
  readonly id: string;
  readonly title: string;
  readonly sourceId: string;
  /** The first step is the initial move; each later step is how the article says the next entity moves. */
  readonly steps: readonly { readonly entityId: string; readonly moves: Direction }[];
  /** The last entity feeds back into the first: the chain is a feedback loop. */
  readonly loop: boolean;
}

export interface TracedStep {
  readonly fromId: string;
  readonly toId: string;
  readonly expected: Direction;
  /** The edge that carries the step with the expected sign, when there is one. */
  readonly edge?: { readonly id: string; readonly polarity: Polarity; readonly weight: number };
  /** `missing`: no causal edge from → to; `wrong-sign`: edges exist, none gives the expected move. */
  readonly problem?: 'missing' | 'wrong-sign';
}

export interface TracedChain {
  readonly chain: Chain;
  readonly steps: readonly TracedStep[];
  readonly complete: boolean;
  /** Product of the weights along the traced edges (of the complete part). */
  readonly strength: number;
  /** For a loop: REINFORCING when the move comes back in the direction it started, else BALANCING. */
  readonly loopKind?: 'REINFORCING' | 'BALANCING';
}

/** Follows a chain through the graph's edges, step by step, checking each sign. */
export function traceChain(chain: Chain, edges: readonly (CausalClaim & { status?: string })[]): TracedChain {
  const pairs = chain.steps.slice(1).map((step, i) => [chain.steps[i], step] as const);
  if (chain.loop) pairs.push([chain.steps[chain.steps.length - 1], chain.steps[0]]);
  let strength = 1;
  const steps = pairs.map(([from, to]): TracedStep => {
    const candidates = edges.filter((e) => e.fromId === from.entityId && e.toId === to.entityId && e.status !== 'RETRACTED');
    const wanted: Polarity = from.moves === to.moves ? 'POSITIVE' : 'NEGATIVE';
    const match = candidates.filter((e) => e.polarity === wanted).sort((a, b) => b.weight - a.weight)[0];
    const base = { fromId: from.entityId, toId: to.entityId, expected: to.moves };
    if (!match) return { ...base, problem: candidates.length === 0 ? 'missing' : 'wrong-sign' };
    strength *= match.weight;
    return { ...base, edge: { id: match.id, polarity: match.polarity, weight: match.weight } };
  });
  const complete = steps.every((s) => s.problem === undefined);
  return {
    chain,
    steps,
    complete,
    strength,
    loopKind: chain.loop && complete ? loopKind(steps) : undefined,
  };
}

function loopKind(steps: readonly TracedStep[]): 'REINFORCING' | 'BALANCING' {
  const negatives = steps.filter((s) => s.edge?.polarity === 'NEGATIVE').length;
  return negatives % 2 === 0 ? 'REINFORCING' : 'BALANCING';
}
