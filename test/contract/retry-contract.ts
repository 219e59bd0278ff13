import type { GraphSnapshot } from '../../src/domain/model/graph-snapshot';
import { createEdge } from '../../src/domain/write/revise-edge';
import type { GraphBackend } from '../../src/application/ports/graph-backend';
import { FIXTURE } from '../support/fixture-graph';

const INPUT = {
  from: 'usd-jpy',
  to: 'fed-policy-rate',
  polarity: 'POSITIVE' as const,
  weight: 0.3,
  confidence: 0.4,
  lagDays: 0,
  mechanism: 'A retried write.',
  evidence: [{ sourceId: 'hayes-2024-nochu', quote: 'q' }],
};

/**
 * The store's side of "writes are idempotent when retried": the same creation arriving a
 * second time — as when the driver retries a transaction whose commit it never heard
 * about — answers the stored edge and writes nothing more; another writer's edge with the
 * same id is still refused.
 */
export function describeRetryContract(backend: string, open: (snapshot: GraphSnapshot) => Promise<GraphBackend>): void {
  describe(`retried writes (${backend})`, () => {
    it('answers a repeated creation with the stored edge, once, and refuses a different edge under the same id', async () => {
      const store = await open(FIXTURE);
      try {
        const { record: edge, revision } = createEdge('usd-jpy-lifts-fed-policy-rate', INPUT, {
          by: 'ada',
          at: '2026-11-24T10:00:00.000Z',
        });
        expect(await store.addEdge(edge, revision)).toEqual({ kind: 'created', edge });
        const again = await store.addEdge(edge, revision);
        expect(again.kind).toBe('replayed');
        expect(again.kind === 'replayed' && again.edge).toMatchObject({ id: edge.id, revision: 1, createdAt: edge.createdAt, weight: 0.3 });
        const before = await store.counts();

        // Someone else, later, choosing the same id: not a retry.
        const other = createEdge('usd-jpy-lifts-fed-policy-rate', INPUT, { by: 'grace', at: '2026-11-24T10:00:05.000Z' });
        expect(await store.addEdge(other.record, other.revision)).toEqual({ kind: 'id-taken' });
        expect(await store.counts()).toEqual(before);
        expect((await store.exportGraph()).edges.filter((e) => e.fromId === 'usd-jpy' && e.toId === 'fed-policy-rate')).toHaveLength(1);
      } finally {
        await store.close();
      }
    });
  });
}
