import type { GraphChange } from '../domain/model/graph-change.model';
import type { ChangeFeed } from './ports/change-feed.port';

export interface ChangeStreamOptions {
  /** Which changes to deliver (all by default). */
  readonly filter?: (change: GraphChange) => boolean;
  /** Changes delivered but not yet taken that the stream may hold; one more and it ends. */
  readonly maxQueued: number;
  /** Called once when the reader fell `maxQueued` changes behind; the stream has ended by then. */
  readonly onOverflow: () => void;
}

/**
 * The feed's changes from now on, in publish order, as an async iterator (what a GraphQL
 * subscription returns). Its memory is bounded: a reader that falls more than `maxQueued`
 * changes behind is cut off (its queue dropped, `onOverflow` called) rather than buffered.
 * Ending the iteration (`return`) stops listening to the feed.
 */
export function changeStream(feed: ChangeFeed, options: ChangeStreamOptions): AsyncIterableIterator<GraphChange> {
  const queue: GraphChange[] = [];
  let waiting: ((result: IteratorResult<GraphChange>) => void) | undefined;
  let done = false;

  const finish = () => {
    if (done) return;
    done = true;
    unsubscribe();
    queue.length = 0;
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
  };

  const unsubscribe = feed.subscribe((change) => {
    if (done || (options.filter && !options.filter(change))) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: change, done: false });
      return;
    }
    if (queue.length >= options.maxQueued) {
      finish();
      options.onOverflow();
      return;
    }
    queue.push(change);
  });

  return {
    next(): Promise<IteratorResult<GraphChange>> {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return(): Promise<IteratorResult<GraphChange>> {
      finish();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error?: unknown): Promise<IteratorResult<GraphChange>> {
      finish();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
