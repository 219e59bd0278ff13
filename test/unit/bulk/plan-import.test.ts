import { planImport, type ImportFile } from '../../../src/application/bulk/plan-import';
import { withProvenance } from '../../../src/domain/model/graph.model';
import { FIXTURE } from '../../support/fixture-graph';

const graph = { entities: FIXTURE.entities, sources: FIXTURE.sources, edges: FIXTURE.edges.map(withProvenance) };
const stamp = { by: 'import:test', at: '2026-11-24T12:00:00.000Z' };
const asRecord = (e: (typeof graph.edges)[number]) => ({
  id: e.id,
  from: e.fromId,
  to: e.toId,
  polarity: e.polarity,
  weight: e.weight,
  confidence: e.confidence,
  lagDays: e.lagDays,
  mechanism: e.mechanism,
  evidence: e.evidence.map(({ sourceId, quote }) => ({ sourceId, quote })),
});
const file = (edges: ImportFile['edges'], more: Partial<ImportFile> = {}): ImportFile => ({ sources: [], entities: [], edges, ...more });
const NEW = {
  from: 'usd-jpy',
  to: 'ust-10y-yield',
  polarity: 'POSITIVE' as const,
  weight: 0.3,
  confidence: 0.3,
  lagDays: 0,
  mechanism: 'New.',
  evidence: [{ sourceId: 'great-unwind-2026', quote: 'q' }],
};

describe('planImport', () => {
  it('changes nothing when the file is the graph as exported', () => {
    const plan = planImport(file(graph.edges.map((e, i) => ({ at: `row ${i}`, record: asRecord(e) }))), graph, stamp, 'round trip');
    expect(plan).toEqual({
      rejected: [],
      batch: { sources: [], entities: [], edges: [] },
      summary: { created: 0, updated: 0, unchanged: graph.edges.length },
    });
  });

  it('turns a changed row into the next revision and a new row into a new edge, all in one batch', () => {
    const changed = { ...asRecord(graph.edges[0]), weight: 0.65 };
    const plan = planImport(
      file([
        { at: 'row 2', record: changed },
        { at: 'row 3', record: NEW },
      ]),
      graph,
      stamp,
      'imported from x.csv',
    );
    expect(plan.rejected).toEqual([]);
    expect(plan.summary).toEqual({ created: 1, updated: 1, unchanged: 0 });
    const [update, creation] = plan.batch.edges;
    expect(update).toMatchObject({ expectedRevision: 1, edge: { id: graph.edges[0].id, weight: 0.65, revision: 2 } });
    expect(update.revision).toMatchObject({
      by: 'import:test',
      action: 'UPDATED',
      reason: 'imported from x.csv',
      changes: [{ field: 'weight' }],
    });
    expect(creation).toMatchObject({
      expectedRevision: null,
      edge: { id: 'usd-jpy-lifts-ust-10y-yield', revision: 1, createdBy: 'import:test' },
    });
  });

  it('reports every record that cannot be applied, with where it is and why', () => {
    const plan = planImport(
      file([
        { at: 'row 2', record: { ...NEW, to: 'nowhere' } },
        { at: 'row 3', record: { ...NEW, weight: 2 } },
        { at: 'row 4', record: { ...asRecord(graph.edges[0]), to: 'usd-jpy', from: 'yen-carry-trade' } },
        { at: 'row 5', record: { ...NEW, from: 'yen-carry-trade', polarity: 'NEGATIVE', to: 'ust-10y-yield' } },
        { at: 'row 6', record: NEW },
        { at: 'row 7', record: { ...NEW, mechanism: 'Same claim again.' } },
      ]),
      graph,
      stamp,
      'x',
    );
    expect(plan.rejected).toEqual([
      'row 2 (edge usd-jpy → nowhere): input.to names no entity (got "nowhere"); add it with upsertEntity first',
      'row 3 (edge usd-jpy → ust-10y-yield): input.weight must be in (0, 1] (got 2)',
      expect.stringMatching(/^row 4 \(edge boj-hike-strengthens-yen\): from an edge's endpoints cannot change/),
      'row 5 (edge yen-carry-trade → ust-10y-yield): polarity makes the same claim (from, to, polarity) as active edge carry-unwind-sells-ust',
      'row 7 (edge usd-jpy → ust-10y-yield): polarity makes the same claim (from, to, polarity) as active edge usd-jpy-lifts-ust-10y-yield',
    ]);
  });

  it('lets a file add the entities and sources its edges use', () => {
    const plan = planImport(
      file([{ at: 'edges[0]', record: { ...NEW, to: 'gold', evidence: [{ sourceId: 'new-source', quote: 'q' }] } }], {
        entities: [
          { at: 'entities[0]', record: { id: 'gold', name: 'Gold', kind: 'ASSET', measure: 'The gold price rises.', aliases: ['黄金'] } },
        ],
        sources: [{ at: 'sources[0]', record: { id: 'new-source', title: 'New', language: 'en' } }],
      }),
      graph,
      stamp,
      'x',
    );
    expect(plan.rejected).toEqual([]);
    expect(plan.batch.entities.map((e) => e.entity.id)).toEqual(['gold']);
    expect(plan.batch.sources.map((s) => s.source.id)).toEqual(['new-source']);
    expect(plan.batch.edges.map((e) => e.edge.id)).toEqual(['usd-jpy-lifts-gold']);
  });
});
