import type { Database as Db } from 'better-sqlite3';

/** Every statement the store runs, prepared once per connection. */
export type Statements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Db) {
  const ids = 'SELECT value FROM json_each(?)';
  return {
    meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    insertChange: db.prepare('INSERT INTO changes (version, at, kind, edge_id, entity_id, source_id) VALUES (?, ?, ?, ?, ?, ?)'),
    allEntitiesForTerms: db.prepare('SELECT id, name, aliases FROM entities ORDER BY id'),
    entityKinds: db.prepare('SELECT id, kind FROM entities'),
    indexedEdges: db.prepare(
      "SELECT id, from_id, to_id, polarity, weight, lag_days, confidence, status FROM edges WHERE status IN ('ACTIVE', 'PROPOSED') ORDER BY id",
    ),
    entitiesByIds: db.prepare(`SELECT * FROM entities WHERE id IN (${ids})`),
    sourcesByIds: db.prepare(`SELECT * FROM sources WHERE id IN (${ids})`),
    edgesByIds: db.prepare(`SELECT * FROM edges WHERE id IN (${ids})`),
    outgoing: db.prepare(`SELECT * FROM edges WHERE from_id IN (${ids}) AND status = 'ACTIVE' ORDER BY id`),
    incoming: db.prepare(`SELECT * FROM edges WHERE to_id IN (${ids}) AND status = 'ACTIVE' ORDER BY id`),
    evidenceOf: db.prepare(`SELECT * FROM evidence WHERE edge_id IN (${ids}) ORDER BY edge_id, position`),
    headsOf: {
      entity: db.prepare(`SELECT id, head_hash FROM entities WHERE id IN (${ids})`),
      source: db.prepare(`SELECT id, head_hash FROM sources WHERE id IN (${ids})`),
      edge: db.prepare(`SELECT id, head_hash FROM edges WHERE id IN (${ids})`),
    },
    allRevisionsOf: db.prepare('SELECT * FROM revisions WHERE kind = ? ORDER BY record_id, revision'),
    revisionsOf: db.prepare(`SELECT * FROM revisions WHERE kind = ? AND record_id IN (${ids}) ORDER BY record_id, revision`),
    edgePage: db.prepare("SELECT * FROM edges WHERE status = 'ACTIVE' AND id > ? ORDER BY id LIMIT ?"),
    allEntities: db.prepare('SELECT * FROM entities ORDER BY id'),
    allSources: db.prepare('SELECT * FROM sources ORDER BY id'),
    allEdges: db.prepare('SELECT * FROM edges ORDER BY id'),
    entityHead: db.prepare('SELECT revision, head_hash FROM entities WHERE id = ?'),
    sourceHead: db.prepare('SELECT revision, head_hash FROM sources WHERE id = ?'),
    edgeHead: db.prepare('SELECT revision, head_hash FROM edges WHERE id = ?'),
    activeTwin: db.prepare("SELECT id FROM edges WHERE from_id = ? AND to_id = ? AND polarity = ? AND status = 'ACTIVE' AND id <> ?"),
    idempotencyKey: db.prepare('SELECT edge_id, payload_digest FROM idempotency_keys WHERE key = ?'),
    expireKeys: db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?'),
    insertKey: db.prepare('INSERT INTO idempotency_keys (key, edge_id, payload_digest, created_at) VALUES (?, ?, ?, ?)'),
    insertKeyIfNew: db.prepare('INSERT OR IGNORE INTO idempotency_keys (key, edge_id, payload_digest, created_at) VALUES (?, ?, ?, ?)'),
    longestHistory: db.prepare(
      `SELECT max(n) AS n FROM (SELECT max(revision) AS n FROM entities UNION ALL SELECT max(revision) FROM sources
         UNION ALL SELECT max(revision) FROM edges)`,
    ),
    mostQuotes: db.prepare('SELECT max(n) AS n FROM (SELECT count(*) AS n FROM evidence GROUP BY edge_id)'),
    insertRevision: db.prepare(
      'INSERT INTO revisions (kind, record_id, revision, at, by, action, changes, reason, hash) VALUES (@kind, @record_id, @revision, @at, @by, @action, @changes, @reason, @hash)',
    ),
    upsertEntity: db.prepare(
      `INSERT INTO entities (id, name, kind, measure, description, aliases, part_of, revision, head_hash, checksum)
       VALUES (@id, @name, @kind, @measure, @description, @aliases, @part_of, @revision, @head_hash, @checksum)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, measure = excluded.measure,
         description = excluded.description, aliases = excluded.aliases, part_of = excluded.part_of,
         revision = excluded.revision, head_hash = excluded.head_hash, checksum = excluded.checksum`,
    ),
    upsertSource: db.prepare(
      `INSERT INTO sources (id, title, author, published_on, language, url, revision, head_hash, text_sha256, checksum)
       VALUES (@id, @title, @author, @published_on, @language, @url, @revision, @head_hash, @text_sha256, @checksum)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, author = excluded.author, published_on = excluded.published_on,
         language = excluded.language, url = excluded.url, revision = excluded.revision, head_hash = excluded.head_hash,
         text_sha256 = excluded.text_sha256, checksum = excluded.checksum`,
    ),
    insertText: db.prepare('INSERT OR IGNORE INTO source_texts (sha256, text) VALUES (?, ?)'),
    textsOfSources: db.prepare(
      `SELECT s.id AS id, t.text AS text FROM sources s JOIN source_texts t ON t.sha256 = s.text_sha256 WHERE s.id IN (${ids})`,
    ),
    proposedPage: db.prepare(
      "SELECT * FROM edges WHERE status = 'PROPOSED' AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?",
    ),
    quotesCiting: db.prepare(
      `SELECT e.edge_id AS edgeId, e.quote AS quote FROM evidence e JOIN edges d ON d.id = e.edge_id
       WHERE e.source_id = ? AND d.status IN ('ACTIVE', 'PROPOSED') ORDER BY e.edge_id, e.position`,
    ),
    countProposed: db.prepare("SELECT count(*) AS n FROM edges WHERE status = 'PROPOSED'"),
    upsertEdge: db.prepare(
      `INSERT INTO edges (id, from_id, to_id, polarity, weight, confidence, lag_days, mechanism, status, revision, created_by, created_at, head_hash, checksum)
       VALUES (@id, @from_id, @to_id, @polarity, @weight, @confidence, @lag_days, @mechanism, @status, @revision, @created_by, @created_at, @head_hash, @checksum)
       ON CONFLICT (id) DO UPDATE SET from_id = excluded.from_id, to_id = excluded.to_id, polarity = excluded.polarity,
         weight = excluded.weight, confidence = excluded.confidence, lag_days = excluded.lag_days, mechanism = excluded.mechanism,
         status = excluded.status, revision = excluded.revision, head_hash = excluded.head_hash, checksum = excluded.checksum`,
    ),
    deleteEvidence: db.prepare('DELETE FROM evidence WHERE edge_id = ?'),
    evidenceCount: db.prepare('SELECT count(*) AS n FROM evidence WHERE edge_id = ?'),
    insertEvidence: db.prepare(
      'INSERT INTO evidence (edge_id, position, source_id, quote, figure) VALUES (@edge_id, @position, @source_id, @quote, @figure)',
    ),
  };
}
