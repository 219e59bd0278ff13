import type { CausalEdge, Entity, RecordRevision, Source } from '../../domain/model/graph.model';

/**
 * Single writes. Each is atomic and durable when it resolves, and moves the graph version;
 * checks that must not race (one active edge per claim, the expected revision, idempotency
 * keys) happen inside the write.
 */
export interface GraphWrites {
  /** Stores an entity's next revision if its stored revision is still `expectedRevision` (null: it must be new). */
  saveEntity(entity: Entity, revision: RecordRevision, expectedRevision: number | null): Promise<SaveOutcome<Entity>>;
  /** Adds a source (revision 1) unless one with that id exists; then answers the existing one. */
  addSource(source: Source, revision: RecordRevision): Promise<{ readonly created: boolean; readonly current: Source }>;
  /** Adds a new edge (revision 1, recorded by `revision`), unless the key was seen, the claim is taken or the id is. */
  addEdge(edge: CausalEdge, revision: RecordRevision, idempotencyKey?: IdempotencyKey): Promise<AddEdgeOutcome>;
  /** Stores an edge's next state and its revision if its stored revision is still `expectedRevision`. */
  replaceEdge(next: CausalEdge, revision: RecordRevision, expectedRevision: number): Promise<ReplaceEdgeOutcome>;
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
