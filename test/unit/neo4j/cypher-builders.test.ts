import { edgesAt, edgesByIds, listEdges } from '../../../src/storage/neo4j/cypher/edge.cypher';
import { countEntityMatches, entitiesByIds, searchEntities } from '../../../src/storage/neo4j/cypher/entity.cypher';
import { mergeEdges, mergeEntities, mergeSources } from '../../../src/storage/neo4j/cypher/import.cypher';
import { schemaStatements } from '../../../src/storage/neo4j/cypher/schema.cypher';
import { sourcesByIds } from '../../../src/storage/neo4j/cypher/source.cypher';
import { FIXTURE } from '../../support/fixture-graph';

const HOSTILE = '"}) DETACH DELETE n //';

describe('Cypher builders', () => {
  it('pass every value as a parameter, never in the statement text', () => {
    const hostileEntity = { ...FIXTURE.entities[0], id: HOSTILE, name: HOSTILE, aliases: [HOSTILE] };
    const hostileEdge = { ...FIXTURE.edges[0], id: HOSTILE, mechanism: HOSTILE, evidence: [{ sourceId: HOSTILE, quote: HOSTILE }] };
    const queries = [
      entitiesByIds([HOSTILE]),
      searchEntities({ foldedQuery: HOSTILE, first: 5, after: [1, HOSTILE] }),
      countEntityMatches({ foldedQuery: HOSTILE, first: 5 }),
      edgesByIds([HOSTILE]),
      edgesAt('out', [HOSTILE]),
      edgesAt('in', [HOSTILE]),
      listEdges(10, HOSTILE),
      sourcesByIds([HOSTILE]),
      mergeSources([{ id: HOSTILE, title: HOSTILE, language: HOSTILE }]),
      mergeEntities([hostileEntity]),
      mergeEdges([hostileEdge]),
    ];
    for (const query of queries) {
      expect(query.cypher).not.toContain('DETACH DELETE');
      expect(JSON.stringify(query.params)).toContain('DETACH DELETE');
    }
  });

  it('ask a search page for one row more than requested, after the cursor key, with no filter as null', () => {
    expect(searchEntities({ foldedQuery: 'boj', first: 2, after: [1, 'bank-of-japan'] }).params).toEqual({
      query: 'boj',
      kinds: null,
      afterRank: 1,
      afterId: 'bank-of-japan',
      limit: 3,
    });
    expect(searchEntities({ kinds: ['MARKET'], first: 50 }).params).toEqual({
      query: null,
      kinds: ['MARKET'],
      afterRank: null,
      afterId: null,
      limit: 51,
    });
    expect(listEdges(100, undefined).params).toEqual({ after: null, limit: 101 });
  });

  it('store folded search terms with each entity so both backends match the same strings', () => {
    const fed = FIXTURE.entities.find((e) => e.id === 'federal-reserve')!;
    const [row] = mergeEntities([fed]).params.rows as Array<{ props: { searchTerms: string[] }; partOf: string | null }>;
    expect(row.props.searchTerms).toEqual(['federal-reserve', 'federal reserve', 'fed', '美联储']);
    expect(row.partOf).toBeNull();
  });

  it('flatten evidence into parallel lists, with "" for a missing figure, and leave absent fields out', () => {
    const edge = {
      ...FIXTURE.edges[0],
      evidence: [
        { sourceId: 'a', quote: 'q1', figure: '63B' },
        { sourceId: 'b', quote: 'q2' },
      ],
    };
    const [row] = mergeEdges([edge]).params.rows as Array<{ props: Record<string, unknown> }>;
    expect(row.props).toMatchObject({ evidenceSourceIds: ['a', 'b'], evidenceQuotes: ['q1', 'q2'], evidenceFigures: ['63B', ''] });
    const [source] = mergeSources([{ id: 's', title: 'T', language: 'en' }]).params.rows as object[];
    expect(source).toEqual({
      id: 's',
      title: 'T',
      language: 'en',
      revision: 1,
      historyJson: expect.stringContaining('"action":"CREATED"'),
    });
  });

  it('declare uniqueness for every id and an index for kind filters', () => {
    const text = schemaStatements()
      .map((q) => q.cypher)
      .join('\n');
    for (const part of [
      '(e:Entity) REQUIRE e.id IS UNIQUE',
      '(s:Source) REQUIRE s.id IS UNIQUE',
      '()-[r:CAUSES]-() REQUIRE r.id IS UNIQUE',
      'ON (e.kind)',
    ]) {
      expect(text).toContain(part);
    }
  });
});
