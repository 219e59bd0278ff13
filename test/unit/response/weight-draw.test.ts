import { gamma } from '../../../src/domain/random/beta';
import { prng, streamSeed } from '../../../src/domain/random/prng';
import { drawWeight, weightConcentration } from '../../../src/domain/response/weight-draw';

const moments = (xs: number[]) => {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean, variance: xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1) };
};

describe("an edge's weight drawn from its confidence", () => {
  it.each([
    [0.5, 0.5],
    [0.3, 0.2],
    [0.9, 0.4],
    [0.2, 0.8],
    [0.05, 0.1],
  ])('draws weight %p at confidence %p from a Beta with that mean and variance w(1 − w)/(κ + 1)', (w, c) => {
    const uniform = prng(streamSeed(2026, Math.round(w * 100 + c * 10)));
    const draws = Array.from({ length: 20_000 }, () => drawWeight(w, c, uniform));
    expect(draws.every((x) => x >= 0 && x <= 1)).toBe(true);
    const { mean, variance } = moments(draws);
    const expected = (w * (1 - w)) / (weightConcentration(c) + 1);
    // Tolerances of about four standard errors.
    expect(Math.abs(mean - w)).toBeLessThan(4 * Math.sqrt(expected / draws.length));
    expect(Math.abs(variance / expected - 1)).toBeLessThan(0.06);
  });

  it('spreads less as confidence grows, and not at all at confidence 1 or weight 1', () => {
    const spread = (c: number) => {
      const uniform = prng(9);
      return moments(Array.from({ length: 5000 }, () => drawWeight(0.5, c, uniform))).variance;
    };
    expect(spread(0.3)).toBeGreaterThan(spread(0.6));
    expect(spread(0.6)).toBeGreaterThan(spread(0.9));
    const uniform = prng(1);
    expect(Array.from({ length: 100 }, () => drawWeight(0.37, 1, uniform))).toEqual(Array(100).fill(0.37));
    expect(drawWeight(1, 0.3, uniform)).toBe(1);
    expect(weightConcentration(0.5)).toBe(10);
  });

  it('draws Gamma variates with mean and variance equal to the shape, below and above 1', () => {
    for (const shape of [0.3, 1, 4.5]) {
      const uniform = prng(shape * 1000);
      const { mean, variance } = moments(Array.from({ length: 40_000 }, () => gamma(shape, uniform)));
      expect(Math.abs(mean / shape - 1)).toBeLessThan(0.03);
      expect(Math.abs(variance / shape - 1)).toBeLessThan(0.06);
    }
  });

  it('gives unrelated streams for the samples of one seed, the same stream for the same seed and sample', () => {
    const first = (seed: number, stream: number) => prng(streamSeed(seed, stream))();
    expect(first(1, 0)).toBe(first(1, 0));
    const starts = new Set(Array.from({ length: 1000 }, (_, s) => first(1, s)));
    expect(starts.size).toBe(1000);
    expect(first(1, 5)).not.toBe(first(2, 5));
  });
});
