import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGraphFile, writeGraphFile } from '../../../src/application/bulk/graph-file';
import type { CausalEdge } from '../../../src/domain/model/graph.model';

const QUOTES = [
  '=HYPERLINK("http://evil.example","click")',
  '+1 basis point',
  '-0.5% on the day',
  '@SUM(A1:A9)',
  "'=already quoted",
  'plain text',
];

const edge = {
  id: 'boj-policy-rate-lifts-usd-jpy',
  fromId: 'boj-policy-rate',
  toId: 'usd-jpy',
  polarity: 'NEGATIVE',
  weight: 0.5,
  confidence: 0.5,
  lagDays: 1,
  mechanism: '-carry unwinds sell dollars for yen.',
  evidence: QUOTES.map((quote) => ({ sourceId: 'great-unwind-2026', quote })),
  status: 'ACTIVE',
} as unknown as CausalEdge;

describe('the CSV edge file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'graph-file-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes no cell a spreadsheet would run as a formula, and reads the same texts back', () => {
    const path = join(dir, 'edges.csv');
    writeGraphFile(path, { sources: [], entities: [], edges: [edge] });
    const cells = readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .flatMap((line) => line.split(',').map((cell) => cell.replace(/^"/, '')));
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    expect(cells).toContain(`'=HYPERLINK(""http://evil.example""`);
    expect(cells).toContain("'-0.5% on the day");
    const { file, rejected } = readGraphFile(path);
    expect(rejected).toEqual([]);
    expect(file.edges).toHaveLength(1);
    expect(file.edges[0].record).toMatchObject({
      mechanism: edge.mechanism,
      evidence: QUOTES.map((quote) => ({ sourceId: 'great-unwind-2026', quote })),
    });
  });
});
