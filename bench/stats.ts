/** Median and 99th percentile (nearest rank) of a sample. */
export function summarize(samples: readonly number[]): { median: number; p99: number; runs: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: rank(0.5), p99: rank(0.99), runs: sorted.length };
}
