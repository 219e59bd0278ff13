import type { Entity, FieldChange, RecordRevision, Source } from '../model/graph.model';
import type { WriteStamp } from './revise-edge';

const ENTITY_FIELDS = ['name', 'kind', 'measure', 'description', 'aliases', 'partOf'] as const;
const SOURCE_FIELDS = ['title', 'author', 'publishedOn', 'language', 'url', 'textSha256'] as const;

/** A record's next state and the revision that records the change. */
export interface Revised<T> {
  readonly record: T;
  readonly revision: RecordRevision;
}

/**
 * An entity's next revision: what changed, field by field (a changed `measure` changes what
 * every sign touching the entity means, so it is never silent). Undefined when `next`
 * changes nothing.
 */
export function reviseEntity(current: Entity | undefined, next: Entity, stamp: WriteStamp, reason?: string): Revised<Entity> | undefined {
  return revise(current, next, ENTITY_FIELDS, stamp, reason);
}

/** A source's next revision (see reviseEntity). */
export function reviseSource(current: Source | undefined, next: Source, stamp: WriteStamp, reason?: string): Revised<Source> | undefined {
  return revise(current, next, SOURCE_FIELDS, stamp, reason);
}

/** The revision a curated record (the seed) starts with. */
export function curatedRecordRevision(at: string, by: string): RecordRevision {
  return { revision: 1, at, by, action: 'CREATED', changes: [], reason: 'curated from the cited sources' };
}

function revise<T extends { readonly revision?: number }, K extends keyof T & string>(
  current: T | undefined,
  next: T,
  fields: readonly K[],
  stamp: WriteStamp,
  reason?: string,
): Revised<T> | undefined {
  const encode = (record: T | undefined, field: K) => (record?.[field] === undefined ? null : JSON.stringify(record[field]));
  const changes = fields
    .map((field): FieldChange => ({ field, from: current ? encode(current, field) : null, to: encode(next, field) }))
    .filter((change) => !current || change.from !== change.to)
    .filter((change) => current || change.to !== null);
  if (current && changes.length === 0) return undefined;
  const number = (current?.revision ?? 0) + 1;
  return {
    record: { ...next, revision: number },
    revision: {
      revision: number,
      at: stamp.at,
      by: stamp.by,
      action: current ? 'UPDATED' : 'CREATED',
      changes,
      ...(reason ? { reason } : {}),
    },
  };
}
