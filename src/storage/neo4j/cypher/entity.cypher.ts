import type { EntitySearch } from '../../../application/ports/graph-reads.port';
import { cypher, type CypherQuery } from './cypher-query';
import { ACTIVE } from './edge.cypher';

const ENTITY_RETURN =
  'e {.id, .name, .kind, .measure, .description, .aliases, .revision} AS entity, head([(e)-[:PART_OF]->(p:Entity) | p.id]) AS partOf';

export function entitiesByIds(ids: readonly string[]): CypherQuery {
  return cypher(
    `UNWIND $ids AS id
     MATCH (e:Entity {id: id})
     RETURN ${ENTITY_RETURN}`,
    { ids },
  );
}

/**
 * The rank of an entity for a folded query, as domain/search/rank-entity defines it:
 * 0 an exact term, 1 a term starting with the query, 2 a term containing it, null no match.
 * Terms are folded in the application before they are stored, so both backends compare
 * the same strings.
 */
const RANK = `CASE
  WHEN $query IS NULL OR $query IN e.searchTerms THEN 0
  WHEN any(t IN e.searchTerms WHERE t STARTS WITH $query) THEN 1
  WHEN any(t IN e.searchTerms WHERE t CONTAINS $query) THEN 2
END`;

function searchParams(search: EntitySearch) {
  return { query: search.foldedQuery ?? null, kinds: search.kinds && search.kinds.length > 0 ? [...search.kinds] : null };
}

/** One page of matches ordered by rank then id, after the cursor key; asks for one extra row to tell if more follow. */
export function searchEntities(search: EntitySearch): CypherQuery {
  const [afterRank, afterId] = search.after ?? [null, null];
  return cypher(
    `MATCH (e:Entity)
     WHERE $kinds IS NULL OR e.kind IN $kinds
     WITH e, ${RANK} AS rank
     WHERE rank IS NOT NULL
       AND ($afterRank IS NULL OR rank > $afterRank OR (rank = $afterRank AND e.id > $afterId))
     WITH e, rank ORDER BY rank, e.id LIMIT toInteger($limit)
     RETURN ${ENTITY_RETURN}, rank`,
    { ...searchParams(search), afterRank, afterId, limit: search.first + 1 },
  );
}

export function countEntityMatches(search: EntitySearch): CypherQuery {
  return cypher(
    `MATCH (e:Entity)
     WHERE $kinds IS NULL OR e.kind IN $kinds
     WITH e, ${RANK} AS rank
     WHERE rank IS NOT NULL
     RETURN count(e) AS total`,
    searchParams(search),
  );
}

export function countGraph(): CypherQuery {
  return cypher(
    `CALL { MATCH (e:Entity) RETURN count(e) AS entities }
     CALL { MATCH ()-[r:CAUSES]->() WHERE ${ACTIVE} RETURN count(r) AS edges }
     RETURN entities, edges`,
  );
}

export function allEntities(): CypherQuery {
  return cypher(`MATCH (e:Entity) RETURN ${ENTITY_RETURN} ORDER BY e.id`);
}

/** Per id, its history (JSON), or null when there is no such entity. */
export function entityHistories(ids: readonly string[]): CypherQuery {
  return cypher(
    `UNWIND $ids AS id
     OPTIONAL MATCH (e:Entity {id: id})
     RETURN id, e.historyJson AS historyJson`,
    { ids },
  );
}
