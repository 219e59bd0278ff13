import type { Polarity } from '../../src/domain/model/graph.model';
import type { Impact, PropagationQuery, TransmissionPath } from '../../src/domain/propagation/propagation.model';

/** An impact's path summary; net effects are checked against test/support/reference-answer.ts. */
export type PathImpact = Omit<Impact, 'netEffect' | 'agreement'>;

export interface RefEdge {
  id: string;
  fromId: string;
  toId: string;
  polarity: Polarity;
  weight: number;
  lagDays?: number;
}

/**
 * DOMAIN.md's propagation written as plainly as possible, for checking the real one:
 * enumerate every simple path up to maxHops without pruning, then filter, sort and group.
 * Slow on purpose; shares no code with src/domain/propagation.
 */
export function bruteForcePropagate(
  edges: readonly RefEdge[],
  query: PropagationQuery,
): { impacts: PathImpact[]; paths: TransmissionPath[] } {
  const shocked = new Set(query.shocks.map((s) => s.entityId));
  const gone = new Set([...(query.disable?.entities ?? []), ...(query.disable?.edges ?? [])]);
  const all: TransmissionPath[] = [];
  const walk = (entityIds: string[], edgeIds: string[], strength: number, up: boolean, lag: number) => {
    if (edgeIds.length === query.maxHops) return;
    const here = entityIds[entityIds.length - 1];
    for (const e of edges) {
      if (e.fromId !== here || entityIds.includes(e.toId) || shocked.has(e.toId) || gone.has(e.toId) || gone.has(e.id)) continue;
      const s = strength * e.weight;
      const dirUp = e.polarity === 'NEGATIVE' ? !up : up;
      const path: TransmissionPath = {
        entityIds: [...entityIds, e.toId],
        edgeIds: [...edgeIds, e.id],
        hops: edgeIds.length + 1,
        strength: s,
        direction: dirUp ? 'UP' : 'DOWN',
        lagDays: lag + (e.lagDays ?? 0),
      };
      all.push(path);
      walk([...path.entityIds], [...path.edgeIds], s, dirUp, path.lagDays);
    }
  };
  for (const shock of query.shocks) walk([shock.entityId], [], shock.magnitude, shock.direction === 'UP', 0);

  const horizon = query.horizonDays ?? Infinity;
  const kept = all.filter((p) => p.strength >= query.minStrength && p.lagDays <= horizon).sort(pathOrder);
  const byEntity = new Map<string, TransmissionPath[]>();
  for (const p of kept) {
    const end = p.entityIds[p.entityIds.length - 1];
    byEntity.set(end, [...(byEntity.get(end) ?? []), p]);
  }
  const impacts: PathImpact[] = [...byEntity].map(([entityId, paths]) => ({
    entityId,
    direction: paths[0].direction, // `kept` is in path order
    strength: Math.max(...paths.map((p) => p.strength)),
    hops: Math.min(...paths.map((p) => p.hops)),
    pathCount: paths.length,
    mixed: paths.some((p) => p.direction === 'UP') && paths.some((p) => p.direction === 'DOWN'),
    earliestArrivalDays: Math.min(...paths.map((p) => p.lagDays)),
  }));
  impacts.sort((a, b) => b.strength - a.strength || cmp(a.entityId, b.entityId));
  return { impacts, paths: kept.slice(0, query.topPaths) };
}

export function pathOrder(a: TransmissionPath, b: TransmissionPath): number {
  return b.strength - a.strength || a.hops - b.hops || cmpSeq(a.entityIds, b.entityIds) || cmpSeq(a.edgeIds, b.edgeIds);
}

function cmpSeq(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = cmp(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
