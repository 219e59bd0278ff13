import { DEFAULTS, readState, sameQuery, toSearch, validTopPaths, type QueryState } from '../../../web/explorer/state';

describe('explorer URL state', () => {
  it('reads a shared URL back into the query it was written from', () => {
    const query: QueryState = {
      ...DEFAULTS,
      shock: 'boj-policy-rate',
      direction: 'DOWN',
      hops: 5,
      minStrength: 0.01,
      horizonDays: 30,
      topPaths: 250,
      disableEntities: ['fima-repo-facility', 'norinchukin'],
      disableEdges: ['e-1'],
    };
    const search = toSearch(query);
    expect(search).toBe(
      '?shock=boj-policy-rate&dir=DOWN&hops=5&min=0.01&horizon=30&paths=250&disable=fima-repo-facility,norinchukin&disableEdges=e-1',
    );
    expect(readState(search)).toEqual(query);
  });

  it('writes a scenario without the single shock and direction', () => {
    expect(toSearch({ ...DEFAULTS, scenario: 'srf-stealth-qe', shock: 'ignored' })).toBe(
      '?scenario=srf-stealth-qe&hops=3&min=0.05&paths=100',
    );
  });

  it('falls back to the defaults for values out of range, so a hand-edited URL still loads', () => {
    const state = readState('?shock=x&dir=sideways&hops=99&min=1.5&horizon=-3&paths=5000');
    expect(state).toMatchObject({ shock: 'x', direction: 'UP', hops: 8, minStrength: 0.05, horizonDays: null, topPaths: 100 });
    expect(readState('?shock=x&paths=2.5').topPaths).toBe(100);
    expect(readState('?shock=x&paths=0').topPaths).toBe(100);
  });

  it('accepts any path count in the API range 1..1000, not only the offered choices', () => {
    expect(readState('?shock=x&paths=1').topPaths).toBe(1);
    expect(readState('?shock=x&paths=1000').topPaths).toBe(1000);
    expect(readState('?shock=x&paths=333').topPaths).toBe(333);
    expect(validTopPaths(1001)).toBe(DEFAULTS.topPaths);
  });

  it('drops empty and repeated ids from the counterfactual lists', () => {
    expect(readState('?shock=x&disable=a,,b,a, c').disableEntities).toEqual(['a', 'b', 'c']);
  });

  it('compares queries by their URL', () => {
    expect(sameQuery(readState('?shock=x&hops=3'), readState('?hops=3&shock=x&dir=UP'))).toBe(true);
    expect(sameQuery(readState('?shock=x&paths=25'), readState('?shock=x&paths=50'))).toBe(false);
    expect(sameQuery(null, readState('?shock=x'))).toBe(false);
  });
});
