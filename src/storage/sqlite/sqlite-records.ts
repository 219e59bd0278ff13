import { hash } from 'node:crypto';
import type {
  CausalEdge,
  EdgeStatus,
  Entity,
  EntityKind,
  Evidence,
  Polarity,
  RecordRevision,
  Source,
} from '../../domain/model/graph.model';

/**
 * Rows as the database holds them, their mapping to the domain's records, and the hashes
 * that make the file tamper-evident: each revision's hash covers the one before it (a chain
 * per record), and each record's checksum covers its every field and the head of its
 * chain. Start-up recomputes them all, so a changed letter in a quote, a title or a
 * revision's author is found even where SQLite's own integrity check sees a sound page.
 */

export interface EntityRow {
  id: string;
  name: string;
  kind: string;
  measure: string | null;
  description: string | null;
  aliases: string;
  part_of: string | null;
  revision: number;
  head_hash: string;
  checksum: string;
}

export interface SourceRow {
  id: string;
  title: string;
  author: string | null;
  published_on: string | null;
  language: string;
  url: string | null;
  revision: number;
  head_hash: string;
  /** Since schema version 2. */
  text_sha256: string | null;
  checksum: string;
}

export interface EdgeRow {
  id: string;
  from_id: string;
  to_id: string;
  polarity: string;
  weight: number;
  confidence: number;
  lag_days: number;
  mechanism: string;
  status: string;
  revision: number;
  created_by: string;
  created_at: string;
  head_hash: string;
  checksum: string;
}

export interface EvidenceRow {
  edge_id: string;
  position: number;
  source_id: string;
  quote: string;
  figure: string | null;
}

export interface RevisionRow {
  kind: RecordKind;
  record_id: string;
  revision: number;
  at: string;
  by: string;
  action: string;
  changes: string;
  reason: string | null;
  hash: string;
}

export type RecordKind = 'entity' | 'source' | 'edge';

/** The hash a chain starts from. */
export const CHAIN_START = '';

/**
 * SHA-256 as base64 (44 characters, stored as TEXT). One-shot `crypto.hash`: a start-up
 * recomputes one per record, and it is four times faster than a Hash object per call.
 */
function sha256(text: string): string {
  return hash('sha256', text, 'base64');
}

/** A revision's hash: its own fields and the hash of the revision before it. */
export function revisionHash(previous: string, row: Omit<RevisionRow, 'hash'>): string {
  return sha256(JSON.stringify([previous, row.kind, row.record_id, row.revision, row.at, row.by, row.action, row.changes, row.reason]));
}

/**
 * The columns each record's checksum covers, in the order it covers them. Verification
 * reads exactly these columns as raw arrays, so the array it reads is the array it hashes.
 */
export const ENTITY_FIELDS = ['id', 'name', 'kind', 'measure', 'description', 'aliases', 'part_of', 'revision', 'head_hash'] as const;
export const SOURCE_FIELDS = ['id', 'title', 'author', 'published_on', 'language', 'url', 'revision', 'head_hash'] as const;
export const EDGE_FIELDS = [
  'id',
  'from_id',
  'to_id',
  'polarity',
  'weight',
  'confidence',
  'lag_days',
  'mechanism',
  'status',
  'revision',
  'created_by',
  'created_at',
  'head_hash',
] as const;
export const EVIDENCE_FIELDS = ['position', 'source_id', 'quote', 'figure'] as const;

/** A checksum over a record's values (in its FIELDS order) and, for an edge, its evidence's. */
export function checksumOf(kind: RecordKind, values: readonly unknown[], evidence: readonly (readonly unknown[])[] = []): string {
  return sha256(JSON.stringify([kind, values, evidence]));
}

const valuesOf = <R>(row: R, fields: readonly (keyof R)[]) => fields.map((f) => row[f]);

export function entityChecksum(row: Omit<EntityRow, 'checksum'>): string {
  return checksumOf('entity', valuesOf(row, ENTITY_FIELDS));
}

/** A source's checksum; text_sha256 joins the covered values only when set (rows from schema 1 keep theirs). */
export function sourceChecksum(row: Omit<SourceRow, 'checksum'>): string {
  return checksumOf('source', sourceChecksumValues(valuesOf(row, SOURCE_FIELDS), row.text_sha256));
}

export function sourceChecksumValues(fields: readonly unknown[], textSha256: unknown): readonly unknown[] {
  return textSha256 === null || textSha256 === undefined ? fields : [...fields, textSha256];
}

/** An edge's checksum covers its evidence too, in order. */
export function edgeChecksum(row: Omit<EdgeRow, 'checksum'>, evidence: readonly EvidenceRow[]): string {
  return checksumOf(
    'edge',
    valuesOf(row, EDGE_FIELDS),
    evidence.map((e) => valuesOf(e, EVIDENCE_FIELDS)),
  );
}

export function toEntity(row: EntityRow): Entity {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as EntityKind,
    ...(row.measure !== null ? { measure: row.measure } : {}),
    ...(row.description !== null ? { description: row.description } : {}),
    aliases: JSON.parse(row.aliases) as string[],
    ...(row.part_of !== null ? { partOf: row.part_of } : {}),
    revision: row.revision,
  };
}

export function entityRow(entity: Entity, revision: number, headHash: string): EntityRow {
  const row = {
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    measure: entity.measure ?? null,
    description: entity.description ?? null,
    aliases: JSON.stringify(entity.aliases),
    part_of: entity.partOf ?? null,
    revision,
    head_hash: headHash,
  };
  return { ...row, checksum: entityChecksum(row) };
}

export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    title: row.title,
    ...(row.author !== null ? { author: row.author } : {}),
    ...(row.published_on !== null ? { publishedOn: row.published_on } : {}),
    language: row.language,
    ...(row.url !== null ? { url: row.url } : {}),
    ...(row.text_sha256 !== null && row.text_sha256 !== undefined ? { textSha256: row.text_sha256 } : {}),
    revision: row.revision,
  };
}

export function sourceRow(source: Source, revision: number, headHash: string): SourceRow {
  const row = {
    id: source.id,
    title: source.title,
    author: source.author ?? null,
    published_on: source.publishedOn ?? null,
    language: source.language,
    url: source.url ?? null,
    revision,
    head_hash: headHash,
    text_sha256: source.textSha256 ?? null,
  };
  return { ...row, checksum: sourceChecksum(row) };
}

export function toEvidence(row: EvidenceRow): Evidence {
  return { sourceId: row.source_id, quote: row.quote, ...(row.figure !== null ? { figure: row.figure } : {}) };
}

export function evidenceRows(edge: Pick<CausalEdge, 'id' | 'evidence'>): EvidenceRow[] {
  return edge.evidence.map((e, position) => ({
    edge_id: edge.id,
    position,
    source_id: e.sourceId,
    quote: e.quote,
    figure: e.figure ?? null,
  }));
}

export function edgeRow(edge: CausalEdge, headHash: string, evidence: readonly EvidenceRow[]): EdgeRow {
  const row = {
    id: edge.id,
    from_id: edge.fromId,
    to_id: edge.toId,
    polarity: edge.polarity,
    weight: edge.weight,
    confidence: edge.confidence,
    lag_days: edge.lagDays,
    mechanism: edge.mechanism,
    status: edge.status,
    revision: edge.revision,
    created_by: edge.createdBy,
    created_at: edge.createdAt,
    head_hash: headHash,
  };
  return { ...row, checksum: edgeChecksum(row, evidence) };
}

export function toEdge(row: EdgeRow, evidence: readonly EvidenceRow[]): CausalEdge {
  return {
    id: row.id,
    fromId: row.from_id,
    toId: row.to_id,
    polarity: row.polarity as Polarity,
    weight: row.weight,
    confidence: row.confidence,
    lagDays: row.lag_days,
    mechanism: row.mechanism,
    evidence: evidence.map(toEvidence),
    status: row.status as EdgeStatus,
    revision: row.revision,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export function revisionRow(kind: RecordKind, recordId: string, revision: RecordRevision, previousHash: string): RevisionRow {
  const row = {
    kind,
    record_id: recordId,
    revision: revision.revision,
    at: revision.at,
    by: revision.by,
    action: revision.action,
    changes: JSON.stringify(revision.changes),
    reason: revision.reason ?? null,
  };
  return { ...row, hash: revisionHash(previousHash, row) };
}

export function toRevision(row: RevisionRow): RecordRevision {
  return {
    revision: row.revision,
    at: row.at,
    by: row.by,
    action: row.action as RecordRevision['action'],
    changes: JSON.parse(row.changes) as RecordRevision['changes'],
    ...(row.reason !== null ? { reason: row.reason } : {}),
  };
}
