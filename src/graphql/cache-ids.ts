import { createHash } from 'node:crypto';
import type { Evidence, RecordRevision } from '../domain/model/graph.model';
import type { Impact, Shock, TransmissionPath } from '../domain/propagation/propagation.model';

/**
 * Ids for the objects the API computes, so that a client cache (Apollo Client, urql's
 * Graphcache) can normalise them. Each id is derived from what determines the object's
 * values, never from a counter: the same question gives the same ids, a different one
 * (another shock, bound or counterfactual) different ids, so two answers never overwrite
 * each other's numbers in a cache. README, "Client caches", lists every derivation.
 */

/** A short, stable digest of a value (canonical JSON: object keys sorted), for ids built from query arguments. */
export function digest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** Shocks in a canonical order with their defaults filled in: the order they are given in changes no answer. */
export function canonicalShocks(shocks: readonly Shock[]): Array<[string, string, number]> {
  return shocks.map((s): [string, string, number] => [s.entityId, s.direction, s.magnitude]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** A counterfactual's removals as sorted sets (null when nothing is removed). */
export function canonicalDisable(
  disable: { readonly entities?: readonly string[] | null; readonly edges?: readonly string[] | null } | null | undefined,
): { entities: string[]; edges: string[] } | null {
  const entities = [...new Set(disable?.entities ?? [])].sort();
  const edges = [...new Set(disable?.edges ?? [])].sort();
  return entities.length + edges.length === 0 ? null : { entities, edges };
}

/**
 * A path's id: the direction and magnitude of the shock it starts from, and its edge ids
 * in order (which give its entities) — `UP:1:boj-tightening-…,carry-…`. Its strength,
 * direction, lag and explanation follow from these and the edges alone, so the same path
 * in `propagate` and `channels` is one cache entry.
 */
export function pathId(path: TransmissionPath, shock: Pick<Shock, 'direction' | 'magnitude'>): string {
  return `${shock.direction}:${shock.magnitude}:${path.edgeIds.join(',')}`;
}

export type WithId<T> = T & { readonly id: string };

/** Paths with ids, each from the shock on its first entity. */
export function pathsWithIds(paths: readonly TransmissionPath[], shocks: readonly Shock[]): Array<WithId<TransmissionPath>> {
  const byEntity = new Map(shocks.map((s) => [s.entityId, s]));
  return paths.map((path) => ({
    ...path,
    id: pathId(path, byEntity.get(path.entityIds[0]) ?? { direction: path.direction, magnitude: 1 }),
  }));
}

/** An impact's id: the digest of the walk that produced it (shocks, bounds, counterfactual) and its entity. */
export function impactWithId(impact: Impact, scope: string): WithId<Impact> {
  return { ...impact, id: `${scope}:${impact.entityId}` };
}

/** Evidence ids: the edge, and a digest of the source and the quote (evidence is only ever added, never changed). */
export function evidenceWithIds(edgeId: string, evidence: readonly Evidence[]): Array<WithId<Evidence>> {
  return evidence.map((e) => ({ ...e, id: `${edgeId}:${digest([e.sourceId, e.quote])}` }));
}

/** A revision's id is its record's id and its number (`usd-liquidity-lifts-gold@2`); a field change adds its place and field (`…@2:1:weight`). */
export function revisionsWithIds(
  recordId: string,
  revisions: readonly RecordRevision[],
): Array<WithId<RecordRevision> & { changes: Array<WithId<RecordRevision['changes'][number]>> }> {
  return revisions.map((r) => {
    const id = `${recordId}@${r.revision}`;
    return { ...r, id, changes: r.changes.map((c, i) => ({ ...c, id: `${id}:${i + 1}:${c.field}` })) };
  });
}
