import { ClusterChangeFeed, GAP_FILL_BATCH, type ChangeLogSource } from '../../../src/cluster/cluster-change-feed';
import type { GraphChange } from '../../../src/domain/model/graph-change.model';

const change = (version: number): GraphChange => ({
  version: String(version),
  kind: 'EDGE_UPDATED',
  at: '2026-01-01T00:00:00Z',
  edgeId: `e${version}`,
});

/** A change log like the database's: every version committed so far, some without an entry (a seed import). */
class Log implements ChangeLogSource {
  reads = 0;
  constructor(private readonly versions: number[]) {}
  changesSince(after: number, limit: number): Promise<GraphChange[]> {
    this.reads += 1;
    return Promise.resolve(
      this.versions
        .filter((v) => v > after)
        .slice(0, limit)
        .map(change),
    );
  }
}

function collect(feed: ClusterChangeFeed): number[] {
  const seen: number[] = [];
  feed.subscribe((c) => seen.push(Number(c.version)));
  return seen;
}

describe('the cluster change feed (this replica and the others, once each, in version order)', () => {
  it('delivers local and remote changes in version order, dropping duplicates and old versions, without reading the log', async () => {
    const log = new Log([]);
    const feed = new ClusterChangeFeed(log, 10);
    const seen = collect(feed);
    feed.offer(change(11));
    feed.offer(change(11)); // the same event twice (local publish and the channel)
    feed.offer(change(12));
    feed.offer(change(9)); // before the feed started
    await feed.settled();
    expect(seen).toEqual([11, 12]);
    expect(log.reads).toBe(0);
  });

  it('holds a change that overtook an earlier one, fills the gap from the log, and delivers both in order', async () => {
    const log = new Log([11, 12, 13]);
    const feed = new ClusterChangeFeed(log, 10);
    const seen = collect(feed);
    feed.offer(change(13)); // 11 and 12 were lost in a Redis blip
    await feed.settled();
    expect(seen).toEqual([11, 12, 13]);
    feed.offer(change(12)); // arrives late: already delivered
    await feed.settled();
    expect(seen).toEqual([11, 12, 13]);
  });

  it('catches up from the log when told the database version (no event at all), skipping versions the log does not hold', async () => {
    const log = new Log([11, 13]); // 12 was a seed import: a version without a change entry
    const feed = new ClusterChangeFeed(log, 10);
    const seen = collect(feed);
    feed.noteVersion(13);
    await feed.settled();
    expect(seen).toEqual([11, 13]);
    expect(feed.version).toBe(13);
  });

  it('reads a long gap in batches', async () => {
    const versions = Array.from({ length: GAP_FILL_BATCH * 2 + 5 }, (_, i) => i + 1);
    const log = new Log(versions);
    const feed = new ClusterChangeFeed(log, 0);
    const seen = collect(feed);
    feed.noteVersion(versions.length);
    await feed.settled();
    expect(seen).toEqual(versions);
    expect(log.reads).toBe(3);
  });

  it('keeps a gap it could not fill (log unreachable) and fills it on the next change', async () => {
    const errors: unknown[] = [];
    let down = true;
    const log: ChangeLogSource = {
      changesSince: (after) => (down ? Promise.reject(new Error('database down')) : new Log([11, 12, 13]).changesSince(after, 100)),
    };
    const feed = new ClusterChangeFeed(log, 10, (e) => errors.push(e));
    const seen = collect(feed);
    feed.offer(change(12));
    await feed.settled();
    expect(seen).toEqual([]);
    expect(errors).toHaveLength(1);
    down = false;
    feed.offer(change(13));
    await feed.settled();
    expect(seen).toEqual([11, 12, 13]);
  });
});
