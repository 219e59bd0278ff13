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

/** A path's signed strength: what it adds to a net effect (DOMAIN.md, "Net effect over paths"). */
export function signedStrength(strength: number, sign: number): number {
  return sign > 0 ? strength : -strength;
}

/** |net| / Σ strength, in [0, 1] (0 when there is no strength at all). */
export function agreementOf(netEffect: number, totalStrength: number): number {
  return totalStrength > 0 ? Math.min(1, Math.abs(netEffect) / totalStrength) : 0;
}

/** A sign as a direction: +1 UP, −1 DOWN. */
export function toDirection(sign: number): Direction {
  return sign > 0 ? 'UP' : 'DOWN';
}
