import { cypher, type CypherQuery } from './cypher-query';

const SOURCE_RETURN = 's {.id, .title, .author, .publishedOn, .language, .url, .revision} AS source';

export function sourcesByIds(ids: readonly string[]): CypherQuery {
  return cypher(
    `UNWIND $ids AS id
     MATCH (s:Source {id: id})
     RETURN ${SOURCE_RETURN}`,
    { ids },
  );
}

export function allSources(): CypherQuery {
  return cypher(`MATCH (s:Source) RETURN ${SOURCE_RETURN} ORDER BY s.id`);
}

/** Per id, its history (JSON), or null when there is no such source. */
export function sourceHistories(ids: readonly string[]): CypherQuery {
  return cypher(
    `UNWIND $ids AS id
     OPTIONAL MATCH (s:Source {id: id})
     RETURN id, s.historyJson AS historyJson`,
    { ids },
  );
}
