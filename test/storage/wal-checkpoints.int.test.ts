import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import type { GraphWriterService as Writer } from '../../src/application/graph-writer.service';
import type { SqliteGraphStore as Store } from '../../src/storage/sqlite/sqlite-graph-store';
import { FIXTURE } from '../support/fixture-graph';

// The built store (`npm test` builds first): the checkpoint thread runs built JavaScript only.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built module, loaded at run time
const built = (path: string) => require(join(PROJECT_ROOT, 'dist', 'src', path)) as Record<string, any>;
const { SqliteGraphStore } = built('storage/sqlite/sqlite-graph-store.js') as { SqliteGraphStore: typeof Store };
const { GraphWriterService } = built('application/graph-writer.service.js') as { GraphWriterService: typeof Writer };

/**
 * WAL checkpoints run on a thread of their own, not in the commits: graph.db (which in WAL
 * mode changes only when a checkpoint copies pages into it) grows while the API is merely
 * writing, although the commits' own threshold is far away.
 */
describe('the embedded store checkpoints its WAL in the background', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'wal-checkpoints-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('copies committed writes into graph.db while the store only writes, and loses none of them', async () => {
    const store = await SqliteGraphStore.open({ dataDir, seed: FIXTURE });
    const file = join(dataDir, 'graph.db');
    try {
      // The commits checkpoint only past about 40 MB of WAL; these writes make about 1 MB.
      expect(
        (store as unknown as { db: { pragma(p: string, o: object): unknown } }).db.pragma('wal_autocheckpoint', { simple: true }),
      ).toBe(10_000);
      const writer = new GraphWriterService(store);
      const before = statSync(file).size;
      for (let i = 0; i < 250; i++) {
        await writer.addSource(
          { name: 'ada', role: 'researcher' },
          { id: `wal-source-${i}`, title: `A title long enough to fill pages ${i} `.repeat(50), language: 'en' },
        );
      }
      const deadline = Date.now() + 5_000;
      while (statSync(file).size <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(statSync(file).size).toBeGreaterThan(before + 500_000);
    } finally {
      await store.close(); // stops the thread first (a hang here fails the test by its timeout)
    }
    // Everything written is there after a reopen.
    const again = await SqliteGraphStore.open({ dataDir, seed: FIXTURE });
    try {
      expect((await again.listSources()).filter((s) => s.id.startsWith('wal-source-'))).toHaveLength(250);
    } finally {
      await again.close();
    }
  });
});
