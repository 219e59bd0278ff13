/**
 * tanh in plain arithmetic, for the response's sweeps. Math.tanh is a call into the
 * runtime (about 25 ns, as much as all of a row's multiply-adds on the bench's graphs);
 * this one compiles into the sweep and takes a few ns (6–16 here). It agrees with the exact tanh to
 * within a few units in the last place (the unit test checks 1e-15 relative against
 * Math.tanh over the whole range) and, being arithmetic on fixed tables, gives the same
 * bits for the same input on every backend.
 *
 * tanh(|x|) = −m / (m + 2) with m = e^{−2|x|} − 1, which never cancels: m lies in (−1, 0]
 * and m + 2 in (1, 2]. With |x| clamped to 22 (beyond it tanh rounds to 1), −2|x| is split as
 * k·ln2/64 + r with |r| ≤ ln2/128, and m = E1[k] + E[k]·p(r), where E[k] = e^{k·ln2/64} and
 * E1[k] = E[k] − 1 come from a table and p(r) = e^r − 1 is its Taylor polynomial, whose first
 * term left out, r^7/7!, is below 1e-19.
 */
export function tanh(x: number): number {
  // Computed for |x| and given x's sign, so that tanh(−x) is exactly −tanh(x): a DOWN shock
  // answers the exact opposite of an UP one.
  const y = -2 * Math.min(LIMIT, Math.abs(x));
  // k = y·64/ln2 rounded to an integer by adding and removing 1.5·2^52 (Math.round is a runtime call).
  const k = y * INV_STEP + ROUNDER - ROUNDER;
  const r = y - k * STEP_HI - k * STEP_LO;
  const r2 = r * r;
  const p = r + r2 * (C2 + r * C3) + r2 * r2 * (C4 + r * (C5 + r * C6));
  const at = k + K_MAX;
  const m = EXPM1[at] + EXP[at] * p;
  const t = (0 - m) / (m + 2); // 0 − m, not −m: tanh(0) is +0
  return x < 0 ? -t : t;
}

/** Beyond ±22, 1 − |tanh| < 2^−63: tanh is ±1 in doubles. */
const LIMIT = 22;
const STEPS_PER_LN2 = 64;
/** ln 2 in two parts: LN2_HI has its low 32 bits zero, so k·LN2_HI/64 is exact for |k| < 2^20. */
const LN2_HI = 6.9314718036912382e-1;
const LN2_LO = 1.9082149292705877e-10;
const STEP_HI = LN2_HI / STEPS_PER_LN2;
const STEP_LO = LN2_LO / STEPS_PER_LN2;
const INV_STEP = STEPS_PER_LN2 / Math.LN2;
const ROUNDER = 6755399441055744;
const K_MAX = Math.ceil((2 * LIMIT) / STEP_HI) + 1;
// Only k ≤ 0 occurs: the argument, −2|x|, is never positive.
const EXP = new Float64Array(K_MAX + 1);
const EXPM1 = new Float64Array(K_MAX + 1);
for (let k = -K_MAX; k <= 0; k++) {
  const z = k * STEP_HI + k * STEP_LO;
  EXP[k + K_MAX] = Math.exp(z);
  EXPM1[k + K_MAX] = Math.expm1(z);
}
const C2 = 1 / 2;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;
