import type { Database } from 'better-sqlite3';

/**
 * The database's shape, one migration per schema version (PRAGMA user_version). Every rule
 * a single row must obey is a CHECK or a key, so no code path — a bug, a hand edit through
 * the sqlite3 shell — can store a weight of 7 or an edge from an entity that does not exist.
 * A migration is history: it spells its values out rather than reading today's constants.
 * Whole-record checksums and per-record revision hash chains (sqlite-records.ts) catch what
 * constraints cannot: a changed letter in a title or a quote.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE entities (
    id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('CENTRAL_BANK', 'GOVERNMENT', 'BANK', 'FUND', 'FACILITY', 'MARKET', 'INDICATOR', 'ASSET', 'POLICY', 'EVENT', 'OTHER')),
    measure TEXT,
    description TEXT,
    aliases TEXT NOT NULL CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
    part_of TEXT REFERENCES entities (id) CHECK (part_of IS NULL OR part_of <> id),
    revision INTEGER NOT NULL CHECK (revision >= 1),
    head_hash TEXT NOT NULL,
    checksum TEXT NOT NULL CHECK (length(checksum) = 44)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE sources (
    id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    author TEXT,
    published_on TEXT CHECK (published_on IS NULL OR published_on GLOB '[0-9][0-9][0-9][0-9]*'),
    language TEXT NOT NULL,
    url TEXT,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    head_hash TEXT NOT NULL,
    checksum TEXT NOT NULL CHECK (length(checksum) = 44)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE edges (
    id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
    from_id TEXT NOT NULL REFERENCES entities (id),
    to_id TEXT NOT NULL REFERENCES entities (id) CHECK (to_id <> from_id),
    polarity TEXT NOT NULL CHECK (polarity IN ('POSITIVE', 'NEGATIVE')),
    weight REAL NOT NULL CHECK (weight > 0 AND weight <= 1),
    confidence REAL NOT NULL CHECK (confidence > 0 AND confidence <= 1),
    lag_days INTEGER NOT NULL CHECK (lag_days BETWEEN 0 AND 3650),
    mechanism TEXT NOT NULL CHECK (length(trim(mechanism)) > 0 AND length(mechanism) <= 500),
    status TEXT NOT NULL CHECK (status IN ('PROPOSED', 'ACTIVE', 'REJECTED', 'RETRACTED')),
    revision INTEGER NOT NULL CHECK (revision >= 1),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    head_hash TEXT NOT NULL,
    checksum TEXT NOT NULL CHECK (length(checksum) = 44)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX edges_from ON edges (from_id, id);
  CREATE INDEX edges_to ON edges (to_id, id);
  -- One active edge per claim: a second source for a claim is more evidence on the first.
  CREATE UNIQUE INDEX edges_one_active_claim ON edges (from_id, to_id, polarity) WHERE status = 'ACTIVE';

  CREATE TABLE evidence (
    edge_id TEXT NOT NULL REFERENCES edges (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    source_id TEXT NOT NULL REFERENCES sources (id),
    quote TEXT NOT NULL CHECK (length(trim(quote)) > 0 AND length(quote) <= 300),
    figure TEXT,
    PRIMARY KEY (edge_id, position)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE revisions (
    kind TEXT NOT NULL CHECK (kind IN ('entity', 'source', 'edge')),
    record_id TEXT NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('CREATED', 'UPDATED', 'RETRACTED', 'ACCEPTED', 'REJECTED')),
    changes TEXT NOT NULL CHECK (json_valid(changes) AND json_type(changes) = 'array'),
    reason TEXT,
    hash TEXT NOT NULL CHECK (length(hash) = 44),
    PRIMARY KEY (kind, record_id, revision)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    edge_id TEXT NOT NULL REFERENCES edges (id),
    payload_digest TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;

  -- One row per accepted write, in commit order: what moved the graph to each version.
  CREATE TABLE changes (
    version INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    edge_id TEXT,
    entity_id TEXT,
    source_id TEXT
  ) STRICT;
  `,
  // 2: sources carry their text, stored once per distinct text under its SHA-256 (hex).
  // A source's checksum covers text_sha256 when it is set; the text's own row is checked
  // against its key at start-up.
  `
  CREATE TABLE source_texts (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0 AND length(text) <= 1000000)
  ) STRICT, WITHOUT ROWID;
  ALTER TABLE sources ADD COLUMN text_sha256 TEXT REFERENCES source_texts (sha256);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database to the current schema; refuses one written by a newer version of the API. */
export function migrate(db: Database, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`${file} has schema version ${current}, newer than this API knows (${SCHEMA_VERSION}); upgrade the API`);
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
