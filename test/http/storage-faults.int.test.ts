import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, healthy, startApi, type ApiProcess } from '../support/api-process';

/**
 * The embedded store's faults, each against a real graph.db and a real API process: a crash
 * in the middle of a stream of writes, a full disk, a second process on the same data, and
 * a damaged file.
 */
const TOKEN = 'faults-researcher-token';
const ADD_SOURCE = 'mutation($id: ID!, $title: String!) { addSource(input: { id: $id, title: $title, language: "en" }) { id } }';
const env = (dataDir: string) => ({ DATA_DIR: dataDir, API_TOKENS: `${TOKEN}:researcher`, RATE_LIMIT_PER_MINUTE: '0' });

async function sourceIds(base: string): Promise<Set<string>> {
  const { data } = await graphql(base, '{ sources { id } }');
  return new Set((data.sources as Array<{ id: string }>).map((s) => s.id));
}

async function stop(api: ApiProcess): Promise<void> {
  if (api.child.exitCode === null) api.child.kill('SIGKILL');
  await api.exited;
}

describe('the embedded store under faults', () => {
  it('keeps every acknowledged write when the API is killed (-9) in the middle of a stream of writes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faults-kill-'));
    const first = await startApi(env(dataDir));
    await healthy(first);
    const acknowledged: string[] = [];
    let stopped = false;
    // Eight writers at once, each writing until the process dies under it.
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !stopped; i++) {
        const id = `killed-stream-${w}-${i}`;
        try {
          const result = await graphql(first.base, ADD_SOURCE, { id, title: `Write ${w}/${i}` }, TOKEN, 5_000);
          if (result.data?.addSource?.id === id) acknowledged.push(id);
        } catch {
          return; // the connection died with the process
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1_500));
    first.child.kill('SIGKILL');
    stopped = true;
    await Promise.all(writers);
    await first.exited;
    expect(acknowledged.length).toBeGreaterThan(10);

    const second = await startApi(env(dataDir));
    try {
      await healthy(second);
      const stored = await sourceIds(second.base);
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await stop(second);
    }
  }, 90_000);

  it('refuses a second process on the same DATA_DIR with a clear message and a non-zero exit', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faults-second-'));
    const first = await startApi(env(dataDir));
    try {
      await healthy(first);
      const second = await startApi(env(dataDir));
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(
        /could not start: .* is in use by another process \(a running API, or npm run graph\); stop it first/,
      );
      // The first goes on serving and writing.
      expect((await graphql(first.base, ADD_SOURCE, { id: 'still-mine', title: 'Mine' }, TOKEN)).data.addSource.id).toBe('still-mine');
    } finally {
      await stop(first);
    }
  }, 60_000);

  it('refuses to start on a damaged graph.db, naming the file and what the checks found', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faults-damaged-'));
    const first = await startApi(env(dataDir));
    await healthy(first);
    first.child.kill('SIGTERM');
    await first.exited;
    const file = join(dataDir, 'graph.db');
    const db = new Database(file);
    db.exec("UPDATE evidence SET quote = replace(quote, '日本', '中国') WHERE edge_id = 'boj-tightening-raises-yen-funding-cost'");
    db.close();
    const tampered = await startApi(env(dataDir));
    expect(await tampered.exited).toBe(1);
    expect(tampered.output()).toMatch(
      new RegExp(
        `could not start: ${file} is damaged: the record checksums found 1 problem\\(s\\):\\\\n  - edge boj-tightening-raises-yen-funding-cost`,
      ),
    );

    // Broken pages: what SQLite's own check finds.
    const broken = mkdtempSync(join(tmpdir(), 'faults-pages-'));
    writeFileSync(join(broken, 'graph.db'), readFileSync(file));
    const fd = openSync(join(broken, 'graph.db'), 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(statSync(join(broken, 'graph.db')).size / 2 / 4096) * 4096);
    closeSync(fd);
    const damaged = await startApi(env(broken));
    expect(await damaged.exited).toBe(1);
    expect(damaged.output()).toMatch(/could not start: .*graph\.db is (damaged: PRAGMA quick_check found|damaged \(SQLITE_CORRUPT)/);
  }, 90_000);

  describe('a full disk (a small tmpfs as DATA_DIR)', () => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'faults-full-'));
    let mounted = false;
    beforeAll(() => {
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mountPoint]);
        mounted = true;
      } catch (error) {
        // Mounting needs root; CI runs as root, and there a failure must fail the test.
        if (process.env.CI === 'true') throw error;
      }
    });
    afterAll(() => {
      if (mounted) execFileSync('umount', ['-l', mountPoint]);
    });

    it('refuses a write it cannot store with a clear error, stores nothing of it, goes on reading, and writes again once there is room', async () => {
      if (!mounted) {
        console.warn('skipped: cannot mount a tmpfs here (not root)');
        return;
      }
      const dataDir = join(mountPoint, 'data');
      mkdirSync(dataDir);
      const api = await startApi(env(dataDir));
      const acknowledged: string[] = [];
      try {
        await healthy(api);
        // Fill the disk, leaving a few hundred kilobytes.
        const filler = join(mountPoint, 'filler');
        const free = Number(execFileSync('df', ['--output=avail', '-B1', mountPoint]).toString().split('\n')[1]);
        writeFileSync(filler, Buffer.alloc(Math.max(free - 300_000, 0)));
        let refusal: { message: string; extensions: { code: string } } | undefined;
        for (let i = 0; i < 2_000 && !refusal; i++) {
          const id = `full-disk-${i}`;
          const result = await graphql(
            api.base,
            ADD_SOURCE,
            { id, title: `A long title to fill the disk ${'x'.repeat(1_900)} ${i}` },
            TOKEN,
          );
          if (result.data?.addSource) acknowledged.push(id);
          else refusal = result.errors[0];
        }
        expect(refusal).toEqual({
          message:
            'The server has no room to store this write (its disk is full), so nothing of it was written. Reads still work; try again later.',
          path: ['addSource'],
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        });
        expect(acknowledged.length).toBeGreaterThan(0);
        // Reads go on, and the refused write is nowhere.
        const during = await sourceIds(api.base);
        expect(acknowledged.filter((id) => !during.has(id))).toEqual([]);
        expect(during.has(`full-disk-${acknowledged.length}`)).toBe(false);
        const { data } = await graphql(api.base, '{ propagate(shocks: [{ entityId: "boj-policy-rate" }]) { impacts { entity { id } } } }');
        expect(data.propagate.impacts.length).toBeGreaterThan(5);

        // Room again: the same write goes through, without a restart.
        rmSync(filler);
        const again = await graphql(api.base, ADD_SOURCE, { id: 'after-the-disk-was-freed', title: 'Room again' }, TOKEN);
        expect(again.data).toEqual({ addSource: { id: 'after-the-disk-was-freed' } });
        acknowledged.push('after-the-disk-was-freed');
      } finally {
        await stop(api);
      }
      const restarted = await startApi(env(dataDir));
      try {
        await healthy(restarted);
        const stored = await sourceIds(restarted.base);
        expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      } finally {
        await stop(restarted);
      }
    }, 120_000);
  });
});
