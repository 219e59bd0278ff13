import { Deadline } from '../errors';
import type { CausalGraph } from './causal-graph';
import { excludedFlags, LAG_SHIFT, type IndexView } from './index-view';
import { PathOrder } from './path-order';
import { extendSign, extendStrength, survives, toDirection } from './path-rule';
import { fillPath, PathTable } from './path-table';
import type {
  Impact,
  NumericPropagation,
  NumericPropagationQuery,
  Propagation,
  PropagationQuery,
  TransmissionPath,
} from './propagation.model';
import { ReachedEntities } from './reached-entities';
import { TopPaths } from './top-paths';
import { validatePropagationQuery } from './validate-propagation-query';

/**
 * Propagates shocks through the causal graph as DOMAIN.md defines it: the query is
 * checked and turned into numbers, walked (`walkPropagation`, which a worker thread can run
 * on the same shared index), and the answer is turned back into ids.
 */
export function propagate(graph: CausalGraph, query: PropagationQuery, deadline: Deadline = Deadline.NONE): Propagation {
  return propagationToIds(graph, walkPropagation(graph.view, validatePropagationQuery(graph, query), deadline));
}

/** A numeric answer in ids. */
export function propagationToIds(graph: CausalGraph, result: NumericPropagation): Propagation {
  return {
    impacts: result.impacts.map((impact): Impact => ({
      entityId: graph.entityId(impact.node),
      direction: toDirection(impact.sign),
      strength: impact.strength,
      hops: impact.hops,
      pathCount: impact.pathCount,
      mixed: impact.mixed,
      earliestArrivalDays: impact.earliestArrivalDays,
      netEffect: impact.netEffect,
      agreement: impact.agreement,
    })),
    paths: result.paths.map((path): TransmissionPath => ({
      entityIds: path.nodes.map((n) => graph.entityId(n)),
      edgeIds: path.edges.map((e) => graph.edgeId(e)),
      hops: path.edges.length,
      strength: path.strength,
      direction: toDirection(path.sign),
      lagDays: path.lagDays,
    })),
    examinedEdges: result.examinedEdges,
  };
}

/**
 * The walk: a depth-first search over simple paths from each shocked entity (in id order).
 * A branch is cut the moment its strength falls below `minStrength` (see path-rule.ts for
 * why that is sound). Every surviving path is added to its end entity (ReachedEntities)
 * and offered to the top K (TopPaths), whose floor rejects most paths with one comparison.
 * The walk allocates nothing per edge.
 */
export function walkPropagation(view: IndexView, query: NumericPropagationQuery, deadline: Deadline = Deadline.NONE): NumericPropagation {
  return new Walk(view, query, deadline).run();
}

/** Steps of a walk (descents and returns) between two looks at the clock. */
export const STEPS_PER_CHECK = 1 << 14;

const ON_PATH = 1;
const BLOCKED = 2;

class Walk {
  private readonly maxHops: number;
  private readonly minStrength: number;
  /** The latest a path may arrive, in days; Infinity without a horizon. */
  private readonly horizon: number;
  /** Per entity: 2 when no path may enter it (shocked or disabled), 1 while it is on the current path. */
  private readonly closed: Uint8Array;
  /** Per edge number: 1 when the edge is disabled (a counterfactual); empty when none is. */
  private readonly disabledEdges: Uint8Array;

  /** The current path, as entry 0: its entities and slots by depth, and its strength, sign and lag once it is offered. */
  private readonly current: PathTable;
  // The current path's prefixes, by depth.
  private readonly pathStrength: Float64Array;
  private readonly pathSign: Int8Array;
  private readonly pathLag: Int32Array;

  private readonly top: TopPaths;
  private readonly reached: ReachedEntities;
  private examined = 0;

  constructor(
    private readonly view: IndexView,
    private readonly query: NumericPropagationQuery,
    private readonly deadline: Deadline,
  ) {
    const n = view.entityCount;
    this.maxHops = query.maxHops;
    this.minStrength = query.minStrength;
    this.horizon = query.horizonDays;
    this.closed = new Uint8Array(n);
    for (const node of query.disabledEntities) this.closed[node] = BLOCKED;
    // Sized to the graph only when some edge is disabled: a per-edge array per query would
    // cost more than a small walk on a big graph.
    this.disabledEdges = new Uint8Array(query.disabledEdges.length > 0 ? view.edgeNumberCount : 0);
    for (const e of query.disabledEdges) this.disabledEdges[e] = 1;
    this.current = new PathTable(1, this.maxHops);
    this.pathStrength = new Float64Array(this.maxHops + 1);
    this.pathSign = new Int8Array(this.maxHops + 1);
    this.pathLag = new Int32Array(this.maxHops + 1);
    const order = new PathOrder(view);
    this.top = new TopPaths(query.topPaths, this.maxHops, order);
    this.reached = new ReachedEntities(n, this.maxHops, order);
  }

  run(): NumericPropagation {
    const { shocks } = this.query;
    for (const s of shocks) this.closed[s.node] = BLOCKED;
    for (const s of shocks) this.expandFrom(s.node, s.sign, s.magnitude);
    return {
      impacts: this.reached.toImpacts(),
      paths: this.top.toPaths(this.view.outEdge),
      examinedEdges: this.examined,
    };
  }

  private expandFrom(source: number, sign: number, magnitude: number): void {
    const { outStart, outEnd, outF64, outI32, outEdge } = this.view;
    const { closed, disabledEdges, top, reached, current, pathStrength, pathSign, pathLag, maxHops, minStrength, horizon } = this;
    const pathNodes = current.nodes;
    const pathSlots = current.slots;
    const anyDisabled = disabledEdges.length > 0;
    const skipFlags = excludedFlags(this.query.includeProposed);
    const cursor = new Int32Array(maxHops);
    pathNodes[0] = source;
    pathStrength[0] = magnitude;
    pathSign[0] = sign;
    pathLag[0] = 0;
    cursor[0] = outStart[source];
    let depth = 0;
    let examined = 0;
    let steps = 0;
    // Each pass scans the rest of one entity's edges in a tight loop with the prefix's
    // strength, sign and lag in locals, and leaves it only to go one level deeper; most
    // edges are examined at the last level, where nothing is pushed at all. An edge is
    // read from its packed record (IndexView): one cache line holds four of them. Paths
    // carry slots, not edge numbers, until they are reported.
    while (depth >= 0) {
      if (++steps === STEPS_PER_CHECK) {
        steps = 0;
        this.deadline.check();
      }
      const node = pathNodes[depth];
      const end = outEnd[node];
      const base = pathStrength[depth];
      const baseSign = pathSign[depth];
      const baseLag = pathLag[depth];
      const hops = depth + 1;
      const deeper = hops < maxHops;
      let slot = cursor[depth];
      let descended = false;
      for (; slot < end; slot++) {
        examined++;
        const target = outI32[4 * slot + 2];
        if (closed[target] !== 0) continue;
        const strength = extendStrength(base, outF64[2 * slot]);
        if (!survives(strength, minStrength)) continue;
        const flags = outI32[4 * slot + 3];
        // Lags are never negative: a path already past the horizon only arrives later.
        const lag = baseLag + (flags >> LAG_SHIFT);
        if (lag > horizon || (flags & skipFlags) !== 0 || (anyDisabled && disabledEdges[outEdge[slot]] === 1)) continue;
        const signHere = extendSign(baseSign, flags);
        pathNodes[hops] = target;
        pathSlots[depth] = slot;
        reached.record(target, hops, strength, signHere, lag, current);
        // Most paths are weaker than the K-th kept one: skip the heap call for them.
        if (strength >= top.floor) top.offer(fillPath(current, hops, strength, signHere, lag), 0);
        if (deeper) {
          pathStrength[hops] = strength;
          pathSign[hops] = signHere;
          pathLag[hops] = lag;
          cursor[depth] = slot + 1;
          closed[target] = ON_PATH;
          cursor[hops] = outStart[target];
          depth = hops;
          descended = true;
          break;
        }
      }
      if (!descended) {
        if (closed[node] === ON_PATH) closed[node] = 0;
        depth--;
      }
    }
    this.examined += examined;
  }
}
