/**
 * mulberry32: a small, fast, deterministic PRNG (32 bits of state), so benchmarks, random
 * tests and the response's Monte-Carlo draws replay exactly from a seed on every machine.
 * Returns numbers in [0, 1).
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The seed of stream `stream` under `seed`: streams of one seed are unrelated to each other,
 * so each Monte-Carlo sample has its own and gives the same draws whichever order (or
 * worker) computes it. Mixed with MurmurHash3's 32-bit finaliser.
 */
export function streamSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
