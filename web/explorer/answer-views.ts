// The pure parts of the answer's views (net effect and agreement, channels, response): how
// impacts sort, which entity the channels and the response start with, and the chart's
// geometry. No DOM here: tabs/*.tab.ts and response-chart.ts draw what these compute, and
// test/unit/web/answer-views.test.ts checks them.

import type { Band, EntityResponse, Impact } from './model';

// ---------------------------------------------------------------------------- impacts

export type ImpactSortKey = 'strength' | 'netEffect' | 'agreement' | 'name';
export type SortOrder = 'asc' | 'desc';

export interface ImpactSort {
  key: ImpactSortKey;
  order: SortOrder;
}

/** The API's order: strongest path first. */
export const DEFAULT_IMPACT_SORT: ImpactSort = { key: 'strength', order: 'desc' };

/** Net effect sorts by its size (a large DOWN is as much of an answer as a large UP). */
function sortValue(impact: Impact, key: Exclude<ImpactSortKey, 'name'>): number {
  return key === 'netEffect' ? Math.abs(impact.netEffect) : impact[key];
}

/**
 * The impacts in the order asked for, ties broken by the API's order (strength, then id), so
 * the result does not depend on the sort it came from. Returns a new array.
 */
export function sortImpacts(impacts: readonly Impact[], sort: ImpactSort): Impact[] {
  const sign = sort.order === 'asc' ? 1 : -1;
  const apiOrder = new Map(impacts.map((impact, i) => [impact.entity.id, i]));
  return [...impacts].sort((a, b) => {
    const primary =
      sort.key === 'name' ? a.entity.name.localeCompare(b.entity.name, 'en') : sortValue(a, sort.key) - sortValue(b, sort.key);
    if (primary !== 0) return sign * primary;
    return apiOrder.get(a.entity.id)! - apiOrder.get(b.entity.id)!;
  });
}

/** A click on a column: the same column flips its order, a new one starts descending (ascending for names). */
export function nextSort(current: ImpactSort, key: ImpactSortKey): ImpactSort {
  if (current.key === key) return { key, order: current.order === 'desc' ? 'asc' : 'desc' };
  return { key, order: key === 'name' ? 'asc' : 'desc' };
}

/** A signed figure with its sign shown: +0.75, −0.16 (a true minus), 0. */
export function formatSigned(value: number, digits = 2): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return (0).toFixed(digits);
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(digits)}`;
}

/** Agreement as a share: 1 → 100%, 0.4998 → 50%. */
export function formatShare(value: number): string {
  return `${Math.round(value * 100)}%`;
}

// ---------------------------------------------------------------------------- channels

/**
 * The entity the channels view asks about first: the selected entity when the answer reaches
 * it, else the strongest reached entity that is not a shock; null when nothing is reached.
 */
export function channelTarget(impacts: readonly Impact[], shockIds: ReadonlySet<string>, selected: string | null): string | null {
  const reached = impacts.filter((i) => !shockIds.has(i.entity.id));
  if (selected && reached.some((i) => i.entity.id === selected)) return selected;
  return reached[0]?.entity.id ?? null;
}

// ---------------------------------------------------------------------------- response

/** How many entities the chart draws at first, and at most. */
export const CHART_DEFAULT = 3;
export const CHART_MAX = 8;

/**
 * The entities drawn at first: the selected one when it moves, then the largest steady states,
 * up to CHART_DEFAULT (the API lists them by |level| already).
 */
export function defaultChartIds(entities: readonly EntityResponse[], selected: string | null): string[] {
  const ids = entities.map((e) => e.entity.id);
  const first = selected && ids.includes(selected) ? [selected] : [];
  return [...first, ...ids.filter((id) => id !== selected)].slice(0, CHART_DEFAULT);
}

/** Adds or removes an entity from the chart; never more than CHART_MAX (the oldest goes). */
export function toggleChartId(ids: readonly string[], id: string): string[] {
  if (ids.includes(id)) return ids.filter((x) => x !== id);
  const next = [...ids, id];
  return next.length > CHART_MAX ? next.slice(next.length - CHART_MAX) : next;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axes' labels, and on the right for the steady state and its band. */
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface ChartLine {
  id: string;
  /** An SVG path (`M x y L x y …`), one point per day. */
  d: string;
  peak: { x: number; y: number; day: number; level: number };
  /** The steady state, drawn at the right, with its band as an error bar when there is one. */
  steady: { x: number; y: number; level: number; band: { y05: number; y95: number } | null };
}

export interface ChartGeometry {
  lines: ChartLine[];
  /** Vertical range in levels (symmetric around 0 unless everything moves one way). */
  yMin: number;
  yMax: number;
  /** y of the zero line. */
  zeroY: number;
  xTicks: { x: number; day: number }[];
  yTicks: { y: number; level: number }[];
  /** Where the plot area ends and the steady-state column is. */
  plotRight: number;
  steadyX: number;
  /** x of a day. */
  dayX: (day: number) => number;
}

/** A tick step for a horizon: about five ticks, on round numbers of days. */
export function dayStep(horizon: number): number {
  for (const step of [1, 2, 5, 7, 10, 14, 15, 30, 60, 90, 180]) if (horizon / step <= 6) return step;
  return 365;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Where the series, peaks, steady states and bands go in a box. Days run left to right over
 * 0..horizon; levels bottom to top, the range covering every drawn point and band (rounded out
 * to a tenth) and always 0.
 */
export function chartGeometry(entities: readonly EntityResponse[], box: ChartBox): ChartGeometry {
  const horizon = Math.max(1, ...entities.map((e) => e.series.length - 1));
  let lo = 0;
  let hi = 0;
  const widen = (v: number) => {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  };
  for (const e of entities) {
    for (const v of e.series) widen(v);
    widen(e.level);
    if (e.band) {
      widen(e.band.p05);
      widen(e.band.p95);
    }
  }
  const yMin = Math.max(-1, Math.floor(lo * 10) / 10);
  const yMax = Math.min(1, Math.ceil(hi * 10) / 10);
  const span = yMax - yMin || 1;
  const { margin } = box;
  const plotLeft = margin.left;
  const plotRight = box.width - margin.right;
  const top = margin.top;
  const bottom = box.height - margin.bottom;
  const dayX = (day: number) => round(plotLeft + ((plotRight - plotLeft) * day) / horizon);
  const levelY = (level: number) => round(top + ((bottom - top) * (yMax - level)) / span);
  const steadyX = round(plotRight + margin.right / 2);
  const lines = entities.map((e): ChartLine => {
    const d = e.series.map((v, day) => `${day === 0 ? 'M' : 'L'}${dayX(day)} ${levelY(v)}`).join(' ');
    const peakLevel = e.series[e.peakDay] ?? 0;
    return {
      id: e.entity.id,
      d,
      peak: { x: dayX(e.peakDay), y: levelY(peakLevel), day: e.peakDay, level: peakLevel },
      steady: { x: steadyX, y: levelY(e.level), level: e.level, band: bandY(e.band, levelY) },
    };
  });
  const step = dayStep(horizon);
  const xTicks: { x: number; day: number }[] = [];
  for (let day = 0; day <= horizon; day += step) xTicks.push({ x: dayX(day), day });
  const yTicks: { y: number; level: number }[] = [];
  const levelStep = span > 1 ? 0.5 : span > 0.4 ? 0.2 : 0.1;
  for (let level = Math.ceil(yMin / levelStep) * levelStep; level <= yMax + 1e-9; level += levelStep) {
    const clean = Number(level.toFixed(2));
    yTicks.push({ y: levelY(clean), level: clean });
  }
  return { lines, yMin, yMax, zeroY: levelY(0), xTicks, yTicks, plotRight, steadyX, dayX };
}

function bandY(band: Band | null, levelY: (level: number) => number): { y05: number; y95: number } | null {
  return band ? { y05: levelY(band.p05), y95: levelY(band.p95) } : null;
}

/** The level of each drawn entity on a day (the slider's readout); the last day past the horizon. */
export function levelsOn(entities: readonly EntityResponse[], day: number): { id: string; level: number }[] {
  return entities.map((e) => ({ id: e.entity.id, level: e.series[Math.min(day, e.series.length - 1)] ?? 0 }));
}
