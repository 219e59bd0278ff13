import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphBackend } from '../../../src/application/ports/graph-backend';
import { GraphWriterService } from '../../../src/application/graph-writer.service';
import type { CausalEdge } from '../../../src/domain/model/graph.model';
import { propagate } from '../../../src/domain/propagation/propagate';
import { backupDatabase, restoreDatabase } from '../../../src/storage/sqlite/sqlite-backup';
import { DATABASE_FILE, SqliteGraphStore } from '../../../src/storage/sqlite/sqlite-graph-store';
import { verifyStore } from '../../../src/storage/sqlite/sqlite-integrity';
import { FIXTURE } from '../../support/fixture-graph';

const RESEARCHER = { name: 'ada', role: 'admin' as const }; // an admin's writes are ACTIVE at once
const ADMIN = { name: 'grace', role: 'admin' as const };
const NEW_EDGE = {
  from: 'usd-jpy',
  to: 'ust-10y-yield',
  polarity: 'POSITIVE' as const,
  weight: 0.4,
  confidence: 0.5,
  lagDays: 3,
  mechanism: 'A stronger dollar makes Japanese holders sell Treasuries.',
  evidence: [{ sourceId: 'hayes-2024-nochu', quote: 'yields go up' }],
};

const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `${name}-`));
const open = (dataDir: string) => SqliteGraphStore.open({ dataDir, seed: FIXTURE });

/** A researcher's whole day on a store: an entity changed twice, a source, an edge added, corrected and retracted, an idempotent add. */
async function work(store: GraphBackend): Promise<CausalEdge> {
  const writer = new GraphWriterService(store);
  await writer.upsertEntity(RESEARCHER, { id: 'gold', name: 'Gold', kind: 'ASSET', measure: 'The gold price rises.', aliases: ['XAU'] });
  await writer.upsertEntity(RESEARCHER, { id: 'gold', name: 'Gold', kind: 'ASSET', measure: 'The price of gold in dollars rises.' });
  await writer.addSource(RESEARCHER, { id: 'new-note', title: 'A new note', language: 'en' });
  const edge = await writer.addEdge(RESEARCHER, NEW_EDGE, 'key-1');
  const updated = await writer.updateEdge(RESEARCHER, edge.id, { weight: 0.6 }, 1, 'stronger than I thought');
  await writer.retractEdge(ADMIN, updated.id, 'wrong', 2);
  return writer.addEdge(RESEARCHER, { ...NEW_EDGE, mechanism: 'Second attempt.' }, 'key-2');
}

async function everything(store: GraphBackend) {
  const graph = await store.exportGraph();
  return {
    ...graph,
    entityHistories: await store.getEntityHistories(graph.entities.map((e) => e.id)),
    sourceHistories: await store.getSourceHistories(graph.sources.map((s) => s.id)),
    counts: await store.counts(),
    version: await store.graphVersion(),
  };
}

/** Edits graph.db behind the API's back, as someone with the sqlite3 shell might. */
function tamper(dataDir: string, sql: string): void {
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.exec(sql);
  db.close();
}

describe('the embedded store on SQLite', () => {
  it('keeps every record, revision and idempotency key across a restart, and seeds only a new database', async () => {
    const dataDir = tempDir('sqlite-restart');
    const store = await open(dataDir);
    const second = await work(store);
    const before = await everything(store);
    await store.close();

    const reopened = await open(dataDir);
    try {
      expect(await everything(reopened)).toEqual(before);
      expect(before.entityHistories[before.entities.findIndex((e) => e.id === 'gold')].map((r) => r.revision)).toEqual([1, 2]);
      // The retracted edge is readable with its whole history; the replay of a key answers the first edge.
      const [retracted] = await reopened.getEdges(['usd-jpy-lifts-ust-10y-yield']);
      expect(retracted).toMatchObject({ status: 'RETRACTED', revision: 3 });
      const [history] = await reopened.getEdgeHistories(['usd-jpy-lifts-ust-10y-yield']);
      expect(history.map((h) => [h.action, h.by, h.reason ?? null])).toEqual([
        ['CREATED', 'ada', null],
        ['UPDATED', 'ada', 'stronger than I thought'],
        ['RETRACTED', 'grace', 'wrong'],
      ]);
      const replay = await new GraphWriterService(reopened).addEdge(RESEARCHER, { ...NEW_EDGE, mechanism: 'Second attempt.' }, 'key-2');
      expect(replay).toEqual(second);
    } finally {
      await reopened.close();
    }
  });

  it('updates the causal index write by write: the next walk sees a write, and a retraction leaves it', async () => {
    const store = SqliteGraphStore.inMemory(FIXTURE);
    const writer = new GraphWriterService(store);
    const query = {
      shocks: [{ entityId: 'usd-jpy', direction: 'UP' as const, magnitude: 1 }],
      maxHops: 1,
      minStrength: 0,
      topPaths: 50,
    };
    const reached = async () => propagate(await store.causalGraph(), query).impacts.map((i) => i.entityId);
    expect(await reached()).not.toContain('ust-10y-yield');
    const before = await store.causalGraph();
    const edge = await writer.addEdge(RESEARCHER, NEW_EDGE);
    expect(await reached()).toContain('ust-10y-yield');
    // The version a request already holds is left as it was.
    expect(propagate(before, query).impacts.map((i) => i.entityId)).not.toContain('ust-10y-yield');
    await writer.retractEdge(ADMIN, edge.id, 'no', 1);
    expect(await reached()).not.toContain('ust-10y-yield');
  });

  it('keeps storage linear in the work: 1,000 corrections of one edge add revisions, not copies of its history', async () => {
    const dataDir = tempDir('sqlite-growth');
    const store = await open(dataDir);
    const writer = new GraphWriterService(store);
    const edge = await writer.addEdge(RESEARCHER, NEW_EDGE);
    await store.close();
    const size = () => readdirSync(dataDir).reduce((sum, f) => sum + statSync(join(dataDir, f)).size, 0);
    const sizeBefore = size();
    const again = await open(dataDir);
    const writer2 = new GraphWriterService(again);
    for (let i = 1; i <= 1_000; i++) {
      const patch =
        i % 25 === 0 ? { addEvidence: [{ sourceId: 'hayes-2024-nochu', quote: `quote ${i}` }] } : { weight: 0.5 + (i % 7) / 20 };
      await writer2.updateEdge(RESEARCHER, edge.id, patch, i);
    }
    await again.close();
    // A few hundred bytes per correction; a copy of the history each time would be hundreds of megabytes.
    expect(size() - sizeBefore).toBeLessThan(1_000 * 1_000);
    const reopened = await open(dataDir);
    const [stored] = await reopened.getEdges([edge.id]);
    expect(stored).toMatchObject({ revision: 1_001 });
    expect(stored!.evidence).toHaveLength(41);
    expect((await reopened.getEdgeHistories([edge.id]))[0]).toHaveLength(1_001);
    await reopened.close();
  }, 60_000);

  it('refuses a second writer on the same data directory with a clear message, and lets it in once the first closes', async () => {
    const dataDir = tempDir('sqlite-lock');
    const first = await open(dataDir);
    await expect(open(dataDir)).rejects.toThrow(
      `${dataDir} is in use by another process (a running API, or npm run graph); stop it first, or write through the API`,
    );
    await first.close();
    const second = await open(dataDir);
    await second.close();
  });

  describe('a damaged file is never served', () => {
    it('names the file and the record when a quote was changed behind its back (a changed letter SQLite cannot see)', async () => {
      const dataDir = tempDir('sqlite-tamper-quote');
      await (await open(dataDir)).close();
      tamper(dataDir, "UPDATE evidence SET quote = quote || '!' WHERE edge_id = 'yields-move-fed'");
      await expect(open(dataDir)).rejects.toThrow(
        new RegExp(
          `${join(dataDir, DATABASE_FILE)} is damaged: the record checksums found 1 problem\\(s\\):\\n  - edge yields-move-fed: its fields or evidence do not match its checksum`,
        ),
      );
    });

    it('keeps a source text once with its SHA-256 across a restart, and finds a text or its hash changed behind its back', async () => {
      const dataDir = tempDir('sqlite-texts');
      const store = await open(dataDir);
      const writer = new GraphWriterService(store);
      const text = 'A short article: yields go up when the dollar strengthens.';
      await writer.addSource(RESEARCHER, { id: 'with-text', title: 'With text', language: 'en', text });
      // A second source with the very same text shares its one stored copy.
      await writer.setSourceText(RESEARCHER, 'hayes-2024-nochu', `${text}`, 1);
      await store.close();
      const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
      expect(db.prepare('SELECT count(*) AS n FROM source_texts').get()).toEqual({ n: 1 });
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      db.close();
      const reopened = await open(dataDir);
      expect(await reopened.getSourceTexts(['with-text', 'hayes-2024-nochu', 'great-unwind-2026'])).toEqual([text, text, undefined]);
      await reopened.close();
      tamper(dataDir, "UPDATE source_texts SET text = 'A short article: yields go down.'");
      await expect(open(dataDir)).rejects.toThrow(/source text [0-9a-f]{64}: its text does not match its SHA-256/);
      tamper(dataDir, `UPDATE source_texts SET text = '${text}'; UPDATE sources SET text_sha256 = NULL WHERE id = 'with-text'`);
      await expect(open(dataDir)).rejects.toThrow(/source with-text: its fields do not match its checksum/);
    });

    it('finds a changed title at start, and an edited or deleted revision when that history is read or checked', async () => {
      const dataDir = tempDir('sqlite-tamper-more');
      const store = await open(dataDir);
      await work(store);
      await store.close();
      tamper(dataDir, "UPDATE sources SET title = 'A new note!' WHERE id = 'new-note'");
      await expect(open(dataDir)).rejects.toThrow(/source new-note: its fields do not match its checksum/);
      tamper(
        dataDir,
        `UPDATE sources SET title = 'A new note' WHERE id = 'new-note';
         UPDATE revisions SET by = 'mallory' WHERE kind = 'edge' AND record_id = 'usd-jpy-lifts-ust-10y-yield' AND revision = 2;
         DELETE FROM revisions WHERE kind = 'entity' AND record_id = 'gold' AND revision = 1;`,
      );
      const reopened = await open(dataDir);
      try {
        await expect(reopened.getEdgeHistories(['usd-jpy-lifts-ust-10y-yield'])).rejects.toThrow(
          /edge usd-jpy-lifts-ust-10y-yield: revision 2 does not match its hash/,
        );
        await expect(reopened.getEntityHistories(['gold'])).rejects.toThrow(/entity gold: revision 1 is missing from its history/);
        // Histories nobody touched read as before.
        expect((await reopened.getEdgeHistories(['yields-move-fed']))[0]).toHaveLength(1);
      } finally {
        await reopened.close();
      }
      const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
      expect(() => verifyStore(db, 'graph.db', 'history')).toThrow(/the revision hash chains found 3 problem\(s\)/);
      db.close();
    });

    it('names the file and what PRAGMA quick_check found when pages are broken', async () => {
      const dataDir = tempDir('sqlite-broken-page');
      await (await open(dataDir)).close();
      const file = join(dataDir, DATABASE_FILE);
      // Scribble over the middle of the file, past the header, as a failing disk might.
      const fd = openSync(file, 'r+');
      const size = statSync(file).size;
      writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(size / 2 / 4096) * 4096 + 100);
      closeSync(fd);
      await expect(open(dataDir)).rejects.toThrow(new RegExp(`${file} is (damaged: PRAGMA quick_check found|damaged \\(SQLITE_CORRUPT)`));
    });
  });

  describe('the write log of an earlier version', () => {
    const line = (write: object) => `${JSON.stringify(write)}\n`;
    const legacyEdge = {
      ...NEW_EDGE,
      id: 'usd-jpy-lifts-ust-10y-yield',
      fromId: 'usd-jpy',
      toId: 'ust-10y-yield',
      evidence: NEW_EDGE.evidence,
      status: 'ACTIVE',
      revision: 1,
      createdBy: 'ada',
      createdAt: '2026-11-25T00:00:00.000Z',
      history: [{ revision: 1, at: '2026-11-25T00:00:00.000Z', by: 'ada', action: 'CREATED', changes: [] }],
    };

    it('is imported once, then kept aside under another name', async () => {
      const dataDir = tempDir('sqlite-legacy');
      writeFileSync(
        join(dataDir, 'writes.jsonl'),
        line({ op: 'source', source: { id: 'old-note', title: 'An old note', language: 'en' } }) +
          line({ op: 'edge', edge: legacyEdge, idempotencyKey: 'ada:old-key' }) +
          line({
            op: 'edge',
            edge: {
              ...legacyEdge,
              weight: 0.7,
              revision: 2,
              history: [
                ...legacyEdge.history,
                {
                  revision: 2,
                  at: '2026-11-26T00:00:00.000Z',
                  by: 'ada',
                  action: 'UPDATED',
                  changes: [{ field: 'weight', from: '0.4', to: '0.7' }],
                },
              ],
            },
          }),
      );
      const lines: string[] = [];
      const store = await SqliteGraphStore.open({ dataDir, seed: FIXTURE, log: (l) => lines.push(l) });
      try {
        const [edge] = await store.getEdges(['usd-jpy-lifts-ust-10y-yield']);
        expect(edge).toMatchObject({ weight: 0.7, revision: 2, createdBy: 'ada' });
        expect((await store.getEdgeHistories([edge!.id]))[0].map((h) => h.revision)).toEqual([1, 2]);
        expect((await store.getSources(['old-note']))[0]).toMatchObject({ title: 'An old note' });
        expect(existsSync(join(dataDir, 'writes.jsonl'))).toBe(false);
        expect(readdirSync(dataDir).filter((f) => f.startsWith('writes.jsonl.imported-'))).toHaveLength(1);
        expect(lines.join('\n')).toMatch(/imported 3 write\(s\) from .*writes\.jsonl/);
      } finally {
        await store.close();
      }
    });

    it('refuses to start on bad lines, listing each by line number, and writes nothing', async () => {
      const dataDir = tempDir('sqlite-legacy-bad');
      const log = join(dataDir, 'writes.jsonl');
      const text =
        line({ op: 'source', source: { id: 'old-note', title: 'An old note', language: 'en' } }) +
        line({ op: 'edge', edge: { ...legacyEdge, weight: 7 } }) +
        '{"op":"edge","edge": not json\n' +
        line({ op: 'edge', edge: { ...legacyEdge, id: 'other-edge', toId: 'no-such-entity' } });
      writeFileSync(log, text);
      let message = '';
      try {
        await open(dataDir);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/line 2: edge\.weight: /);
      expect(message).toMatch(/line 3: not JSON/);
      expect(message).not.toMatch(/line 1:/);
      expect(readFileSync(log, 'utf8')).toBe(text);
      // Nothing of the log reached the database.
      const store = await SqliteGraphStore.open({ dataDir: tempDir('unused'), seed: FIXTURE });
      await store.close();
      const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
      expect(db.prepare("SELECT count(*) AS n FROM sources WHERE id = 'old-note'").get()).toEqual({ n: 0 });
      db.close();
    });
  });

  it('backs up while the store goes on writing, and a restore into an empty directory gives back the very same graph', async () => {
    const dataDir = tempDir('sqlite-backup');
    const store = await open(dataDir);
    await work(store);
    const backupFile = join(tempDir('sqlite-backup-file'), 'graph.backup.db');
    const progress: number[] = [];
    const backedUp = backupDatabase(dataDir, backupFile, (done) => progress.push(done));
    const before = await everything(store);
    const { counts } = await backedUp;
    // A write after the backup is not in it.
    await new GraphWriterService(store).addSource(RESEARCHER, { id: 'after-backup', title: 'Later', language: 'en' });
    await store.close();
    expect(counts).toMatchObject({ entities: before.counts.entities });
    expect(progress.length).toBeGreaterThan(0);

    const restoredDir = tempDir('sqlite-restored');
    await restoreDatabase(backupFile, restoredDir, () => {});
    const restored = await open(restoredDir);
    try {
      expect(await everything(restored)).toEqual(before);
      // Idempotency keys came back too: the retried add answers the edge it made.
      const replay = await new GraphWriterService(restored).addEdge(RESEARCHER, { ...NEW_EDGE, mechanism: 'Second attempt.' }, 'key-2');
      expect(replay.mechanism).toBe('Second attempt.');
      expect((await restored.counts()).edges).toBe(before.counts.edges);
    } finally {
      await restored.close();
    }
    await expect(restoreDatabase(backupFile, restoredDir, () => {})).rejects.toThrow(/exists: restore into an empty DATA_DIR/);
  });
});
