import fc from 'fast-check';
import { withProvenance, type CausalEdge, type EdgeRecord } from '../../../src/domain/model/graph.model';
import { EdgeTable } from '../../../src/storage/memory/edge-table';

const record = (id: string, i: number): EdgeRecord => ({
  id,
  fromId: `n${i % 5}`,
  toId: `n${(i + 1) % 5}`,
  polarity: i % 3 === 0 ? 'NEGATIVE' : 'POSITIVE',
  weight: 0.1 + (i % 9) / 10,
  confidence: 0.5,
  lagDays: i % 4,
  mechanism: i % 2 === 0 ? 'Shared mechanism.' : `Mechanism ${i}.`,
  evidence:
    i % 4 === 0
      ? [
          { sourceId: 's1', quote: `q${i}`, figure: '3%' },
          { sourceId: 's2', quote: 'shared' },
        ]
      : [{ sourceId: 's1', quote: 'shared' }],
  ...(i % 7 === 0
    ? { status: 'RETRACTED' as const, revision: 2, createdBy: 'ada', createdAt: '2026-01-01T00:00:00.000Z', history: [] }
    : {}),
});

describe("EdgeTable (the embedded store's columns)", () => {
  it('answers like a map of whole edges: loaded rows, written edges shadowing them, new ones, in id order for the index', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { minLength: 0, maxLength: 30 }),
        fc.array(fc.tuple(fc.stringMatching(/^[a-z]{1,3}$/), fc.nat(50), fc.boolean()), { maxLength: 15 }),
        (ids, writes) => {
          const loaded = ids.map((id, i) => record(id, i));
          const table = new EdgeTable(loaded);
          const model = new Map<string, CausalEdge>(loaded.map((r) => [r.id, withProvenance(r)]));
          for (const [id, i, retract] of writes) {
            const edge = { ...withProvenance(record(id, i)), ...(retract ? { status: 'RETRACTED' as const } : {}) };
            table.set(edge);
            model.set(id, edge);
          }
          for (const id of [...model.keys(), 'missing']) {
            expect(table.get(id)).toEqual(model.get(id));
            expect(table.has(id)).toBe(model.has(id));
          }
          expect(table.size).toBe(model.size);
          const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
          expect([...table.values()].sort(byId)).toEqual([...model.values()].sort(byId));
          const active = [...model.values()].filter((e) => e.status === 'ACTIVE').sort(byId);
          expect(table.activeLinks().map((l) => [l.id, l.fromId, l.toId, l.polarity, l.weight, l.lagDays])).toEqual(
            active.map((e) => [e.id, e.fromId, e.toId, e.polarity, e.weight, e.lagDays]),
          );
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('refuses two loaded edges with one id', () => {
    expect(() => new EdgeTable([record('a', 1), record('a', 2)])).toThrow(/duplicate causal edge id a/);
  });
});
