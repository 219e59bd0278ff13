/**
 * Draws from the Beta and Gamma distributions with a uniform [0, 1) source, so that a seeded
 * source gives the same draws everywhere. Gamma by Marsaglia and Tsang's squeeze method
 * ("A simple method for generating gamma variables", 2000), boosted for shapes below 1;
 * Beta(α, β) as X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β).
 */

/** A standard normal draw (Box–Muller; one of the pair is used, so each draw costs two uniforms). */
export function normal(uniform: () => number): number {
  const u = 1 - uniform(); // (0, 1]: the logarithm stays finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}

/** A Gamma(shape, 1) draw, shape > 0. */
export function gamma(shape: number, uniform: () => number): number {
  if (shape < 1) {
    // Gamma(a) = Gamma(a + 1) · U^(1/a): the squeeze method needs a shape of at least 1.
    return gamma(shape + 1, uniform) * Math.pow(1 - uniform(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(uniform);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - uniform();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Beta(alpha, beta) draw in [0, 1], both parameters > 0. */
export function beta(alpha: number, betaParameter: number, uniform: () => number): number {
  for (;;) {
    const x = gamma(alpha, uniform);
    const y = gamma(betaParameter, uniform);
    // Both can underflow to 0 for tiny shapes; the ratio then means nothing, so draw again.
    if (x + y > 0) return x / (x + y);
  }
}
