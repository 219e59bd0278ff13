import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMisquotes } from '../../../src/storage/seed/check-quotes';
import { readSeed } from '../../../src/storage/seed/read-seed';
import { buildCoverageReport, inventoryRecall } from '../../../src/storage/seed/seed-report';

/** A seed folder with two sources, three entities a → b → c and two edges, plus the files given. */
function seedDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'seed-inventory-'));
  for (const folder of ['edges', 'entities', 'inventory']) mkdirSync(join(dir, folder));
  const all: Record<string, string> = {
    'sources.yaml': '- { id: src-a, title: A, language: en, file: a.txt }\n- { id: src-b, title: B, language: en, file: b.txt }\n',
    'entities/x.yaml': [
      '- { id: a, name: A, kind: MARKET, measure: up }',
      '- { id: b, name: B, kind: MARKET, measure: up }',
      '- { id: c, name: C, kind: MARKET, measure: up }',
      '',
    ].join('\n'),
    'edges/x.yaml': `
- { id: a-lifts-b, from: a, to: b, polarity: POSITIVE, weight: 0.5, confidence: 0.5, mechanism: A lifts B., evidence: [{ source: src-a, quote: "A lifts B" }] }
- { id: b-cuts-c, from: b, to: c, polarity: NEGATIVE, weight: 0.5, confidence: 0.5, mechanism: B cuts C., evidence: [{ source: src-a, quote: "B cuts C" }] }
`,
    ...files,
  };
  for (const [name, text] of Object.entries(all)) writeFileSync(join(dir, name), text);
  return dir;
}

const item = (id: string, body: string) => `- id: ${id}\n  source: src-a\n${body}\n`;
const COVERING =
  item('s1', '  quote: "When A rises, A lifts B"\n  from: { entity: a, moves: UP }\n  to: { entity: b, moves: UP }\n  edges: [a-lifts-b]') +
  item('s2', '  quote: "B cuts C"\n  from: { entity: b, moves: UP }\n  to: { entity: c, moves: DOWN }\n  edges: [b-cuts-c]');

const problemsOf = (dir: string): string => {
  try {
    readSeed(dir);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('the inventory of causal statements', () => {
  it('reads items that account for every edge quote', () => {
    const seed = readSeed(seedDir({ 'inventory/src-a.yaml': COVERING }));
    expect(seed.inventory.map((i) => [i.id, i.file, i.edgeIds])).toEqual([
      ['s1', 'inventory/src-a.yaml', ['a-lifts-b']],
      ['s2', 'inventory/src-a.yaml', ['b-cuts-c']],
    ]);
  });

  it('refuses an item that names an edge the graph does not have, naming the file and item', () => {
    const missing = item('s3', '  quote: "C"\n  from: { entity: a, moves: UP }\n  to: { entity: c, moves: UP }\n  edges: [a-lifts-c]');
    expect(problemsOf(seedDir({ 'inventory/src-a.yaml': COVERING + missing }))).toContain(
      'inventory/src-a.yaml: s3: names no edge (a-lifts-c)',
    );
  });

  it('refuses an edge quote that no item naming the edge quotes', () => {
    const onlyFirst = item(
      's1',
      '  quote: "A lifts B"\n  from: { entity: a, moves: UP }\n  to: { entity: b, moves: UP }\n  edges: [a-lifts-b]',
    );
    const message = problemsOf(seedDir({ 'inventory/src-a.yaml': onlyFirst }));
    expect(message).toContain('inventory/src-a.yaml: no item names edge b-cuts-c with the passage of its evidence[0]: "B cuts C"');
    expect(message).not.toContain('a-lifts-b');
    // The same passage under an item that names another edge does not account for it.
    const wrongEdge =
      onlyFirst + item('s2', '  quote: "B cuts C"\n  from: { entity: a, moves: UP }\n  to: { entity: b, moves: UP }\n  edges: [a-lifts-b]');
    expect(problemsOf(seedDir({ 'inventory/src-a.yaml': wrongEdge }))).toContain('no item names edge b-cuts-c');
  });

  it('refuses an item whose edges do not join its ends or give the moves it states', () => {
    const chain = (to: string, edges: string) =>
      item('s3', `  quote: "A lifts B"\n  from: { entity: a, moves: UP }\n  to: ${to}\n  edges: [${edges}]`);
    expect(problemsOf(seedDir({ 'inventory/src-a.yaml': COVERING + chain('{ entity: c, moves: DOWN }', 'a-lifts-b, b-cuts-c') }))).toBe('');
    expect(problemsOf(seedDir({ 'inventory/src-a.yaml': COVERING + chain('{ entity: c, moves: UP }', 'a-lifts-b, b-cuts-c') }))).toContain(
      'inventory/src-a.yaml: s3: says a UP → c UP, but a-lifts-b, b-cuts-c carry it to c DOWN',
    );
    expect(problemsOf(seedDir({ 'inventory/src-a.yaml': COVERING + chain('{ entity: c, moves: DOWN }', 'b-cuts-c') }))).toContain(
      'inventory/src-a.yaml: s3: edge b-cuts-c starts at b, not at a',
    );
    expect(problemsOf(seedDir({ 'inventory/src-a.yaml': COVERING + chain('{ entity: c, moves: DOWN }', 'a-lifts-b') }))).toContain(
      'inventory/src-a.yaml: s3: the edges end at b, not at c',
    );
  });

  it('refuses items filed under another source, unknown entities, both edges and a reason, and a reason without a note', () => {
    const dir = seedDir({
      'inventory/src-a.yaml':
        COVERING +
        item('s3', '  quote: "x"\n  from: { entity: nowhere }\n  to: { what: prices }\n  setAside: out-of-scope\n  note: n') +
        item(
          's4',
          '  quote: "x"\n  from: { entity: a, moves: UP }\n  to: { entity: b, moves: UP }\n  edges: [a-lifts-b]\n  setAside: out-of-scope',
        ) +
        item('s5', '  quote: "x"\n  from: { what: x }\n  to: { what: y }\n  setAside: magnitude-caveat'),
      'inventory/src-b.yaml': item('s6', '  quote: "x"\n  from: { what: x }\n  to: { what: y }\n  note: not yet modelled'),
    });
    const message = problemsOf(dir);
    expect(message).toMatch(/inventory\/src-a\.yaml: record 4 \(s4\): record: either `edges` or `setAside`, not both/);
    expect(message).toMatch(/inventory\/src-a\.yaml: record 5 \(s5\): record: a `note`/);
    const fixed = seedDir({
      'inventory/src-a.yaml':
        COVERING + item('s3', '  quote: "x"\n  from: { entity: nowhere }\n  to: { what: prices }\n  setAside: out-of-scope\n  note: n'),
      'inventory/src-b.yaml': item('s6', '  quote: "x"\n  from: { what: x }\n  to: { what: y }\n  note: not yet modelled'),
    });
    expect(problemsOf(fixed)).toContain('inventory/src-a.yaml: s3: from names no entity (nowhere)');
    expect(problemsOf(fixed)).toContain('inventory/src-b.yaml: s6: belongs in inventory/src-a.yaml');
  });

  it('checks every inventory quote verbatim against its article', () => {
    const seed = readSeed(seedDir({ 'inventory/src-a.yaml': COVERING }));
    const articles = mkdtempSync(join(tmpdir(), 'articles-'));
    writeFileSync(join(articles, 'a.txt'), 'When A rises, A lifts B. Then B cuts C.');
    writeFileSync(join(articles, 'b.txt'), '');
    expect(findMisquotes(seed, articles)).toEqual([]);
    writeFileSync(join(articles, 'a.txt'), 'A lifts B. Then B cuts C.');
    expect(findMisquotes(seed, articles)).toEqual([
      'inventory/src-a.yaml: s1: its quote is not verbatim in a.txt: "When A rises, A lifts B"',
    ]);
  });

  it('counts recall per article: modelled of modelled and open, set-aside items by reason', () => {
    const seed = readSeed(
      seedDir({
        'inventory/src-a.yaml':
          COVERING +
          item('s3', '  quote: "x"\n  from: { what: x }\n  to: { what: y }\n  setAside: negative-claim\n  note: says it does not') +
          item('s4', '  quote: "y"\n  from: { what: x }\n  to: { entity: c }\n  note: no edge from x yet'),
      }),
    );
    const recall = inventoryRecall(seed);
    expect(recall.get('src-a')).toEqual({
      statements: 4,
      modelled: 2,
      setAside: 1,
      open: 1,
      byReason: { 'negative-claim': 1, counterfactual: 0, 'magnitude-caveat': 0, 'out-of-scope': 0 },
      recall: 2 / 3,
    });
    expect(recall.get('src-b')).toMatchObject({ statements: 0, recall: 1 });
    const { markdown } = buildCoverageReport(seed, new Map());
    expect(markdown).toContain('| src-a | 4 | 2 | 1 | 1 | 66.7% | 1 / 0 / 0 / 0 |');
    expect(markdown).toContain('- src-a s4: "y" — no edge from x yet');
  });
});

describe('the chains of a seed', () => {
  const chains = (steps: string) => `- id: abc\n  title: A to C\n  source: src-a\n  steps: [${steps}]\n`;

  it('must hold edge by edge with the signs they state', () => {
    expect(problemsOf(seedDir({ 'chains.yaml': chains('{ a: UP }, { b: UP }, { c: DOWN }') }))).toBe('');
    const message = problemsOf(seedDir({ 'chains.yaml': chains('{ a: UP }, { b: DOWN }, { a: UP }') }));
    expect(message).toContain('chains.yaml: chain abc: a → b DOWN: no edge with that sign');
    expect(message).toContain('chains.yaml: chain abc: b → a UP: no edge');
  });
});
