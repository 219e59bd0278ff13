import { ChangeFanout } from '../application/change-fanout';
import type { ChangeFeed, ChangeListener } from '../application/ports/change-feed.port';
import type { GraphChange } from '../domain/model/graph-change.model';

/** At most this many changes read from the log per round trip when filling a gap. */
export const GAP_FILL_BATCH = 500;

/** Where missing changes come from: the database's change log, by version. */
export interface ChangeLogSource {
  changesSince(afterVersion: number, limit: number): Promise<GraphChange[]>;
}

/**
 * The graph's changes as one replica of several sees them: its own commits and the other
 * replicas' (from Redis), each delivered once, in version order. A version that has not
 * arrived when a later one does (an event lost in a Redis blip, or a local commit that
 * overtook a remote event) is read from the change log before the later one is delivered;
 * versions the log does not hold (a seed import) are skipped. Subscriptions and cache
 * invalidation listen here, as on a single process they listen to the store's own feed.
 */
export class ClusterChangeFeed implements ChangeFeed {
  private readonly fanout: ChangeFanout;
  private readonly pending = new Map<number, GraphChange>();
  private filling: Promise<void> | undefined;
  /** The newest version known to be committed (from events or the database). */
  private target: number;

  constructor(
    private readonly log: ChangeLogSource,
    /** The last version already delivered (or not to be delivered: the version at start). */
    private delivered: number,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.fanout = new ChangeFanout(onError);
    this.target = delivered;
  }

  subscribe(listener: ChangeListener): () => void {
    return this.fanout.subscribe(listener);
  }

  /** The last version delivered to listeners. */
  get version(): number {
    return this.delivered;
  }

  /** A change committed here or by another replica (duplicates and old versions are dropped). */
  offer(change: GraphChange): void {
    const version = Number(change.version);
    if (!Number.isSafeInteger(version) || version <= this.delivered) return;
    this.pending.set(version, change);
    this.target = Math.max(this.target, version);
    this.drain();
  }

  /** The database is at `version` (read by the periodic or reconnect catch-up): anything missing is read from the log. */
  noteVersion(version: number): void {
    if (version <= this.target) return;
    this.target = version;
    this.drain();
  }

  /** Resolves once nothing is waiting to be filled from the log (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.filling) await this.filling;
  }

  private drain(): void {
    this.deliverContiguous();
    if (this.delivered < this.target && !this.filling) {
      this.filling = this.fill()
        .catch(this.onError)
        .finally(() => {
          this.filling = undefined;
          // Whatever arrived meanwhile (or a log still unreachable: try again on the next event or catch-up).
          this.deliverContiguous();
        });
    }
  }

  private deliverContiguous(): void {
    for (let next = this.pending.get(this.delivered + 1); next; next = this.pending.get(this.delivered + 1)) {
      this.pending.delete(this.delivered + 1);
      this.delivered += 1;
      this.fanout.publish(next);
    }
  }

  /** Reads the log from the last delivered version up to the target, delivering in order. */
  private async fill(): Promise<void> {
    while (this.delivered < this.target) {
      const from = this.delivered;
      // Versions known before the read are committed, so the read sees them all.
      const goal = this.target;
      const changes = await this.log.changesSince(from, GAP_FILL_BATCH);
      for (const change of changes) {
        const version = Number(change.version);
        if (version > this.delivered && !this.pending.has(version)) this.pending.set(version, change);
      }
      // Every version up to the goal is visible to this read; one the log does not hold (a
      // seed import bumps the version without a change entry) is skipped.
      const upTo = changes.length === GAP_FILL_BATCH ? Math.min(goal, Number(changes.at(-1)!.version)) : goal;
      while (this.delivered < upTo) {
        const next = this.pending.get(this.delivered + 1);
        this.pending.delete(this.delivered + 1);
        this.delivered += 1;
        if (next) this.fanout.publish(next);
      }
      this.deliverContiguous();
      if (this.delivered === from) return; // no progress: leave it to the next event or catch-up
    }
  }
}
