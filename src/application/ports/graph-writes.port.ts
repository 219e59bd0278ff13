import type { CausalEdge, Entity, RecordRevision, Source } from '../../domain/model/graph.model';

/**
 * Single writes. Each is atomic and durable when it resolves, and moves the graph version;
 * checks that must not race (one active edge per claim, the expected revision, idempotency
 * keys) happen inside the write.
 */
export interface GraphWrites {
  /** Stores an entity's next revision if its stored revision is still `expectedRevision` (null: it must be new). */
  saveEntity(entity: Entity, revision: RecordRevision, expectedRevision: number | null): Promise<SaveOutcome<Entity>>;
  /**
   * Adds a source (revision 1) unless one with that id exists; then answers the existing one.
   * `text` is the document's text whose SHA-256 `source.textSha256` names (stored once).
   */
  addSource(source: Source, revision: RecordRevision, text?: string): Promise<{ readonly created: boolean; readonly current: Source }>;
  /** Stores a source's next revision (and its text, as addSource) if its stored revision is still `expectedRevision`. */
  saveSource(source: Source, revision: RecordRevision, expectedRevision: number, text?: string): Promise<SaveOutcome<Source>>;
  /**
   * Adds a new edge (revision 1, recorded by `revision`), unless the key was seen, the claim is
   * taken (an ACTIVE edge makes it; for a proposal, other than the edge named by `supersedes`,
   * which a proposed change to it may share the claim with) or the id is.
   */
  addEdge(edge: CausalEdge, revision: RecordRevision, idempotencyKey?: IdempotencyKey, supersedes?: string): Promise<AddEdgeOutcome>;
  /** Stores an edge's next state and its revision if its stored revision is still `expectedRevision`. */
  replaceEdge(next: CausalEdge, revision: RecordRevision, expectedRevision: number): Promise<ReplaceEdgeOutcome>;
  /**
   * Stores several edges' next states at once, each only if still at its expected revision
   * (a proposal accepted in place of the edge it supersedes), in one transaction. Answers the first edge.
   */
  replaceEdges(
    changes: ReadonlyArray<{ readonly next: CausalEdge; readonly revision: RecordRevision; readonly expectedRevision: number }>,
  ): Promise<ReplaceEdgeOutcome>;
}

/** A client's retry key, with a digest of what it asked for: the same key with another request is a conflict. */
export interface IdempotencyKey {
  readonly key: string;
  readonly payloadDigest: string;
  /** Keys remembered before this time (ISO 8601) have expired: the store forgets them. */
  readonly expiresBefore: string;
}

export type SaveOutcome<T> =
  { readonly kind: 'saved'; readonly record: T } | { readonly kind: 'stale'; readonly currentRevision: number | null };

export type AddEdgeOutcome =
  | { readonly kind: 'created'; readonly edge: CausalEdge }
  /** The idempotency key was used before for the same request: the edge it created, unchanged. */
  | { readonly kind: 'replayed'; readonly edge: CausalEdge }
  /** The idempotency key was used before for another request. */
  | { readonly kind: 'key-reused' }
  /** An active edge already makes this claim (same from, to and polarity). */
  | { readonly kind: 'duplicate'; readonly existingId: string }
  | { readonly kind: 'id-taken' };

export type ReplaceEdgeOutcome =
  | { readonly kind: 'replaced'; readonly edge: CausalEdge }
  | { readonly kind: 'stale'; readonly currentRevision: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'duplicate'; readonly existingId: string };
