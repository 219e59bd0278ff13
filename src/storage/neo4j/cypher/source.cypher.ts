import { cypher, type CypherQuery } from './cypher-query';

export const SOURCE_RETURN = 's {.id, .title, .author, .publishedOn, .language, .url, .textSha256, .revision} AS source';

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

/** Per source id with text, the text (stored once per SHA-256 as a SourceText node). */
export function sourceTexts(ids: readonly string[]): CypherQuery {
  return cypher(
    `UNWIND $ids AS id
     MATCH (s:Source {id: id})
     MATCH (t:SourceText {sha256: s.textSha256})
     RETURN id, t.text AS text`,
    { ids },
  );
}

/** Stores texts once per SHA-256: a text already stored is left as it is. */
export function mergeSourceTexts(rows: ReadonlyArray<{ sha256: string; text: string }>): CypherQuery {
  return cypher(
    `UNWIND $rows AS row
     MERGE (t:SourceText {sha256: row.sha256})
     ON CREATE SET t.text = row.text`,
    { rows },
  );
}

export function sourceRevision(id: string): CypherQuery {
  return cypher('MATCH (s:Source {id: $id}) RETURN s.revision AS revision', { id });
}
