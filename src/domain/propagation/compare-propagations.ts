import type { Impact, Propagation, TransmissionPath } from './propagation.model';

export const CHANGE_KINDS = ['VANISHED', 'APPEARED', 'FLIPPED', 'WEAKENED', 'STRENGTHENED'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface ImpactChange {
  readonly entityId: string;
  readonly kind: ChangeKind;
  readonly before?: Impact;
  readonly after?: Impact;
}

export interface PropagationComparison {
  /** One row per entity whose impact differs, strongest baseline first; unchanged ones are left out. */
  readonly changes: readonly ImpactChange[];
  /** The baseline's top paths that run through a removed entity or edge. */
  readonly cutPaths: readonly TransmissionPath[];
}

/**
 * How a counterfactual differs from the baseline. Each changed entity is in one category:
 * it vanished or appeared; else its direction flipped; else it weakened or strengthened.
 */
export function comparePropagations(
  baseline: Propagation,
  counterfactual: Propagation,
  removed: { readonly entities: readonly string[]; readonly edges: readonly string[] },
): PropagationComparison {
  const after = new Map(counterfactual.impacts.map((i) => [i.entityId, i]));
  const before = new Map(baseline.impacts.map((i) => [i.entityId, i]));
  const changes: ImpactChange[] = [];
  for (const b of baseline.impacts) {
    const a = after.get(b.entityId);
    const kind = !a
      ? 'VANISHED'
      : a.direction !== b.direction
        ? 'FLIPPED'
        : a.strength < b.strength
          ? 'WEAKENED'
          : a.strength > b.strength
            ? 'STRENGTHENED'
            : undefined;
    if (kind) changes.push({ entityId: b.entityId, kind, before: b, after: a });
  }
  for (const a of counterfactual.impacts) {
    if (!before.has(a.entityId)) changes.push({ entityId: a.entityId, kind: 'APPEARED', after: a });
  }
  const gone = new Set([...removed.entities, ...removed.edges]);
  const cutPaths = baseline.paths.filter((p) => p.entityIds.some((id) => gone.has(id)) || p.edgeIds.some((id) => gone.has(id)));
  return { changes, cutPaths };
}
