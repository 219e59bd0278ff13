import {
  SEED_AUTHOR,
  SEED_CREATED_AT,
  historyOf,
  withProvenance,
  type CausalEdge,
  type EdgeRecord,
  type Entity,
  type RecordRevision,
  type Source,
} from '../../../domain/model/graph.model';
import { curatedRecordRevision } from '../../../domain/write/revise-record';
import { searchTerms } from '../../../domain/search/rank-entity';
import { cypher, type CypherQuery } from './cypher-query';

/**
 * Idempotent upserts in `UNWIND` batches: MERGE on the id, then SET the whole property map,
 * so loading the same records twice leaves the graph as it was.
 */

/** Sources with their histories (the seed's get their curated first revision). */
export function mergeSources(sources: ReadonlyArray<Source | { source: Source; history: readonly RecordRevision[] }>): CypherQuery {
  return cypher(
    `UNWIND $rows AS row
     MERGE (s:Source {id: row.id})
     SET s = row`,
    {
      rows: sources.map((item) => {
        const { source, history } =
          'source' in item ? item : { source: item, history: [curatedRecordRevision(SEED_CREATED_AT, SEED_AUTHOR)] };
        return withoutUndefined({ ...source, revision: history.at(-1)!.revision, historyJson: JSON.stringify(history) });
      }),
    },
  );
}

/** Entities with their histories (the seed's get their curated first revision). */
export function mergeEntities(entities: ReadonlyArray<Entity | { entity: Entity; history: readonly RecordRevision[] }>): CypherQuery {
  return cypher(
    `UNWIND $rows AS row
     MERGE (e:Entity {id: row.props.id})
     SET e = row.props
     WITH e, row
     OPTIONAL MATCH (e)-[old:PART_OF]->(:Entity)
     DELETE old
     WITH DISTINCT e, row
     OPTIONAL MATCH (p:Entity {id: row.partOf})
     FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (e)-[:PART_OF]->(p))`,
    {
      rows: entities.map((item) => {
        const { entity: e, history } =
          'entity' in item ? item : { entity: item, history: [curatedRecordRevision(SEED_CREATED_AT, SEED_AUTHOR)] };
        return {
          props: withoutUndefined({
            id: e.id,
            name: e.name,
            kind: e.kind,
            measure: e.measure,
            description: e.description,
            aliases: [...e.aliases],
            searchTerms: searchTerms(e),
            revision: history.at(-1)!.revision,
            historyJson: JSON.stringify(history),
          }),
          partOf: e.partOf ?? null,
        };
      }),
    },
  );
}

/**
 * Edges whose endpoints already exist (merge entities first, in the same or an earlier
 * transaction), each with its whole history (a record without one gets its curated first
 * revision).
 */
export function mergeEdges(edges: readonly EdgeRecord[]): CypherQuery {
  return cypher(
    `UNWIND $rows AS row
     MATCH (a:Entity {id: row.fromId}), (b:Entity {id: row.toId})
     MERGE (a)-[r:CAUSES {id: row.props.id}]->(b)
     SET r = row.props, r.lagDays = toInteger(row.props.lagDays), r.revision = toInteger(row.props.revision)
     RETURN count(r) AS merged`,
    { rows: edges.map((e) => ({ fromId: e.fromId, toId: e.toId, props: edgeProperties(withProvenance(e), historyOf(e)) })) },
  );
}

export function edgeProperties(edge: CausalEdge, history: readonly RecordRevision[]): Record<string, unknown> {
  return {
    id: edge.id,
    polarity: edge.polarity,
    weight: edge.weight,
    confidence: edge.confidence,
    lagDays: edge.lagDays,
    mechanism: edge.mechanism,
    evidenceSourceIds: edge.evidence.map((e) => e.sourceId),
    evidenceQuotes: edge.evidence.map((e) => e.quote),
    // A list property cannot hold nulls: '' stands for "no figure".
    evidenceFigures: edge.evidence.map((e) => e.figure ?? ''),
    status: edge.status,
    revision: edge.revision,
    createdBy: edge.createdBy,
    createdAt: edge.createdAt,
    // History is read and written whole, with the edge: one JSON property keeps it atomic.
    historyJson: JSON.stringify(history),
  };
}

function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
