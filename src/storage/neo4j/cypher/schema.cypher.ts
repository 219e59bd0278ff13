import { cypher, type CypherQuery } from './cypher-query';

/**
 * The graph's shape in Neo4j:
 *   (:Entity {id, name, kind, measure, description, aliases, searchTerms, revision, historyJson})
 *   (:Entity)-[:CAUSES {id, polarity, weight, confidence, lagDays, mechanism,
 *                        evidenceSourceIds, evidenceQuotes, evidenceFigures}]->(:Entity)
 *   (:Entity)-[:PART_OF]->(:Entity)
 *   (:Source {id, title, author, publishedOn, language, url, textSha256, revision, historyJson})
 *   (:SourceText {sha256, text}) — a source's full text, stored once however many sources carry it
 *   (:GraphMeta {key: 'graph', version})  — bumped by every write, so projections know they are behind
 *   (:GraphChange {version, kind, at, edgeId, entityId, sourceId}) — what each write changed, in commit
 *                                          order, so another process's projection catches up from it
 *   (:IdempotencyKey {key, edgeId, payloadDigest, createdAt}) — addEdge calls already answered
 * Evidence lives on the relationship as parallel lists (a property cannot hold maps).
 */
export function schemaStatements(): CypherQuery[] {
  return [
    cypher('CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE'),
    cypher('CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE'),
    cypher('CREATE CONSTRAINT causes_id IF NOT EXISTS FOR ()-[r:CAUSES]-() REQUIRE r.id IS UNIQUE'),
    cypher('CREATE CONSTRAINT source_text_sha256 IF NOT EXISTS FOR (t:SourceText) REQUIRE t.sha256 IS UNIQUE'),
    cypher('CREATE CONSTRAINT graph_meta_key IF NOT EXISTS FOR (m:GraphMeta) REQUIRE m.key IS UNIQUE'),
    cypher('CREATE CONSTRAINT idempotency_key IF NOT EXISTS FOR (k:IdempotencyKey) REQUIRE k.key IS UNIQUE'),
    cypher('CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind)'),
    cypher('CREATE CONSTRAINT graph_change_version IF NOT EXISTS FOR (c:GraphChange) REQUIRE c.version IS UNIQUE'),
    // The longest history is read from these in index order (the cost model prices `history` by it).
    cypher('CREATE INDEX entity_revision IF NOT EXISTS FOR (e:Entity) ON (e.revision)'),
    cypher('CREATE INDEX source_revision IF NOT EXISTS FOR (s:Source) ON (s.revision)'),
    cypher('CREATE INDEX causes_revision IF NOT EXISTS FOR ()-[r:CAUSES]-() ON (r.revision)'),
  ];
}

export function graphVersion(): CypherQuery {
  return cypher("OPTIONAL MATCH (m:GraphMeta {key: 'graph'}) RETURN coalesce(m.version, 0) AS version");
}

/**
 * The longest lists writers grow: each label's highest revision (read from its index), the
 * most quotes on one edge (one pass over the edges).
 */
export function longestLists(): CypherQuery {
  return cypher(
    `CALL {
       MATCH (e:Entity) WHERE e.revision IS NOT NULL RETURN e.revision AS n ORDER BY n DESC LIMIT 1
       UNION ALL
       MATCH (s:Source) WHERE s.revision IS NOT NULL RETURN s.revision AS n ORDER BY n DESC LIMIT 1
       UNION ALL
       MATCH ()-[r:CAUSES]->() WHERE r.revision IS NOT NULL RETURN r.revision AS n ORDER BY n DESC LIMIT 1
     }
     WITH coalesce(max(n), 0) AS history
     CALL { MATCH ()-[r:CAUSES]->() RETURN coalesce(max(size(r.evidenceQuotes)), 0) AS quotes }
     RETURN history, quotes`,
  );
}

export function bumpGraphVersion(): CypherQuery {
  return cypher("MERGE (m:GraphMeta {key: 'graph'}) SET m.version = coalesce(m.version, 0) + 1 RETURN m.version AS version");
}
