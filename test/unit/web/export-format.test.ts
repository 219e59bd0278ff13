import { answerJson, csvCell, exportFileName, impactsCsv, pathsCsv, toCsv } from '../../../web/explorer/export-format';
import { DEFAULTS } from '../../../web/explorer/state';
import { answer, impact, path } from './fixtures';

describe('exporting the answer', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const text of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvCell(text).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('BOJ policy rate')).toBe('BOJ policy rate');
    // Numbers are values, not text: a negative number stays a number.
    expect(csvCell(-0.5)).toBe('-0.5');
  });

  it('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=a,"b"')).toBe(`"'=a,""b"""`);
    expect(csvCell(null)).toBe('');
    expect(toCsv(['x', 'y'], [[1, true]])).toBe('x,y\r\n1,true\r\n');
  });

  it('writes every impact with whether it is drawn, and every listed path with its chain', () => {
    const hostile = answer({
      propagation: {
        impacts: [
          impact('b', 0.9, 1),
          { ...impact('c', 0.5, 2), entity: { id: 'c', name: '=cmd|calc' }, netEffect: -0.25, agreement: 0.2 },
        ],
        paths: [path(['a', 'b'], ['ab'], 0.9), path(['a', 'b', 'c'], ['ab', 'bc'], 0.5, 'DOWN')],
        comparison: null,
      },
    });
    expect(impactsCsv(hostile, new Set(['a', 'b'])).split('\r\n')).toEqual([
      'rank,entity_id,entity_name,direction,strength,hops,path_count,mixed,earliest_arrival_days,net_effect,agreement,drawn',
      '1,b,B,UP,0.9,1,1,false,0,0.9,1,true',
      "2,c,'=cmd|calc,UP,0.5,2,1,false,0,-0.25,0.2,false",
      '',
    ]);
    expect(pathsCsv(hostile).split('\r\n')).toEqual([
      'rank,strength,direction,hops,lag_days,entity_ids,edge_ids,explanation',
      '1,0.9,UP,1,0,a > b,ab,a → b',
      '2,0.5,DOWN,2,0,a > b > c,ab > bc,a → b → c',
      '',
    ]);
  });

  it('writes the whole answer as JSON with the shareable query string', () => {
    const parsed = JSON.parse(answerJson(answer())) as Record<string, unknown> & { query: { search: string }; paths: { hops: number }[] };
    expect(Object.keys(parsed)).toEqual(['query', 'shocks', 'impacts', 'paths', 'connectingPaths', 'comparison']);
    expect(parsed.query.search).toBe('?shock=a&dir=UP&hops=3&min=0.05&paths=100');
    expect(parsed.paths.map((p) => p.hops)).toEqual([1, 2, 1, 3, 1]);
  });

  it('names files after the query', () => {
    expect(exportFileName({ ...DEFAULTS, shock: 'boj-policy-rate' }, 'impacts', 'csv')).toBe('boj-policy-rate-up-3-hops-impacts.csv');
    expect(exportFileName({ ...DEFAULTS, scenario: 'srf-stealth-qe', hops: 4, disableEntities: ['x'] }, null, 'json')).toBe(
      'srf-stealth-qe-4-hops-counterfactual.json',
    );
  });
});
