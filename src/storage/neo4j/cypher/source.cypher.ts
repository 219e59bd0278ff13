import { cypher, type CypherQuery } from './cypher-query';

const SOURCE_RETURN = 's {.id, .title, .author, .publishedOn, .language, .url} AS source';

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
