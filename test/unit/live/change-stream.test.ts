import { ChangeFanout } from '../../../src/application/change-fanout';
import { changeStream } from '../../../src/application/change-stream';
import type { GraphChange } from '../../../src/domain/model/graph-change.model';

const change = (version: number, edgeId?: string): GraphChange => ({
  version: String(version),
  kind: 'EDGE_UPDATED',
  at: '2026-01-01T00:00:00Z',
  edgeId,
});

describe('changeStream', () => {
  it('delivers the changes published after it was opened, in publish order, filtered', async () => {
    const feed = new ChangeFanout();
    feed.publish(change(1, 'a'));
    const stream = changeStream(feed, { filter: (c) => c.edgeId === 'a', maxQueued: 10, onOverflow: () => {} });
    const first = stream.next(); // waiting before anything is published
    feed.publish(change(2, 'a'));
    feed.publish(change(3, 'b'));
    feed.publish(change(4, 'a'));
    feed.publish(change(5, 'a'));
    const got = [await first, await stream.next(), await stream.next()].map((r) => r.value?.version);
    expect(got).toEqual(['2', '4', '5']);
  });

  it('stops listening to the feed when the reader returns', async () => {
    const feed = new ChangeFanout();
    const stream = changeStream(feed, { maxQueued: 10, onOverflow: () => {} });
    expect(feed.listenerCount).toBe(1);
    const pending = stream.next();
    await stream.return!();
    expect(feed.listenerCount).toBe(0);
    expect(await pending).toEqual({ value: undefined, done: true });
  });

  it('holds at most maxQueued changes: one more ends the stream, drops its queue and calls onOverflow once', async () => {
    const feed = new ChangeFanout();
    const onOverflow = jest.fn();
    const stream = changeStream(feed, { maxQueued: 3, onOverflow });
    for (let v = 1; v <= 3; v++) feed.publish(change(v));
    expect(onOverflow).not.toHaveBeenCalled();
    feed.publish(change(4));
    feed.publish(change(5));
    expect(onOverflow).toHaveBeenCalledTimes(1);
    expect(feed.listenerCount).toBe(0);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });
});
