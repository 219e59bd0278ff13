import type { CausalEdge, Entity, RecordRevision, Source } from '../../domain/model/graph.model';

/** Whole-graph work: imports in one transaction, exports, backups. */
export interface GraphBulk {
  /** Applies all of a batch or none of it (bulk import). */
  applyBatch(batch: WriteBatch): Promise<BatchOutcome>;
  /** Every record, retracted and rejected edges included, in id order: a full export. */
  exportGraph(): Promise<GraphExport>;
}

export interface GraphExport {
  readonly entities: Entity[];
  readonly sources: Source[];
  /** Every edge with its history (an export is a whole record of the graph). */
  readonly edges: Array<CausalEdge & { readonly history: readonly RecordRevision[] }>;
}

export interface WriteBatch {
  readonly entities: ReadonlyArray<{
    readonly entity: Entity;
    readonly revision: RecordRevision;
    readonly expectedRevision: number | null;
  }>;
  /** New sources; `text` when the source carries one (its SHA-256 in `source.textSha256`). */
  readonly sources: ReadonlyArray<{ readonly source: Source; readonly revision: RecordRevision; readonly text?: string }>;
  /** Each edge's new state and its revision; `expectedRevision` null means the id must be new. */
  readonly edges: ReadonlyArray<{ readonly edge: CausalEdge; readonly revision: RecordRevision; readonly expectedRevision: number | null }>;
}

export type BatchOutcome =
  | { readonly kind: 'applied' }
  /** Nothing was written: the graph moved under the batch (a revision changed, an id was taken, a claim is doubled). */
  | { readonly kind: 'refused'; readonly recordId: string; readonly reason: string };

/** Why a record's stored revision does not fit the one a batch expects; undefined when it does. */
export function revisionProblem(stored: number | null, expected: number | null): string | undefined {
  if (stored === expected) return undefined;
  if (expected === null) return 'is taken by an existing record';
  return stored === null ? 'no longer exists' : `is at revision ${stored}, not ${expected}`;
}
