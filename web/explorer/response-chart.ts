// The response's series drawn as SVG (no library): one line per chosen entity over the days,
// its peak marked, and at the right its steady state with the Monte-Carlo band as an error
// bar. The geometry is computed in answer-views.ts (pure, unit-tested); this only draws it.

import { chartGeometry, formatSigned, type ChartBox } from './answer-views';
import type { EntityResponse } from './model';

const SVG = 'http://www.w3.org/2000/svg';

/** Line colours, told apart by people with the common colour-vision deficiencies (Okabe–Ito). */
export const SERIES_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8C6D1F'];

type SvgAttrs = Record<string, string | number>;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: SvgAttrs = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  if (text != null) el.textContent = text;
  return el;
}

export interface ChartOptions {
  width: number;
  /** The colour of each drawn entity, by id. */
  colors: ReadonlyMap<string, string>;
  /** The day the slider shows, marked with a vertical line. */
  day: number;
}

/** Draws the chart into `host` (replacing what was there); returns the svg element. */
export function drawResponseChart(host: HTMLElement, entities: EntityResponse[], options: ChartOptions): SVGSVGElement {
  const width = Math.max(280, Math.round(options.width));
  const height = Math.round(Math.min(300, Math.max(200, width * 0.55)));
  const box: ChartBox = { width, height, margin: { top: 12, right: 46, bottom: 28, left: 40 } };
  const g = chartGeometry(entities, box);
  const root = svg('svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    class: 'response-chart',
    'aria-label': `Level over ${entities[0] ? entities[0].series.length - 1 : 0} days, with the steady state and its 90% band at the right`,
  });
  const plotTop = box.margin.top;
  const plotBottom = height - box.margin.bottom;
  const axes = svg('g', { class: 'axes' });
  for (const tick of g.yTicks) {
    axes.append(
      svg('line', { x1: box.margin.left, x2: g.plotRight, y1: tick.y, y2: tick.y, class: tick.level === 0 ? 'zero' : 'grid' }),
      svg('text', { x: box.margin.left - 5, y: tick.y + 4, 'text-anchor': 'end' }, tick.level === 0 ? '0' : formatSigned(tick.level, 1)),
    );
  }
  for (const tick of g.xTicks) {
    axes.append(
      svg('line', { x1: tick.x, x2: tick.x, y1: plotBottom, y2: plotBottom + 4, class: 'tick' }),
      svg('text', { x: tick.x, y: plotBottom + 16, 'text-anchor': 'middle' }, String(tick.day)),
    );
  }
  axes.append(
    svg('text', { x: g.plotRight, y: height - 2, 'text-anchor': 'end', class: 'axis-title' }, 'day'),
    svg('line', { x1: g.plotRight + 6, x2: g.plotRight + 6, y1: plotTop, y2: plotBottom, class: 'divider' }),
    svg('text', { x: g.steadyX, y: plotBottom + 16, 'text-anchor': 'middle', class: 'axis-title' }, 'end'),
  );
  root.append(axes);
  root.append(svg('line', { x1: g.dayX(options.day), x2: g.dayX(options.day), y1: plotTop, y2: plotBottom, class: 'day-cursor' }));
  g.lines.forEach((line, i) => {
    const color = options.colors.get(line.id) ?? SERIES_COLORS[i % SERIES_COLORS.length];
    const group = svg('g', { class: 'series', 'data-entity-id': line.id });
    group.append(svg('path', { d: line.d, fill: 'none', stroke: color, 'stroke-width': 2 }));
    const peak = svg('circle', { cx: line.peak.x, cy: line.peak.y, r: 4, fill: '#fff', stroke: color, 'stroke-width': 2, class: 'peak' });
    peak.append(svg('title', {}, `peak on day ${line.peak.day}: ${formatSigned(line.peak.level)}`));
    group.append(peak);
    const { steady } = line;
    const x = steady.x + (i - (g.lines.length - 1) / 2) * 5;
    if (steady.band) {
      const bar = svg('g', { class: 'band' });
      bar.append(
        svg('line', { x1: x, x2: x, y1: steady.band.y05, y2: steady.band.y95, stroke: color, 'stroke-width': 1.5 }),
        svg('line', { x1: x - 3, x2: x + 3, y1: steady.band.y05, y2: steady.band.y05, stroke: color, 'stroke-width': 1.5 }),
        svg('line', { x1: x - 3, x2: x + 3, y1: steady.band.y95, y2: steady.band.y95, stroke: color, 'stroke-width': 1.5 }),
      );
      group.append(bar);
    }
    const dot = svg('circle', { cx: x, cy: steady.y, r: 3.5, fill: color, class: 'steady' });
    dot.append(svg('title', {}, `steady state ${formatSigned(steady.level)}`));
    group.append(dot);
    root.append(group);
  });
  host.replaceChildren(root);
  return root;
}
