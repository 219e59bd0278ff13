import type { Deadline } from '../errors';
import type { IndexView } from './index-view';
import { extendStrength } from './path-rule';

/** `distance` of an entity that cannot reach the goal within the hops asked. */
export const OUT_OF_REACH = 255;

/** Edges followed backwards between two looks at the clock. */
const EDGES_PER_CHECK = 1 << 16;

/**
 * The entities that can reach `goal` in at most `maxHops` edges, found by following edges
 * backwards (breadth first): `distance[n]` is the fewest hops from n to the goal
 * (OUT_OF_REACH beyond maxHops), `ball` lists the entities found, nearest first. Entities
 * marked in `blocked`, edges with `skipFlags`, and `barrier` (an entity paths end at, so
 * none passes through it; -1 for none) are never crossed.
 */
export function hopsTo(
  view: IndexView,
  goal: number,
  maxHops: number,
  blocked: Uint8Array,
  skipFlags: number,
  barrier: number,
  deadline: Deadline,
): { distance: Uint8Array; ball: Int32Array; levelEnd: Int32Array } {
  const { inStart, inEnd, inI32 } = view;
  const distance = new Uint8Array(view.entityCount).fill(OUT_OF_REACH);
  let ball = new Int32Array(64);
  const levelEnd = new Int32Array(maxHops + 1);
  distance[goal] = 0;
  ball[0] = goal;
  let size = 1;
  let begin = 0;
  let edges = 0;
  for (let h = 1; h <= maxHops; h++) {
    const end = size;
    levelEnd[h - 1] = end;
    for (let k = begin; k < end; k++) {
      const z = ball[k];
      for (let slot = inStart[z]; slot < inEnd[z]; slot++) {
        if (++edges % EDGES_PER_CHECK === 0) deadline.check();
        const y = inI32[4 * slot + 2];
        if (distance[y] !== OUT_OF_REACH || blocked[y] !== 0 || y === barrier || (inI32[4 * slot + 3] & skipFlags) !== 0) continue;
        distance[y] = h;
        if (size === ball.length) {
          const next = new Int32Array(size * 2);
          next.set(ball);
          ball = next;
        }
        ball[size++] = y;
      }
    }
    begin = end;
  }
  levelEnd[maxHops] = size;
  return { distance, ball: ball.subarray(0, size), levelEnd };
}

/**
 * What a walk towards `target` needs to cut hopeless branches at once: for an entity and
 * the hops a path has left, the fewest hops to the target and the largest strength factor
 * any continuation can still have, the best product of weights over walks (revisits
 * allowed, so it is an upper bound on every simple path) of at most that many hops. A
 * branch whose strength times that factor is below minStrength cannot produce a channel.
 *
 * Built in O(maxHops × the incoming edges of the entities within reach), which on a big
 * graph is a small part of it; the walk then only enters entities inside that ball.
 */
export class TargetReach {
  readonly distance: Uint8Array;
  private readonly local: Int32Array;
  private readonly ballSize: number;
  /** Level h (0..maxHops) at h × ballSize: the best factor within h hops, by ball position. */
  private readonly best: Float64Array;

  constructor(view: IndexView, target: number, maxHops: number, blocked: Uint8Array, skipFlags: number, deadline: Deadline) {
    const { distance, ball, levelEnd } = hopsTo(view, target, maxHops, blocked, skipFlags, -1, deadline);
    this.distance = distance;
    const size = ball.length;
    this.ballSize = size;
    this.local = new Int32Array(view.entityCount).fill(-1);
    for (let k = 0; k < size; k++) this.local[ball[k]] = k;
    const best = new Float64Array((maxHops + 1) * size);
    best[0] = 1; // the target itself, ball position 0: a path that arrives has factor 1 left
    const { inStart, inEnd, inF64, inI32 } = view;
    let edges = 0;
    for (let h = 1; h <= maxHops; h++) {
      const prev = (h - 1) * size;
      const cur = h * size;
      best.copyWithin(cur, prev, prev + size);
      // Only entities within h - 1 hops have a factor at level h - 1: a prefix of the ball.
      for (let k = 0; k < levelEnd[h - 1]; k++) {
        const factor = best[prev + k];
        const z = ball[k];
        for (let slot = inStart[z]; slot < inEnd[z]; slot++) {
          if (++edges % EDGES_PER_CHECK === 0) deadline.check();
          if ((inI32[4 * slot + 3] & skipFlags) !== 0) continue;
          const y = inI32[4 * slot + 2];
          const at = this.local[y];
          // Paths end at the target, so it is never passed through.
          if (at <= 0) continue;
          const through = extendStrength(inF64[2 * slot], factor);
          if (through > best[cur + at]) best[cur + at] = through;
        }
      }
    }
    this.best = best;
  }

  /** The largest factor a path at `node` with `hops` left can still be multiplied by on its way to the target; 0 when it cannot get there. */
  bestFactor(node: number, hops: number): number {
    const at = this.local[node];
    return at < 0 ? 0 : this.best[hops * this.ballSize + at];
  }
}
