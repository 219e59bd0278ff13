import { withProvenance, type CausalEdge, type Entity, type RecordRevision, type Source } from '../../domain/model/graph.model';
import type { CausalLink } from '../../domain/propagation/causal-graph';

/** Maps the maps the Cypher builders return to domain records; absent properties become undefined. */

type Row = Record<string, unknown>;

export function toEntity(row: Row, partOf: unknown): Entity {
  return {
    id: row.id as string,
    name: row.name as string,
    kind: row.kind as Entity['kind'],
    measure: optional(row.measure),
    description: optional(row.description),
    aliases: (row.aliases as string[] | null) ?? [],
    partOf: optional(partOf),
    revision: (row.revision as number | null) ?? 1,
  };
}

export function toSource(row: Row): Source {
  return {
    id: row.id as string,
    title: row.title as string,
    author: optional(row.author),
    publishedOn: optional(row.publishedOn),
    language: row.language as string,
    ...(row.url ? { url: row.url as string } : {}),
    ...(row.textSha256 ? { textSha256: row.textSha256 as string } : {}),
    revision: (row.revision as number | null) ?? 1,
  };
}

/** A record's history as stored (JSON), or the curated first revision of a record that has none. */
export function toHistory(json: unknown): RecordRevision[] {
  return typeof json === 'string' ? (JSON.parse(json) as RecordRevision[]) : [];
}

/** A row of the causal projection (cypher/edge.cypher.ts) as the propagation index takes it. */
export function toLink(row: Row): CausalLink {
  return {
    id: row.id as string,
    fromId: row.fromId as string,
    toId: row.toId as string,
    polarity: row.polarity as CausalEdge['polarity'],
    weight: row.weight as number,
    lagDays: row.lagDays as number,
    confidence: row.confidence as number,
    proposed: row.status === 'PROPOSED',
  };
}

export function toEdge(row: Row): CausalEdge {
  const sourceIds = (row.evidenceSourceIds as string[] | null) ?? [];
  const quotes = (row.evidenceQuotes as string[] | null) ?? [];
  const figures = (row.evidenceFigures as string[] | null) ?? [];
  return withProvenance({
    id: row.id as string,
    fromId: row.fromId as string,
    toId: row.toId as string,
    polarity: row.polarity as CausalEdge['polarity'],
    weight: row.weight as number,
    confidence: row.confidence as number,
    lagDays: row.lagDays as number,
    mechanism: row.mechanism as string,
    evidence: sourceIds.map((sourceId, i) => ({ sourceId, quote: quotes[i], figure: figures[i] || undefined })),
    status: (row.status as CausalEdge['status'] | null) ?? undefined,
    revision: (row.revision as number | null) ?? undefined,
    createdBy: optional(row.createdBy),
    createdAt: optional(row.createdAt),
  });
}

function optional(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : (value as string);
}
