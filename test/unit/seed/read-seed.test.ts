import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findGraphProblems } from '../../../src/domain/model/graph-snapshot';
import { readSeed, SeedError } from '../../../src/storage/seed/read-seed';
import { FIXTURE } from '../../support/fixture-graph';

function seedDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'seed-'));
  mkdirSync(join(dir, 'edges'));
  mkdirSync(join(dir, 'entities'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const SOURCES = '- { id: src-a, title: A, language: en }\n';
const ENTITIES = `
- { id: a, name: A, kind: MARKET, measure: up, aliases: [甲] }
- { id: b, name: B, kind: MARKET, measure: up }
`;
const edge = (over: string) => `
- id: a-to-b
  from: a
  to: b
  polarity: POSITIVE
  weight: 0.5
  confidence: 0.5
  mechanism: A moves B.
  evidence: [{ source: src-a, quote: "A moves B" }]
${over}`;

describe('readSeed', () => {
  it('reads sources, entities and edges into the domain model', () => {
    const seed = readSeed(seedDir({ 'sources.yaml': SOURCES, 'entities/x.yaml': ENTITIES, 'edges/x.yaml': edge('') }));
    expect(seed.edges).toEqual([
      {
        id: 'a-to-b',
        fromId: 'a',
        toId: 'b',
        polarity: 'POSITIVE',
        weight: 0.5,
        confidence: 0.5,
        lagDays: 0,
        mechanism: 'A moves B.',
        evidence: [{ sourceId: 'src-a', quote: 'A moves B', figure: undefined }],
      },
    ]);
    expect(seed.entities[0]).toMatchObject({ id: 'a', aliases: ['甲'] });
  });

  it('lists every problem at once, naming the file, record and field', () => {
    const bad = edge('')
      .replace('weight: 0.5', 'weight: 1.5')
      .replace('to: b', 'to: nowhere')
      .replace('polarity: POSITIVE', 'polarity: UPWARD');
    const dir = seedDir({
      'sources.yaml': SOURCES,
      'entities/x.yaml': ENTITIES + '- { id: Bad_Id, name: X, kind: MARKET, colour: red }\n',
      'edges/x.yaml': bad,
    });
    expect(() => readSeed(dir)).toThrow(SeedError);
    try {
      readSeed(dir);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/entities\/x\.yaml: record 3 \(Bad_Id\): .*colour/);
      expect(message).toMatch(/edges\/x\.yaml: record 1 \(a-to-b\): polarity: /);
    }
  });

  it('refuses a graph whose references or values break the domain rules', () => {
    const bad = edge('').replace('weight: 0.5', 'weight: 1.5').replace('to: b', 'to: nowhere');
    const dir = seedDir({ 'sources.yaml': SOURCES, 'entities/x.yaml': ENTITIES, 'edges/x.yaml': bad });
    expect(() => readSeed(dir)).toThrow(
      /edge a-to-b: to names no entity \(nowhere\)[^]*edge a-to-b: weight must be in \(0, 1\] \(got 1\.5\)/,
    );
  });
});

describe('graph rules', () => {
  it('refuse a second edge for the same claim and name the edge to merge into', () => {
    const twin = edge('').replace('id: a-to-b', 'id: a-to-b-again');
    const opposite = edge('').replace('id: a-to-b', 'id: a-against-b').replace('polarity: POSITIVE', 'polarity: NEGATIVE');
    const dir = seedDir({ 'sources.yaml': SOURCES, 'entities/x.yaml': ENTITIES, 'edges/x.yaml': edge('') + twin + opposite });
    expect(() => readSeed(dir)).toThrow(
      /edge a-to-b-again: repeats edge a-to-b \(same from, to and polarity\); merge its evidence into a-to-b/,
    );
    const withoutTwin = seedDir({ 'sources.yaml': SOURCES, 'entities/x.yaml': ENTITIES, 'edges/x.yaml': edge('') + opposite });
    expect(readSeed(withoutTwin).edges.map((e) => e.id)).toEqual(['a-to-b', 'a-against-b']);
  });
});

describe('the shared test fixture', () => {
  it('obeys the graph rules it is used to test', () => {
    expect(findGraphProblems(FIXTURE)).toEqual([]);
  });
});
