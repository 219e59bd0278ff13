import type { Direction } from '../model/graph.model';
import { NEGATIVE_FLAG } from './index-view';

/**
 * The rule a path follows as it grows by one edge (DOMAIN.md, "Propagation"), in one place:
 * every walk (propagate, channels, rankings) and the channels' reachability bound call
 * these, so changing how strength combines means changing this file.
 *
 * The walks prune on one property of the rule: extending a path never makes it stronger
 * (weights are at most 1, and IEEE multiplication by w ≤ 1 never rounds up past the
 * multiplicand). A rule without that property needs different pruning, not just new code here.
 */

/** The strength of a path extended by an edge of this weight: the product, from the shock outwards. */
export function extendStrength(strength: number, weight: number): number {
  return strength * weight;
}

/** The direction (+1 UP, −1 DOWN) of a path extended by an edge with these flags: NEGATIVE flips it. */
export function extendSign(sign: number, flags: number): number {
  return (flags & NEGATIVE_FLAG) !== 0 ? -sign : sign;
}

/** Whether a path of this strength is kept: one exactly at `minStrength` is. */
export function survives(strength: number, minStrength: number): boolean {
  return strength >= minStrength;
}

/**
 * A path's signed strength: what it adds to a net effect (DOMAIN.md, "Net effect over
 * paths"). `sign` is +1 or −1, so the product is exact; it is a product rather than a
 * choice because the walks call this for every path, whose signs a processor cannot predict.
 */
export function signedStrength(strength: number, sign: number): number {
  return sign * strength;
}

/**
 * 0 for a path arriving UP (sign +1), 1 for DOWN (−1): where its strength is summed. A net
 * effect is kept as two sums, of the strengths arriving UP and DOWN, because a walk can then
 * add each path with one addition and no branch on its sign, which a processor cannot predict.
 */
export function directionIndex(sign: number): number {
  return (1 - sign) >> 1;
}

/** The net effect of paths whose strengths sum to `up` arriving UP and `down` arriving DOWN: Σ signed strength. */
export function netEffectOf(up: number, down: number): number {
  return up - down;
}

/** |net| / Σ strength, in [0, 1] (0 when there is no strength at all). */
export function agreementOf(up: number, down: number): number {
  const total = up + down;
  return total > 0 ? Math.min(1, Math.abs(up - down) / total) : 0;
}

/** A sign as a direction: +1 UP, −1 DOWN. */
export function toDirection(sign: number): Direction {
  return sign > 0 ? 'UP' : 'DOWN';
}
