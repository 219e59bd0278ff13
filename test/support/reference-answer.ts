import type { Shock, TransmissionPath } from '../../src/domain/propagation/propagation.model';
import { pathOrder, type RefEdge } from './brute-force-propagate';

/**
 * DOMAIN.md's "Net effect over paths" written as plainly as possible, for checking the real
 * net effects and channels: every simple path is enumerated without any pruning, then
 * filtered, summed and sorted. Slow on purpose; shares no code with src/.
 */

export interface AnswerEdge extends RefEdge {
  proposed?: boolean;
  confidence?: number;
}

export interface PathQuery {
  shocks: readonly Shock[];
  maxHops: number;
  minStrength: number;
  horizonDays?: number | null;
  includeProposed?: boolean;
}

/** Every simple path from the shocks with 1..maxHops edges that never enters another shocked entity, unfiltered. */
export function allPaths(edges: readonly AnswerEdge[], query: PathQuery): TransmissionPath[] {
  const shocked = new Set(query.shocks.map((s) => s.entityId));
  const usable = edges.filter((e) => query.includeProposed === true || e.proposed !== true);
  const found: TransmissionPath[] = [];
  const extend = (path: TransmissionPath) => {
    if (path.hops === query.maxHops) return;
    const last = path.entityIds[path.entityIds.length - 1];
    for (const e of usable) {
      if (e.fromId !== last || path.entityIds.includes(e.toId) || shocked.has(e.toId)) continue;
      const up = (path.direction === 'UP') !== (e.polarity === 'NEGATIVE');
      const next: TransmissionPath = {
        entityIds: [...path.entityIds, e.toId],
        edgeIds: [...path.edgeIds, e.id],
        hops: path.hops + 1,
        strength: path.strength * e.weight,
        direction: up ? 'UP' : 'DOWN',
        lagDays: path.lagDays + (e.lagDays ?? 0),
      };
      found.push(next);
      extend(next);
    }
  };
  for (const s of query.shocks) {
    extend({ entityIds: [s.entityId], edgeIds: [], hops: 0, strength: s.magnitude, direction: s.direction, lagDays: 0 });
  }
  return found;
}

const signed = (p: TransmissionPath) => (p.direction === 'UP' ? p.strength : -p.strength);
const endOf = (p: TransmissionPath) => p.entityIds[p.entityIds.length - 1];

export interface Summary {
  netEffect: number;
  agreement: number;
  pathCount: number;
}

function summarise(paths: readonly TransmissionPath[]): Summary {
  const netEffect = paths.reduce((sum, p) => sum + signed(p), 0);
  const total = paths.reduce((sum, p) => sum + p.strength, 0);
  return { netEffect, agreement: total > 0 ? Math.abs(netEffect) / total : 0, pathCount: paths.length };
}

/** Net effect and agreement per reached entity, over every surviving path that ends there. */
export function referenceNetEffects(edges: readonly AnswerEdge[], query: PathQuery): Map<string, Summary> {
  const horizon = query.horizonDays ?? Infinity;
  const kept = allPaths(edges, query).filter((p) => p.strength >= query.minStrength && p.lagDays <= horizon);
  const byEnd = new Map<string, TransmissionPath[]>();
  for (const p of kept) byEnd.set(endOf(p), [...(byEnd.get(endOf(p)) ?? []), p]);
  return new Map([...byEnd].map(([id, paths]) => [id, summarise(paths)]));
}

export interface ReferenceChannels extends Summary {
  paths: TransmissionPath[];
  contributions: Array<{ edgeId: string; contribution: number; pathCount: number }>;
}

/** The channels from `from` to `to`: surviving paths ending at `to`, through every `via` and no `avoid` entity. */
export function referenceChannels(
  edges: readonly AnswerEdge[],
  query: {
    from: Shock;
    to: string;
    maxHops: number;
    minStrength: number;
    topPaths: number;
    via?: readonly string[] | null;
    avoid?: readonly string[] | null;
    includeProposed?: boolean;
  },
): ReferenceChannels {
  const via = query.via ?? [];
  const avoid = query.avoid ?? [];
  const channels = allPaths(edges, { ...query, shocks: [query.from] })
    .filter(
      (p) =>
        endOf(p) === query.to &&
        p.strength >= query.minStrength &&
        via.every((id) => p.entityIds.includes(id)) &&
        !avoid.some((id) => p.entityIds.includes(id)),
    )
    .sort(pathOrder);
  const byEdge = new Map<string, { contribution: number; pathCount: number }>();
  for (const p of channels) {
    for (const id of p.edgeIds) {
      const c = byEdge.get(id) ?? { contribution: 0, pathCount: 0 };
      byEdge.set(id, { contribution: c.contribution + signed(p), pathCount: c.pathCount + 1 });
    }
  }
  const contributions = [...byEdge]
    .map(([edgeId, c]) => ({ edgeId, ...c }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.edgeId < b.edgeId ? -1 : a.edgeId > b.edgeId ? 1 : 0));
  return { ...summarise(channels), paths: channels.slice(0, query.topPaths), contributions };
}
