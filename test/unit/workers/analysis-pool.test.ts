import { HeavyWork } from '../../../src/application/heavy-work';
import { InProcessHeavyWorkLimiter } from '../../../src/application/heavy-work-limiter';
import { InlineRunner } from '../../../src/application/inline-runner';
import { AnalysisService } from '../../../src/application/analysis.service';
import { PropagationService } from '../../../src/application/propagation.service';
import { TooBusyError } from '../../../src/application/ports/heavy-work-limiter.port';
import type { AnalysisTask } from '../../../src/domain/analysis/analysis-task';
import { numericLoopQuery } from '../../../src/domain/analysis/feedback-loops';
import { Deadline, DeadlineExceededError, InvalidArgumentError } from '../../../src/domain/errors';
import type { CausalGraph } from '../../../src/domain/propagation/causal-graph';
import { CausalIndex } from '../../../src/domain/propagation/causal-index';
import { validateChannelsQuery } from '../../../src/domain/propagation/validate-channels-query';
import { validatePropagationQuery } from '../../../src/domain/propagation/validate-propagation-query';
import { validateResponseQuery } from '../../../src/domain/response/validate-response-query';
import { AnalysisPool } from '../../../src/workers/analysis-pool';
import { randomGraph } from '../../support/random-graph';

jest.setTimeout(60_000);

const { entityIds, edges } = randomGraph(15, 60, 240);
const index = CausalIndex.build(entityIds, edges);
const shocks = [{ entityId: entityIds[0], direction: 'UP' as const, magnitude: 1 }];

function tasks(graph: CausalGraph): AnalysisTask[] {
  return [
    {
      kind: 'propagate',
      query: {
        query: validatePropagationQuery(graph, {
          shocks,
          maxHops: 5,
          minStrength: 0.01,
          topPaths: 50,
          disable: { entities: [entityIds[3]] },
        }),
        baseline: true,
      },
    },
    {
      kind: 'channels',
      query: validateChannelsQuery(graph, { from: shocks[0], to: entityIds[7], maxHops: 5, minStrength: 0, topPaths: 20 }),
    },
    {
      kind: 'response',
      query: validateResponseQuery(graph, { shocks, horizonDays: 30, adjustmentDays: 5, samples: 8, seed: 3, disable: null }),
    },
    { kind: 'loops', query: numericLoopQuery(graph, { maxLength: 5, first: 10 }) },
    { kind: 'influence', query: { maxHops: 3, minStrength: 0.05 } },
  ];
}

/**
 * An answer as it arrives from a thread: structured-cloned. Under Jest, a test's typed
 * arrays belong to its sandbox and a clone's to Node's own realm, which toEqual tells apart;
 * cloning the expected answer too compares values alone.
 */
const cloned = <T>(value: T): T => structuredClone(value);

describe('the analysis pool', () => {
  let pool: AnalysisPool;
  beforeAll(() => {
    pool = new AnalysisPool({ threads: 2 });
  });
  afterAll(() => pool.close());

  it('gives the very answers the calling thread gives, for every kind of analysis', async () => {
    const graph = index.graph;
    const inline = new InlineRunner();
    for (const task of tasks(graph)) {
      const expected = await inline.run(graph, task, Deadline.NONE);
      await expect(pool.run(graph, task, Deadline.after(30_000))).resolves.toEqual(cloned(expected));
    }
  });

  it('runs on the version a task names, before and after a write', async () => {
    const before = index.graph;
    const after = index.apply({ upsert: [{ id: 'zz-new', fromId: entityIds[0], toId: entityIds[9], polarity: 'POSITIVE', weight: 0.95 }] });
    const [task] = tasks(after);
    const inline = new InlineRunner();
    const [onAfter, onBefore] = await Promise.all([
      pool.run(after, task, Deadline.NONE),
      pool.run(before, tasks(before)[0], Deadline.NONE),
    ]);
    expect(onAfter).toEqual(cloned(await inline.run(after, task, Deadline.NONE)));
    expect(onBefore).toEqual(cloned(await inline.run(before, tasks(before)[0], Deadline.NONE)));
    expect(onAfter).not.toEqual(onBefore);
  });

  it('brings the analysis errors back as they are', async () => {
    const big = CausalIndex.build(
      Array.from({ length: 30 }, (_, i) => `c${i}`),
      Array.from({ length: 30 * 29 }, (_, k) => {
        const from = Math.floor(k / 29);
        const to = (from + 1 + (k % 29)) % 30;
        return { id: `k${k}`, fromId: `c${from}`, toId: `c${to}`, polarity: 'POSITIVE' as const, weight: 1 };
      }),
    ).graph;
    const walk: AnalysisTask = {
      kind: 'propagate',
      query: {
        query: validatePropagationQuery(big, {
          shocks: [{ entityId: 'c0', direction: 'UP', magnitude: 1 }],
          maxHops: 8,
          minStrength: 0,
          topPaths: 10,
        }),
        baseline: false,
      },
    };
    const started = performance.now();
    await expect(pool.run(big, walk, Deadline.after(300))).rejects.toThrow(DeadlineExceededError);
    expect(performance.now() - started).toBeLessThan(2_000);

    const refused = pool.run(
      big,
      { kind: 'loops', query: { through: -1, includeProposed: false, maxLength: 8, first: 10 } },
      Deadline.after(30_000),
    );
    await expect(refused).rejects.toThrow(InvalidArgumentError);
  });

  it('terminates a thread whose task runs past the deadline, and answers again with a new one', async () => {
    const tight = new AnalysisPool({ threads: 1, graceMs: 0 });
    try {
      const graph = index.graph;
      const task = tasks(graph)[4];
      // Already past its deadline when sent: the abort comes before the thread can answer.
      const late = new Deadline(performance.now() - 1, 10);
      await expect(tight.run(graph, task, late)).rejects.toThrow(DeadlineExceededError);
      expect(tight.aborted).toBe(1);
      await expect(tight.run(graph, task, Deadline.after(30_000))).resolves.toEqual(
        cloned(await new InlineRunner().run(graph, task, Deadline.NONE)),
      );
      expect(tight.threads).toBe(1);
    } finally {
      await tight.close();
    }
  });

  it('serves the application services with the same answers as in line', async () => {
    const source = { causalGraph: () => Promise.resolve(index.graph), graphVersion: () => Promise.resolve('v') };
    const onPool = new HeavyWork(pool);
    const order = { deadline: Deadline.after(30_000), client: 'test' };
    const query = { shocks, maxHops: 4, minStrength: 0, topPaths: 30 };
    expect(await new PropagationService(source, onPool).propagate(query, false, order)).toEqual(
      await new PropagationService(source).propagate(query),
    );
    const loops = { maxLength: 4, first: 5 };
    expect(await new AnalysisService(source, [], onPool).feedbackLoops(loops, order)).toEqual(
      await new AnalysisService(source).feedbackLoops(loops),
    );
    const ranking = { maxHops: 3, minStrength: 0.1 };
    expect(await new AnalysisService(source, [], onPool).rankings(ranking, 5, order)).toEqual(
      await new AnalysisService(source).rankings(ranking, 5),
    );
  });
});

describe('the per-client limit on heavy work', () => {
  it('lets a client run its share, queues the next one briefly, then refuses with a time to retry', async () => {
    const limiter = new InProcessHeavyWorkLimiter({ perClient: 2, queueMs: 100 });
    const a1 = await limiter.acquire('a');
    const a2 = await limiter.acquire('a');
    expect(limiter.running('a')).toBe(2);
    // Another client is not held up by the first.
    const b1 = await limiter.acquire('b');

    // The third waits and gets the place the moment one is given back.
    const third = limiter.acquire('a');
    a1();
    const a3 = await third;
    expect(limiter.running('a')).toBe(2);

    // The fourth waits in vain: refused after queueMs, with Retry-After.
    const started = performance.now();
    const refusal = await limiter.acquire('a').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TooBusyError);
    expect((refusal as TooBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);

    a2();
    a3();
    a3(); // a second release is ignored
    b1();
    expect(limiter.running('a')).toBe(0);
    expect(limiter.running('b')).toBe(0);
  });

  it('holds an analysis back while its client is at the limit (HeavyWork)', async () => {
    const limiter = new InProcessHeavyWorkLimiter({ perClient: 1, queueMs: 50 });
    const heavy = new HeavyWork(new InlineRunner(), limiter);
    const held = await limiter.acquire('c');
    const task = tasks(index.graph)[3];
    await expect(heavy.run(index.graph, task, { deadline: Deadline.NONE, client: 'c' })).rejects.toThrow(TooBusyError);
    await expect(heavy.run(index.graph, task, { deadline: Deadline.NONE, client: 'd' })).resolves.toBeDefined();
    held();
  });
});
