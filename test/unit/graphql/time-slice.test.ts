import { pauseIfDue, SLICE_MS } from '../../../src/graphql/time-slice';

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('time slicing of resolvers', () => {
  it('starts a slice with the first field of a turn: time spent idle does not count against it', async () => {
    await idle(3 * SLICE_MS);
    expect(pauseIfDue()).toBeUndefined();
  });

  it('pauses a run once it has lasted a slice; every field due then resumes on the next turn', async () => {
    await idle(1);
    expect(pauseIfDue()).toBeUndefined();
    busy(SLICE_MS + 2);
    const pause = pauseIfDue();
    expect(pause).toBeInstanceOf(Promise);
    // Every field due in the same run waits for the same turn.
    const second = pauseIfDue();
    let resumed = 0;
    await Promise.all([pause!.then(() => resumed++), second!.then(() => resumed++)]);
    expect(resumed).toBe(2);
  });
});
