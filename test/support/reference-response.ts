import type { Shock } from '../../src/domain/propagation/propagation.model';
import type { AnswerEdge } from './reference-answer';

/**
 * DOMAIN.md's "The response with feedback" written straight from the text, with dense
 * matrices over every entity, for checking the real (sparse, reachable-only) one. Shares
 * no code with src/.
 */

export interface ReferenceResponseQuery {
  shocks: readonly Shock[];
  disable?: { entities?: readonly string[] | null; edges?: readonly string[] | null } | null;
  includeProposed?: boolean;
}

interface Setup {
  ids: string[];
  held: Map<number, number>;
  /** W_L[j][i] per lag L; W = Σ_L W_L. */
  byLag: Map<number, number[][]>;
}

function setUp(entityIds: readonly string[], edges: readonly AnswerEdge[], query: ReferenceResponseQuery): Setup {
  const ids = [...entityIds];
  const at = new Map(ids.map((id, i) => [id, i]));
  const held = new Map(query.shocks.map((s) => [at.get(s.entityId)!, s.direction === 'UP' ? s.magnitude : -s.magnitude]));
  const goneEntities = new Set(query.disable?.entities ?? []);
  const goneEdges = new Set(query.disable?.edges ?? []);
  const byLag = new Map<number, number[][]>();
  for (const e of edges) {
    if (e.proposed === true && query.includeProposed !== true) continue;
    if (goneEdges.has(e.id) || goneEntities.has(e.fromId) || goneEntities.has(e.toId)) continue;
    const j = at.get(e.toId)!;
    if (held.has(j)) continue; // edges into a shocked entity are left out
    const lag = e.lagDays ?? 0;
    if (!byLag.has(lag))
      byLag.set(
        lag,
        ids.map(() => ids.map(() => 0)),
      );
    byLag.get(lag)![j][at.get(e.fromId)!] += e.polarity === 'NEGATIVE' ? -e.weight : e.weight;
  }
  return { ids, held, byLag };
}

function times(w: number[][], level: readonly number[], j: number): number {
  let sum = 0;
  for (let i = 0; i < level.length; i++) sum += w[j][i] * level[i];
  return sum;
}

/** Steady state: halfway synchronous steps from 0 with the shocks held, until no change exceeds 1e-9, at most 1000 steps. */
export function referenceSteadyState(
  entityIds: readonly string[],
  edges: readonly AnswerEdge[],
  query: ReferenceResponseQuery,
): { levels: Map<string, number>; steps: number; converged: boolean } {
  const { ids, held, byLag } = setUp(entityIds, edges, query);
  const w = ids.map((_, j) => ids.map((__, i) => [...byLag.values()].reduce((s, m) => s + m[j][i], 0)));
  let level = ids.map((_, i) => held.get(i) ?? 0);
  let steps = 0;
  let converged = false;
  while (steps < 1000 && !converged) {
    const next = level.map((x, j) => (held.has(j) ? x : 0.5 * x + 0.5 * Math.tanh(times(w, level, j))));
    converged = next.every((x, j) => Math.abs(x - level[j]) <= 1e-9);
    level = next;
    steps++;
  }
  return { levels: new Map(ids.map((id, i) => [id, level[i]])), steps, converged };
}

/**
 * The series over days 0..horizonDays: level_j(t) = (1 − a)·level_j(t − 1) + a·tanh(Σ_L W_L · level(t − L)),
 * level(t < 0) = 0, shocks held from day 0, the same-day part repeated from the previous day's
 * levels until it settles (1e-9). Returns null for a day whose repetition does not settle in 10,000 rounds.
 */
export function referenceSeries(
  entityIds: readonly string[],
  edges: readonly AnswerEdge[],
  query: ReferenceResponseQuery,
  horizonDays: number,
  adjustmentDays: number,
): Map<string, number[]> | null {
  const { ids, held, byLag } = setUp(entityIds, edges, query);
  const a = 1 / adjustmentDays;
  const days: number[][] = [];
  const levelOn = (t: number, i: number) => (t < 0 ? 0 : held.has(i) ? held.get(i)! : days[t][i]);
  for (let t = 0; t <= horizonDays; t++) {
    const previous = ids.map((_, i) => (held.has(i) ? 0 : t === 0 ? 0 : days[t - 1][i]));
    let today = ids.map((_, i) => held.get(i) ?? previous[i]);
    let settled = false;
    for (let round = 0; round < 10_000 && !settled; round++) {
      const next = today.map((x, j) => {
        if (held.has(j)) return x;
        let input = 0;
        for (const [lag, w] of byLag) {
          const source = lag === 0 ? today : ids.map((_, i) => levelOn(t - lag, i));
          input += times(w, source, j);
        }
        return (1 - a) * previous[j] + a * Math.tanh(input);
      });
      settled = next.every((x, j) => Math.abs(x - today[j]) <= 1e-9);
      today = next;
    }
    if (!settled) return null;
    days.push(today);
  }
  return new Map(ids.map((id, i) => [id, days.map((d) => d[i])]));
}
