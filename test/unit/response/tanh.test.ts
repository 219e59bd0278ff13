import { prng } from '../../../src/domain/random/prng';
import { tanh } from '../../../src/domain/response/tanh';

describe('tanh in plain arithmetic', () => {
  const relativeError = (x: number) => {
    const exact = Math.tanh(x);
    return exact === 0 ? Math.abs(tanh(x)) : Math.abs(tanh(x) - exact) / Math.abs(exact);
  };

  it('agrees with Math.tanh to 1e-15, relative, from tiny arguments to saturation', () => {
    const uniform = prng(2016);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = (uniform() * 2 - 1) * 30;
      for (const scaled of [x, x / 1e3, x / 1e7, x * 1e-12]) worst = Math.max(worst, relativeError(scaled));
    }
    expect(worst).toBeLessThan(1e-15);
  });

  it('is exact where tanh is: 0, ±1 beyond ±22, and odd', () => {
    expect(tanh(0)).toBe(0);
    for (const x of [22.5, 40, 1e300, Infinity]) {
      expect(tanh(x)).toBe(1);
      expect(tanh(-x)).toBe(-1);
    }
    for (const x of [1e-300, 0.1, 0.35, 1, 3.7, 21.9]) expect(tanh(-x)).toBe(-tanh(x));
  });
});
