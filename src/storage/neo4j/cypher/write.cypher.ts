import { ACTIVE } from './edge.cypher';
import { cypher, type CypherQuery } from './cypher-query';

/**
 * The first statement of every write transaction: it bumps the graph version, and the
 * write lock it takes on the one GraphMeta node makes concurrent writers take turns, so
 * checks such as "no active edge makes this claim yet" cannot race.
 */
export function lockAndBumpVersion(): CypherQuery {
  return cypher("MERGE (m:GraphMeta {key: 'graph'}) SET m.version = coalesce(m.version, 0) + 1 RETURN m.version AS version");
}

export function idempotentEdge(key: string): CypherQuery {
  return cypher('MATCH (k:IdempotencyKey {key: $key}) RETURN k.edgeId AS edgeId', { key });
}

export function rememberIdempotencyKey(key: string, edgeId: string): CypherQuery {
  return cypher('CREATE (:IdempotencyKey {key: $key, edgeId: $edgeId})', { key, edgeId });
}

/** Another active edge making the same claim (from, to, polarity). */
export function activeTwin(edge: { id: string; fromId: string; toId: string; polarity: string }): CypherQuery {
  return cypher(
    `MATCH (:Entity {id: $fromId})-[r:CAUSES]->(:Entity {id: $toId})
     WHERE ${ACTIVE} AND r.polarity = $polarity AND r.id <> $id
     RETURN r.id AS id ORDER BY r.id LIMIT 1`,
    { id: edge.id, fromId: edge.fromId, toId: edge.toId, polarity: edge.polarity },
  );
}

export function edgeRevision(id: string): CypherQuery {
  return cypher('MATCH ()-[r:CAUSES {id: $id}]->() RETURN r.revision AS revision', { id });
}

export function sourceById(id: string): CypherQuery {
  return cypher('MATCH (s:Source {id: $id}) RETURN s {.id, .title, .author, .publishedOn, .language, .url} AS source', { id });
}

export function edgeRevisions(ids: readonly string[]): CypherQuery {
  return cypher(
    `UNWIND $ids AS id
     OPTIONAL MATCH ()-[r:CAUSES {id: id}]->()
     RETURN id, r.revision AS revision`,
    { ids },
  );
}

/** Claims (from, to, polarity) that more than one active edge makes, among the given ones. */
export function doubledClaims(claims: ReadonlyArray<{ fromId: string; toId: string; polarity: string }>): CypherQuery {
  return cypher(
    `UNWIND $claims AS c
     MATCH (:Entity {id: c.fromId})-[r:CAUSES]->(:Entity {id: c.toId})
     WHERE ${ACTIVE} AND r.polarity = c.polarity
     WITH c, collect(r.id) AS ids
     WHERE size(ids) > 1
     RETURN ids LIMIT 1`,
    { claims },
  );
}
