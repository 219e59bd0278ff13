import {
  CHART_DEFAULT,
  CHART_MAX,
  channelTarget,
  chartGeometry,
  dayStep,
  DEFAULT_IMPACT_SORT,
  defaultChartIds,
  formatShare,
  formatSigned,
  levelsOn,
  nextSort,
  sortImpacts,
  toggleChartId,
} from '../../../web/explorer/answer-views';
import type { EntityResponse, Impact } from '../../../web/explorer/model';
import { impact } from './fixtures';

/** b strongest but split; c weaker and unanimous DOWN; d weakest with the largest net. */
const IMPACTS: Impact[] = [
  { ...impact('b', 0.9, 1, 3), netEffect: 0.2, agreement: 0.15 },
  { ...impact('c', 0.6, 2, 1, 'DOWN'), netEffect: -0.6, agreement: 1 },
  { ...impact('d', 0.4, 3, 4), netEffect: 1.1, agreement: 0.9 },
  { ...impact('e', 0.4, 2, 1), netEffect: 0.4, agreement: 1 },
];
const ids = (impacts: Impact[]) => impacts.map((i) => i.entity.id);

function responseOf(id: string, series: number[], level: number, band: EntityResponse['band'] = null): EntityResponse {
  let peakDay = 0;
  series.forEach((v, day) => {
    if (Math.abs(v) > Math.abs(series[peakDay])) peakDay = day;
  });
  return { entity: { id, name: id.toUpperCase() }, level, direction: level > 0 ? 'UP' : level < 0 ? 'DOWN' : null, series, peakDay, band };
}

describe('the answer views: impacts', () => {
  it('keeps the API order by default and sorts net effect by its size, either sign', () => {
    expect(ids(sortImpacts(IMPACTS, DEFAULT_IMPACT_SORT))).toEqual(['b', 'c', 'd', 'e']);
    expect(ids(sortImpacts(IMPACTS, { key: 'netEffect', order: 'desc' }))).toEqual(['d', 'c', 'e', 'b']);
    expect(ids(sortImpacts(IMPACTS, { key: 'netEffect', order: 'asc' }))).toEqual(['b', 'e', 'c', 'd']);
  });

  it('breaks ties by the API order whichever way it sorts, and leaves the input alone', () => {
    const input = [...IMPACTS];
    // c and e agree fully: c comes first in the API's order, both ways.
    expect(ids(sortImpacts(input, { key: 'agreement', order: 'desc' }))).toEqual(['c', 'e', 'd', 'b']);
    expect(ids(sortImpacts(input, { key: 'agreement', order: 'asc' }))).toEqual(['b', 'd', 'c', 'e']);
    expect(ids(sortImpacts(input, { key: 'name', order: 'asc' }))).toEqual(['b', 'c', 'd', 'e']);
    expect(input).toEqual(IMPACTS);
  });

  it('flips the order on a second click and starts a new column descending (names ascending)', () => {
    const byNet = nextSort(DEFAULT_IMPACT_SORT, 'netEffect');
    expect(byNet).toEqual({ key: 'netEffect', order: 'desc' });
    expect(nextSort(byNet, 'netEffect')).toEqual({ key: 'netEffect', order: 'asc' });
    expect(nextSort(byNet, 'name')).toEqual({ key: 'name', order: 'asc' });
  });

  it('shows signed figures with a true minus and agreement as a share', () => {
    expect(formatSigned(0.7476)).toBe('+0.75');
    expect(formatSigned(-0.162)).toBe('−0.16');
    expect(formatSigned(-0.001)).toBe('0.00');
    expect(formatSigned(0.5, 1)).toBe('+0.5');
    expect(formatShare(0.49986)).toBe('50%');
    expect(formatShare(1)).toBe('100%');
  });
});

describe('the answer views: channels', () => {
  it('asks about the selected entity when the answer reaches it, else the strongest one that is not a shock', () => {
    const shocks = new Set(['a']);
    expect(channelTarget(IMPACTS, shocks, 'd')).toBe('d');
    expect(channelTarget(IMPACTS, shocks, 'zz')).toBe('b');
    expect(channelTarget(IMPACTS, new Set(['b']), null)).toBe('c');
    expect(channelTarget(IMPACTS, shocks, 'a')).toBe('b');
    expect(channelTarget([], shocks, null)).toBeNull();
  });
});

describe('the answer views: response', () => {
  const entities = [
    responseOf('x', [0, 0.4, 0.8, 0.6], 0.6, { p05: 0.3, p50: 0.6, p95: 0.9, sameSign: 1 }),
    responseOf('y', [0, -0.1, -0.3, -0.35], -0.35, { p05: -0.5, p50: -0.35, p95: 0.05, sameSign: 0.9 }),
    responseOf('z', [0, 0, 0.1, 0.1], 0.1),
    responseOf('w', [0, 0, 0, 0.05], 0.05),
  ];

  it('draws the selected entity first, then the largest, up to the default count', () => {
    expect(defaultChartIds(entities, null)).toEqual(['x', 'y', 'z'].slice(0, CHART_DEFAULT));
    expect(defaultChartIds(entities, 'w')).toEqual(['w', 'x', 'y'].slice(0, CHART_DEFAULT));
    expect(defaultChartIds(entities, 'not-moving')).toEqual(['x', 'y', 'z'].slice(0, CHART_DEFAULT));
  });

  it('adds and removes entities, dropping the oldest past the maximum', () => {
    expect(toggleChartId(['x', 'y'], 'y')).toEqual(['x']);
    expect(toggleChartId(['x'], 'y')).toEqual(['x', 'y']);
    const full = Array.from({ length: CHART_MAX }, (_, i) => `e${i}`);
    const next = toggleChartId(full, 'new');
    expect(next).toHaveLength(CHART_MAX);
    expect(next[0]).toBe('e1');
    expect(next.at(-1)).toBe('new');
  });

  it('places days left to right, levels bottom to top, with the range covering the series and the bands', () => {
    const box = { width: 400, height: 200, margin: { top: 10, right: 40, bottom: 30, left: 40 } };
    const g = chartGeometry(entities.slice(0, 2), box);
    // Lowest point is y's band at −0.5, highest x's band at 0.9.
    expect(g.yMin).toBe(-0.5);
    expect(g.yMax).toBe(0.9);
    expect(g.dayX(0)).toBe(40);
    expect(g.dayX(3)).toBe(360);
    expect(g.plotRight).toBe(360);
    const [x, y] = g.lines;
    // One point per day, the first a move.
    expect(x.d.split(' L')).toHaveLength(4);
    expect(x.d.startsWith('M40 ')).toBe(true);
    // Peak of x on day 2 at 0.8: higher on screen than its steady state 0.6, which is above the zero line.
    expect(x.peak).toMatchObject({ day: 2, level: 0.8, x: g.dayX(2) });
    expect(x.peak.y).toBeLessThan(x.steady.y);
    expect(x.steady.y).toBeLessThan(g.zeroY);
    expect(y.steady.y).toBeGreaterThan(g.zeroY);
    // The band runs from p05 (lower on screen) to p95, around the steady state.
    expect(x.steady.band!.y05).toBeGreaterThan(x.steady.y);
    expect(x.steady.band!.y95).toBeLessThan(x.steady.y);
    // Top of the plot is yMax, bottom yMin.
    expect(x.steady.band!.y95).toBeCloseTo(10 + ((170 - 10) * (0.9 - 0.9)) / 1.4, 1);
    expect(y.steady.band!.y05).toBeCloseTo(170, 1);
    expect(g.steadyX).toBeGreaterThan(g.plotRight);
    expect(g.yTicks.map((t) => t.level)).toContain(0);
    expect(g.xTicks[0]).toEqual({ x: 40, day: 0 });
  });

  it('keeps zero in range when everything moves one way, and draws entities without a band', () => {
    const g = chartGeometry([entities[2]], { width: 300, height: 150, margin: { top: 0, right: 0, bottom: 0, left: 0 } });
    expect(g.yMin).toBe(0);
    expect(g.yMax).toBeCloseTo(0.1);
    expect(g.zeroY).toBe(150);
    expect(g.lines[0].steady.band).toBeNull();
  });

  it('ticks the days on round steps and reads the levels on a day, the last past the horizon', () => {
    expect(dayStep(90)).toBe(15);
    expect(dayStep(5)).toBe(1);
    expect(dayStep(730)).toBe(180);
    expect(levelsOn(entities.slice(0, 2), 2)).toEqual([
      { id: 'x', level: 0.8 },
      { id: 'y', level: -0.3 },
    ]);
    expect(levelsOn(entities.slice(0, 1), 99)).toEqual([{ id: 'x', level: 0.6 }]);
  });
});
