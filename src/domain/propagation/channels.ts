import { Deadline } from '../errors';
import { LIMITS, requireInRange } from '../limits/argument-limits';
import type { CausalGraph } from './causal-graph';
import type {
  Channels,
  ChannelsQuery,
  EdgeContribution,
  NumericChannels,
  NumericChannelsQuery,
  NumericEdgeContribution,
} from './channels.model';
import { excludedFlags, LAG_SHIFT, type IndexView } from './index-view';
import { PathOrder } from './path-order';
import { agreementOf, directionIndex, extendSign, extendStrength, netEffectOf, signedStrength, survives, toDirection } from './path-rule';
import { fillPath, PathTable } from './path-table';
import { STEPS_PER_CHECK } from './propagate';
import { hopsTo, OUT_OF_REACH, TargetReach } from './target-reach';
import { TopPaths } from './top-paths';
import { validateChannelsQuery } from './validate-channels-query';

/**
 * The channels from a shock to one entity (DOMAIN.md, "Net effect over paths"): checked,
 * walked (`walkChannels`, numbers only, so a worker thread can run it), and put back into ids.
 */
export function channels(graph: CausalGraph, query: ChannelsQuery, deadline: Deadline = Deadline.NONE): Channels {
  return channelsToIds(graph, walkChannels(graph.view, validateChannelsQuery(graph, query), deadline));
}

/** A numeric answer in ids. */
export function channelsToIds(graph: CausalGraph, result: NumericChannels): Channels {
  return {
    paths: result.paths.map((path) => ({
      entityIds: path.nodes.map((n) => graph.entityId(n)),
      edgeIds: path.edges.map((e) => graph.edgeId(e)),
      hops: path.edges.length,
      strength: path.strength,
      direction: toDirection(path.sign),
      lagDays: path.lagDays,
    })),
    pathCount: result.pathCount,
    netEffect: result.netEffect,
    agreement: result.agreement,
    contributions: result.contributions.map((c) => ({
      edgeId: graph.edgeId(c.edge),
      contribution: c.contribution,
      pathCount: c.pathCount,
    })),
    examinedEdges: result.examinedEdges,
  };
}

/** The `first` edges the answer hinges on most (`Channels.contributions(first)`). */
export function firstContributions(result: Channels, first: number): readonly EdgeContribution[] {
  requireInRange('first', first, LIMITS.channels.contributions);
  return result.contributions.slice(0, first);
}

/**
 * The walk of `propagate` from one shock, aimed at one entity: the same paths in the same
 * order, but a branch is entered only when it can still become a channel. Before the walk,
 * the entities that can reach the target within maxHops - 1 edges are found backwards
 * (TargetReach), with the best strength factor left to each; with `via`, also the hops to
 * each via entity. An edge is then followed only if the entity it enters can still reach the
 * target, through every via entity not yet passed, in the hops left, and strongly enough to
 * stay at or above minStrength. A path stops at the target (it cannot come back to it).
 *
 * The net effect is summed path by path in the order the walk finds them, which is the
 * order `propagate` finds the same paths, and in the same way (path-rule.ts), so the two
 * agree to the bit. Contributions are
 * summed without revisiting paths: each depth keeps the sum of the channels below it, and
 * hands it to the edge that led there when the walk returns.
 */
export function walkChannels(view: IndexView, query: NumericChannelsQuery, deadline: Deadline = Deadline.NONE): NumericChannels {
  const { maxHops, minStrength, target } = query;
  const source = query.shock.node;
  const skipFlags = excludedFlags(query.includeProposed);
  const closed = new Uint8Array(view.entityCount);
  closed[source] = BLOCKED;
  for (const node of query.avoid) closed[node] = BLOCKED;

  const reach = new TargetReach(view, target, maxHops - 1, closed, skipFlags, deadline);
  const { distance } = reach;
  // Via entity k: its bit, the hops from every entity to it, and its own hops to the target.
  const viaBit = new Uint8Array(view.entityCount);
  const viaHops = query.via.map((v) => hopsTo(view, v, maxHops - 1, closed, skipFlags, target, deadline).distance);
  const viaToTarget = query.via.map((v) => distance[v]);
  query.via.forEach((v, k) => (viaBit[v] = 1 << k));
  const allVia = (1 << query.via.length) - 1;
  // Strength factors are multiplied in another order than along a path: leave room for rounding.
  const floor = minStrength * (1 - 1e-9);

  /** Whether a path entering `node` with this strength, `left` hops to go and `visited` via bits can still become a channel. */
  const canArrive = (node: number, strength: number, left: number, visited: number): boolean => {
    if (distance[node] > left) return false;
    if (extendStrength(strength, reach.bestFactor(node, left)) < floor) return false;
    for (let k = 0; k < viaHops.length; k++) {
      if ((visited & (1 << k)) === 0 && viaHops[k][node] + viaToTarget[k] > left) return false;
    }
    return true;
  };

  const { outStart, outEnd, outF64, outI32, outEdge } = view;
  const order = new PathOrder(view);
  const top = new TopPaths(query.topPaths, maxHops, order);
  const contributions = new EdgeSums();
  const current = new PathTable(1, maxHops);
  const pathNodes = current.nodes;
  const pathSlots = current.slots;
  const pathStrength = new Float64Array(maxHops + 1);
  const pathSign = new Int8Array(maxHops + 1);
  const pathLag = new Int32Array(maxHops + 1);
  const pathVisited = new Int32Array(maxHops + 1);
  // Per depth: the signed strengths and the number of the channels found below it so far.
  const below = new Float64Array(maxHops + 1);
  const belowCount = new Float64Array(maxHops + 1);
  const cursor = new Int32Array(maxHops);
  let pathCount = 0;
  // Strengths arriving UP and DOWN, summed as ReachedEntities sums them for propagate.
  const arriving = new Float64Array(2);
  let examined = 0;
  let steps = 0;

  pathNodes[0] = source;
  pathStrength[0] = query.shock.magnitude;
  pathSign[0] = query.shock.sign;
  cursor[0] = outStart[source];
  let depth = 0;
  // A target out of reach, or a via entity that cannot reach it, leaves nothing to walk.
  if (viaToTarget.some((d) => d === OUT_OF_REACH)) depth = -1;
  while (depth >= 0) {
    if (++steps === STEPS_PER_CHECK) {
      steps = 0;
      deadline.check();
    }
    const node = pathNodes[depth];
    const end = outEnd[node];
    const base = pathStrength[depth];
    const baseSign = pathSign[depth];
    const baseLag = pathLag[depth];
    const visited = pathVisited[depth];
    const hops = depth + 1;
    const left = maxHops - hops;
    let slot = cursor[depth];
    let descended = false;
    for (; slot < end; slot++) {
      examined++;
      const next = outI32[4 * slot + 2];
      if (closed[next] !== 0) continue;
      const strength = extendStrength(base, outF64[2 * slot]);
      if (!survives(strength, minStrength)) continue;
      const flags = outI32[4 * slot + 3];
      if ((flags & skipFlags) !== 0) continue;
      const sign = extendSign(baseSign, flags);
      const lag = baseLag + (flags >> LAG_SHIFT);
      if (next === target) {
        if (visited !== allVia) continue;
        const signed = signedStrength(strength, sign);
        pathCount++;
        arriving[directionIndex(sign)] += strength;
        contributions.add(outEdge[slot], signed, 1);
        below[depth] += signed;
        belowCount[depth]++;
        if (strength >= top.floor) {
          pathNodes[hops] = next;
          pathSlots[depth] = slot;
          top.offer(fillPath(current, hops, strength, sign, lag), 0);
        }
        continue;
      }
      const nextVisited = visited | viaBit[next];
      if (left === 0 || !canArrive(next, strength, left, nextVisited)) continue;
      pathNodes[hops] = next;
      pathSlots[depth] = slot;
      pathStrength[hops] = strength;
      pathSign[hops] = sign;
      pathLag[hops] = lag;
      pathVisited[hops] = nextVisited;
      below[hops] = 0;
      belowCount[hops] = 0;
      cursor[depth] = slot + 1;
      closed[next] = ON_PATH;
      cursor[hops] = outStart[next];
      depth = hops;
      descended = true;
      break;
    }
    if (!descended) {
      if (depth > 0) {
        // Every channel below this entity used the edge that led to it.
        if (belowCount[depth] > 0) {
          contributions.add(outEdge[pathSlots[depth - 1]], below[depth], belowCount[depth]);
          below[depth - 1] += below[depth];
          belowCount[depth - 1] += belowCount[depth];
        }
        closed[node] = 0;
      }
      depth--;
    }
  }
  return {
    paths: top.toPaths(outEdge),
    pathCount,
    netEffect: netEffectOf(arriving[0], arriving[1]),
    agreement: agreementOf(arriving[0], arriving[1]),
    contributions: contributions.sorted(view.edgeRank),
    examinedEdges: examined,
  };
}

const ON_PATH = 1;
const BLOCKED = 2;

/** Sums and counts per edge number, for the few edges channels use (a map, not an array the size of the graph). */
class EdgeSums {
  private readonly at = new Map<number, number>();
  private readonly edges: number[] = [];
  private readonly sums: number[] = [];
  private readonly counts: number[] = [];

  add(edge: number, sum: number, count: number): void {
    const i = this.at.get(edge);
    if (i === undefined) {
      this.at.set(edge, this.edges.length);
      this.edges.push(edge);
      this.sums.push(sum);
      this.counts.push(count);
    } else {
      this.sums[i] += sum;
      this.counts[i] += count;
    }
  }

  /** By |contribution| descending, then edge id. */
  sorted(edgeRank: Float64Array): NumericEdgeContribution[] {
    return this.edges
      .map((edge, i) => ({ edge, contribution: this.sums[i], pathCount: this.counts[i] }))
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || edgeRank[a.edge] - edgeRank[b.edge]);
  }
}
