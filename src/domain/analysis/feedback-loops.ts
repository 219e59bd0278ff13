import { Deadline, InvalidArgumentError } from '../errors';
import { LIMITS, requireInRange } from '../limits/argument-limits';
import type { CausalGraph } from '../propagation/causal-graph';
import { entitiesInIdOrder, excludedFlags, NEGATIVE_FLAG, type IndexView } from '../propagation/index-view';

export interface FeedbackLoop {
  /** The loop's entities in order, starting from the smallest id; the last feeds back into the first. */
  readonly entityIds: readonly string[];
  /** One edge per entity: entityIds[i] → entityIds[i + 1], the last one closing the loop. */
  readonly edgeIds: readonly string[];
  /** An even number of NEGATIVE edges amplifies a move (REINFORCING); an odd number damps it (BALANCING). */
  readonly kind: 'REINFORCING' | 'BALANCING';
  /** Product of the weights around the loop. */
  readonly strength: number;
}

export interface LoopQuery {
  /** Only loops through this entity. */
  readonly through?: string | null;
  /** Follow proposed edges (awaiting review) too. */
  readonly includeProposed?: boolean;
  readonly maxLength: number;
  readonly first: number;
}

/** Steps one loop search may take before it refuses the question as too large. */
export const LOOP_SEARCH_MAX_STEPS = 50_000_000;

/**
 * The strongest feedback loops (directed simple cycles), each reported once whichever entity
 * it is entered from: a loop is only followed from its smallest-numbered entity, or, with
 * `through`, from that entity. Strongest first, then shorter, then by entity and edge ids.
 * The `first` best are kept in order as they are found, and a branch is cut as soon as
 * its product of weights cannot beat the weakest of them (weights are at most 1).
 */
export function findFeedbackLoops(graph: CausalGraph, query: LoopQuery, deadline: Deadline = Deadline.NONE): FeedbackLoop[] {
  return feedbackLoopsToIds(graph, searchFeedbackLoops(graph.view, numericLoopQuery(graph, query), deadline));
}

/** A loop query in numbers (a worker thread takes it): `through` as an entity number, -1 for none. */
export interface NumericLoopQuery {
  readonly through: number;
  readonly includeProposed: boolean;
  readonly maxLength: number;
  readonly first: number;
}

/** A loop in numbers: entity and edge numbers, rotated to start at its smallest id. */
export interface NumericLoop {
  readonly nodes: number[];
  readonly edges: number[];
  readonly strength: number;
  readonly negatives: number;
}

/** Checks a loop query and turns its entity id into a number of this graph version. */
export function numericLoopQuery(graph: CausalGraph, query: LoopQuery): NumericLoopQuery {
  requireInRange('maxLength', query.maxLength, LIMITS.feedbackLoops.maxLength);
  requireInRange('first', query.first, LIMITS.feedbackLoops.first);
  let through = -1;
  if (query.through != null) {
    through = graph.numberOf(query.through);
    if (through < 0) throw new InvalidArgumentError('through', `names no entity (got "${query.through}")`);
  }
  return { through, includeProposed: query.includeProposed ?? false, maxLength: query.maxLength, first: query.first };
}

/** Numeric loops in ids. */
export function feedbackLoopsToIds(graph: CausalGraph, loops: readonly NumericLoop[]): FeedbackLoop[] {
  return loops.map((loop) => ({
    entityIds: loop.nodes.map((n) => graph.entityId(n)),
    edgeIds: loop.edges.map((e) => graph.edgeId(e)),
    kind: loop.negatives % 2 === 0 ? 'REINFORCING' : 'BALANCING',
    strength: loop.strength,
  }));
}

/** The search itself, on the numeric index alone (a worker thread can run it). */
export function searchFeedbackLoops(view: IndexView, query: NumericLoopQuery, deadline: Deadline = Deadline.NONE): NumericLoop[] {
  const rank = view.entityRank;
  const starts = query.through >= 0 ? [query.through] : Array.from(entitiesInIdOrder(view));
  const { outStart, outEnd, outF64, outI32, outEdge, edgeSlot } = view;
  const skipFlags = excludedFlags(query.includeProposed);
  const best: NumericLoop[] = [];
  const onPath = new Uint8Array(view.entityCount);
  const nodes: number[] = [];
  const edges: number[] = [];
  let examined = 0;
  const floor = () => (best.length < query.first ? 0 : best[best.length - 1].strength);
  const compare = (a: NumericLoop, b: NumericLoop) => compareLoops(a, b, view.entityRank, view.edgeRank);

  const walk = (start: number, node: number, strength: number, negatives: number, restrictToLater: boolean) => {
    for (let slot = outStart[node]; slot < outEnd[node]; slot++) {
      if (++examined > LOOP_SEARCH_MAX_STEPS) {
        throw new InvalidArgumentError(
          'maxLength',
          `asks for more than ${LOOP_SEARCH_MAX_STEPS} steps on this graph; lower maxLength or name an entity with through`,
        );
      }
      if ((examined & 0x3fff) === 0) deadline.check();
      const flags = outI32[4 * slot + 3];
      if ((flags & skipFlags) !== 0) continue;
      const next = outI32[4 * slot + 2];
      const s = strength * outF64[2 * slot];
      if (s < floor()) continue;
      const neg = negatives + (flags & NEGATIVE_FLAG);
      if (next === start) {
        offer({ nodes: [...nodes], edges: [...edges, outEdge[slot]], strength: s, negatives: neg });
        continue;
      }
      if (onPath[next] === 1 || nodes.length >= query.maxLength || (restrictToLater && rank[next] < rank[start])) continue;
      onPath[next] = 1;
      nodes.push(next);
      edges.push(outEdge[slot]);
      walk(start, next, s, neg, restrictToLater);
      nodes.pop();
      edges.pop();
      onPath[next] = 0;
    }
  };

  const offer = (loop: NumericLoop) => {
    const rotated = rotate(loop, rank);
    // Multiplied in the canonical order, so the same loop has the same strength however it was entered.
    const canonical = { ...rotated, strength: rotated.edges.reduce((s, e) => s * outF64[2 * edgeSlot[e]], 1) };
    if (best.length === query.first && compare(canonical, best[best.length - 1]) >= 0) return;
    let at = best.length;
    while (at > 0 && compare(canonical, best[at - 1]) < 0) at--;
    best.splice(at, 0, canonical);
    if (best.length > query.first) best.pop();
  };

  for (const start of starts) {
    onPath[start] = 1;
    nodes.push(start);
    walk(start, start, 1, 0, query.through < 0);
    nodes.pop();
    onPath[start] = 0;
  }
  return best;
}

/** The loop started from its smallest entity (in id order), so the same loop always reads the same. */
function rotate<T extends { nodes: number[]; edges: number[] }>(loop: T, rank: Float64Array): T {
  let at = 0;
  for (let i = 1; i < loop.nodes.length; i++) if (rank[loop.nodes[i]] < rank[loop.nodes[at]]) at = i;
  return {
    ...loop,
    nodes: [...loop.nodes.slice(at), ...loop.nodes.slice(0, at)],
    edges: [...loop.edges.slice(at), ...loop.edges.slice(0, at)],
  };
}

/** Strongest first, then shorter, then by entity ids, then by edge ids. */
function compareLoops(a: NumericLoop, b: NumericLoop, entityRank: Float64Array, edgeRank: Float64Array): number {
  if (a.strength !== b.strength) return a.strength > b.strength ? -1 : 1;
  if (a.nodes.length !== b.nodes.length) return a.nodes.length - b.nodes.length;
  for (let i = 0; i < a.nodes.length; i++) if (a.nodes[i] !== b.nodes[i]) return entityRank[a.nodes[i]] - entityRank[b.nodes[i]];
  for (let i = 0; i < a.edges.length; i++) if (a.edges[i] !== b.edges[i]) return edgeRank[a.edges[i]] - edgeRank[b.edges[i]];
  return 0;
}
