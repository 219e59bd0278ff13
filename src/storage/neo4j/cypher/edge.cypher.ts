import { cypher, type CypherQuery } from './cypher-query';

const EDGE_RETURN = `r {.id, .polarity, .weight, .confidence, .lagDays, .mechanism,
  .evidenceSourceIds, .evidenceQuotes, .evidenceFigures, .status, .revision, .createdBy, .createdAt, .historyJson,
  fromId: a.id, toId: b.id} AS edge`;

/** Lists see active edges only; a retracted or rejected edge is still found by its id. */
export const ACTIVE = "coalesce(r.status, 'ACTIVE') = 'ACTIVE'";
/** The causal index holds active edges and proposals (walked only when a query asks for them). */
export const INDEXED = "coalesce(r.status, 'ACTIVE') IN ['ACTIVE', 'PROPOSED']";

export function edgesByIds(ids: readonly string[]): CypherQuery {
  return cypher(
    `UNWIND $ids AS id
     MATCH (a:Entity)-[r:CAUSES {id: id}]->(b:Entity)
     RETURN ${EDGE_RETURN}`,
    { ids },
  );
}

/** Causal edges leaving (`out`) or arriving at (`in`) each of the entities, one row per edge. */
export function edgesAt(direction: 'out' | 'in', entityIds: readonly string[]): CypherQuery {
  const pattern = direction === 'out' ? '(a:Entity {id: id})-[r:CAUSES]->(b:Entity)' : '(a:Entity)-[r:CAUSES]->(b:Entity {id: id})';
  return cypher(
    `UNWIND $ids AS id
     MATCH ${pattern}
     WHERE ${ACTIVE}
     RETURN id AS key, ${EDGE_RETURN}
     ORDER BY key, edge.id`,
    { ids: entityIds },
  );
}

export function listEdges(first: number, after: string | undefined): CypherQuery {
  return cypher(
    `MATCH (a:Entity)-[r:CAUSES]->(b:Entity)
     WHERE ${ACTIVE} AND ($after IS NULL OR r.id > $after)
     WITH a, r, b ORDER BY r.id LIMIT toInteger($limit)
     RETURN ${EDGE_RETURN}`,
    { after: after ?? null, limit: first + 1 },
  );
}

export function allEdgesCount(): CypherQuery {
  return cypher(`MATCH ()-[r:CAUSES]->() WHERE ${ACTIVE} RETURN count(r) AS total`);
}

const LINK_RETURN = `r.id AS id, a.id AS fromId, b.id AS toId, r.polarity AS polarity, r.weight AS weight, r.lagDays AS lagDays,
  r.confidence AS confidence, coalesce(r.status, 'ACTIVE') AS status`;

/** What analyses need of every indexed causal edge: the projection the in-process index is built from. */
export function causalProjection(): CypherQuery {
  return cypher(
    `MATCH (a:Entity)-[r:CAUSES]->(b:Entity)
     WHERE ${INDEXED}
     RETURN ${LINK_RETURN}`,
  );
}

/** The same for some edges, whatever their status (a projection catching up). */
export function linksByIds(ids: readonly string[]): CypherQuery {
  return cypher(
    `UNWIND $ids AS id
     MATCH (a:Entity)-[r:CAUSES {id: id}]->(b:Entity)
     RETURN ${LINK_RETURN}`,
    { ids },
  );
}

export function allEntityIds(): CypherQuery {
  return cypher('MATCH (e:Entity) RETURN e.id AS id');
}

/** Every edge, retracted ones included (exports). */
export function allEdges(): CypherQuery {
  return cypher(`MATCH (a:Entity)-[r:CAUSES]->(b:Entity) RETURN ${EDGE_RETURN} ORDER BY r.id`);
}

/** Per id, its history (JSON), or null when there is no such edge. */
export function edgeHistories(ids: readonly string[]): CypherQuery {
  return cypher(
    `UNWIND $ids AS id
     OPTIONAL MATCH ()-[r:CAUSES {id: id}]->()
     RETURN id, r.historyJson AS historyJson`,
    { ids },
  );
}

/** Quotes citing a source on active or proposed edges: one row per edge, with its parallel evidence lists. */
export function quotesCiting(sourceId: string): CypherQuery {
  return cypher(
    `MATCH ()-[r:CAUSES]->()
     WHERE ${INDEXED} AND $sourceId IN r.evidenceSourceIds
     RETURN r.id AS edgeId, r.evidenceSourceIds AS sourceIds, r.evidenceQuotes AS quotes
     ORDER BY r.id`,
    { sourceId },
  );
}

/** PROPOSED edges, oldest first (createdAt, then id), after the key [createdAt, id]. */
export function listProposed(first: number, after: readonly [string, string] | undefined): CypherQuery {
  return cypher(
    `MATCH (a:Entity)-[r:CAUSES]->(b:Entity)
     WHERE r.status = 'PROPOSED' AND ($at IS NULL OR r.createdAt > $at OR (r.createdAt = $at AND r.id > $id))
     WITH a, r, b ORDER BY r.createdAt, r.id LIMIT toInteger($limit)
     RETURN ${EDGE_RETURN}`,
    { at: after?.[0] ?? null, id: after?.[1] ?? null, limit: first + 1 },
  );
}

export function proposedCount(): CypherQuery {
  return cypher("MATCH ()-[r:CAUSES]->() WHERE r.status = 'PROPOSED' RETURN count(r) AS total");
}
