import { SOURCE_RETURN } from './source.cypher';
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

/** How many changes the log keeps: a projection further behind than this reloads whole. */
export const CHANGES_KEPT = 10_000;

/** Records what the write at `version` changed, and forgets changes too old to catch up from. */
export function logChange(
  version: number,
  kind: string,
  ids: { edgeId?: string; entityId?: string; sourceId?: string },
  at: string,
): CypherQuery {
  return cypher(
    `CREATE (:GraphChange {version: $version, kind: $kind, at: $at, edgeId: $edgeId, entityId: $entityId, sourceId: $sourceId})
     WITH 1 AS done
     MATCH (old:GraphChange) WHERE old.version <= $version - $kept
     DELETE old`,
    {
      version,
      kind,
      at,
      edgeId: ids.edgeId ?? null,
      entityId: ids.entityId ?? null,
      sourceId: ids.sourceId ?? null,
      kept: CHANGES_KEPT,
    },
  );
}

/** The changes after `version`, in commit order (at most `limit`). */
export function changesSince(version: number, limit: number): CypherQuery {
  return cypher(
    `MATCH (c:GraphChange) WHERE c.version > $version
     RETURN c.version AS version, c.kind AS kind, c.at AS at, c.edgeId AS edgeId, c.entityId AS entityId, c.sourceId AS sourceId
     ORDER BY c.version LIMIT toInteger($limit)`,
    { version, limit },
  );
}

export function idempotentEdge(key: string): CypherQuery {
  return cypher('MATCH (k:IdempotencyKey {key: $key}) RETURN k.edgeId AS edgeId, k.payloadDigest AS payloadDigest', { key });
}

export function rememberIdempotencyKey(key: string, edgeId: string, payloadDigest: string, createdAt: string): CypherQuery {
  return cypher('CREATE (:IdempotencyKey {key: $key, edgeId: $edgeId, payloadDigest: $payloadDigest, createdAt: $createdAt})', {
    key,
    edgeId,
    payloadDigest,
    createdAt,
  });
}

/** Forgets the keys remembered before `before` (ISO 8601; keys from before expiry was kept have no time and stay). */
export function expireIdempotencyKeys(before: string): CypherQuery {
  return cypher('MATCH (k:IdempotencyKey) WHERE k.createdAt < $before DELETE k', { before });
}

export function entityRevision(id: string): CypherQuery {
  return cypher('MATCH (e:Entity {id: $id}) RETURN e.revision AS revision', { id });
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
  return cypher(`MATCH (s:Source {id: $id}) RETURN ${SOURCE_RETURN}`, { id });
}

export function entityRevisions(ids: readonly string[]): CypherQuery {
  return cypher(
    `UNWIND $ids AS id
     OPTIONAL MATCH (e:Entity {id: id})
     RETURN id, e.revision AS revision`,
    { ids },
  );
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
