import { beta } from '../random/beta';

/**
 * How sure a claim's weight is, as a distribution to draw from (DOMAIN.md, "Uncertainty").
 *
 * A weight is a share (of a unit move of A that reaches B), so its draws come from the
 * distribution of a share: a Beta whose mean is the weight, so that draws are centred on
 * the claim and never leave [0, 1] (no clipping, no mass piled on a bound). Its
 * concentration κ = α + β acts as the number of observations the weight rests on, and grows
 * with the odds of the edge's confidence c:
 *
 *   w̃ ~ Beta(w·κ, (1 − w)·κ),   κ = 10 · c / (1 − c),   mean w, variance w(1 − w) / (κ + 1)
 *
 * At even odds (c = 0.5) a weight is as sure as a share seen in 10 observations (standard
 * deviation 0.15 at w = 0.5); each doubling of the odds doubles that (c = 0.8: κ = 40,
 * 0.08), and at c = 1 the draw is the weight itself. A poorly supported weak claim
 * (c = 0.2, w = 0.3: Beta(0.75, 1.75)) puts much of its mass near 0: the claim may barely
 * hold. A weight of exactly 1 is drawn as 1 at any confidence, as a Beta with mean 1 must be.
 */
export const OBSERVATIONS_AT_EVEN_ODDS = 10;

/** The Beta's concentration α + β for an edge of this confidence; Infinity at confidence 1. */
export function weightConcentration(confidence: number): number {
  return confidence >= 1 ? Infinity : (OBSERVATIONS_AT_EVEN_ODDS * confidence) / (1 - confidence);
}

/** One draw of an edge's weight (see above); `uniform` is a seeded [0, 1) source. */
export function drawWeight(weight: number, confidence: number, uniform: () => number): number {
  if (confidence >= 1 || weight >= 1) return weight;
  const k = weightConcentration(confidence);
  return beta(weight * k, (1 - weight) * k, uniform);
}
