import { traceChain, type Chain } from '../../../src/domain/model/trace-chain';
import { FIXTURE } from '../../support/fixture-graph';

const chain = (steps: Array<[string, 'UP' | 'DOWN']>, loop = false): Chain => ({
  id: 'c',
  title: 'C',
  sourceId: 'great-unwind-2026',
  loop,
  steps: steps.map(([entityId, moves]) => ({ entityId, moves })),
});

describe('traceChain', () => {
  it('follows each step along the edge whose polarity gives the stated move', () => {
    const traced = traceChain(
      chain([
        ['boj-policy-rate', 'UP'],
        ['yen-carry-trade', 'DOWN'],
        ['ust-10y-yield', 'UP'],
        ['fed-policy-rate', 'DOWN'],
      ]),
      FIXTURE.edges,
    );
    expect(traced.complete).toBe(true);
    expect(traced.steps.map((s) => s.edge?.id)).toEqual(['boj-hike-unwinds-carry', 'carry-unwind-sells-ust', 'yields-move-fed']);
    expect(traced.strength).toBeCloseTo(0.7 * 0.5 * 0.4, 12); // the NEGATIVE one of the two parallel carry → UST edges
  });

  it('reports a step the graph has with the other sign, and a step it lacks', () => {
    const traced = traceChain(
      chain([
        ['boj-policy-rate', 'UP'],
        ['usd-jpy', 'UP'],
        ['bank-of-japan', 'UP'],
      ]),
      FIXTURE.edges,
    );
    expect(traced.complete).toBe(false);
    expect(traced.steps.map((s) => s.problem)).toEqual(['wrong-sign', 'missing']);
  });

  it('closes a loop back to its first entity and calls it reinforcing or balancing by its NEGATIVE edges', () => {
    // carry ↓ → UST yield ↑ → Fed ↓ → carry ↓ : NEGATIVE, NEGATIVE, POSITIVE — back where it started.
    const loop = traceChain(
      chain(
        [
          ['yen-carry-trade', 'DOWN'],
          ['ust-10y-yield', 'UP'],
          ['fed-policy-rate', 'DOWN'],
        ],
        true,
      ),
      FIXTURE.edges,
    );
    expect(loop).toMatchObject({ complete: true, loopKind: 'REINFORCING' });
    expect(loop.steps.at(-1)).toMatchObject({
      fromId: 'fed-policy-rate',
      toId: 'yen-carry-trade',
      edge: { id: 'fed-tightening-feeds-carry' },
    });
    const notALoop = traceChain(
      chain(
        [
          ['yen-carry-trade', 'DOWN'],
          ['ust-10y-yield', 'UP'],
        ],
        true,
      ),
      FIXTURE.edges,
    );
    expect(notALoop.complete).toBe(false);
  });
});
