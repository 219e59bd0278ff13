import type { ContagionPathQuery } from './gql/graphql';

type Path = ContagionPathQuery['propagate']['paths'][number];

const SVG = 'http://www.w3.org/2000/svg';
const BOX_W = 150;
const GAP = 70;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Draws a path as boxes (its entities) joined by arrows (its edges, solid for POSITIVE, dashed for NEGATIVE). */
export function drawPath(path: Path): SVGSVGElement {
  const width = path.entities.length * (BOX_W + GAP) - GAP + 20;
  const svg = el('svg', { width, height: 110, viewBox: `0 0 ${width} 110`, role: 'img' });
  const defs = el('defs', {});
  const marker = el('marker', {
    id: 'arrow',
    viewBox: '0 0 10 10',
    refX: 10,
    refY: 5,
    markerWidth: 10,
    markerHeight: 10,
    markerUnits: 'userSpaceOnUse',
    orient: 'auto',
  });
  marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#475569' }));
  defs.append(marker);
  svg.append(defs);
  path.entities.forEach((entity, i) => {
    const x = 10 + i * (BOX_W + GAP);
    const g = el('g', { 'data-entity-id': entity.id });
    g.append(el('rect', { x, y: 30, width: BOX_W, height: 50, rx: 8, fill: i === 0 ? '#dcfce7' : '#f1f5f9', stroke: '#334155' }));
    g.append(el('text', { x: x + BOX_W / 2, y: 60, 'text-anchor': 'middle', 'font-size': 12 }, entity.name.slice(0, 24)));
    svg.append(g);
  });
  path.edges.forEach((edge, i) => {
    const x1 = 10 + i * (BOX_W + GAP) + BOX_W;
    const line = el('line', {
      x1,
      y1: 55,
      x2: x1 + GAP,
      y2: 55,
      stroke: '#475569',
      'stroke-width': 1 + edge.weight * 3,
      'stroke-dasharray': edge.polarity === 'NEGATIVE' ? '6 4' : '',
      'marker-end': 'url(#arrow)',
      'data-edge-id': edge.id,
    });
    line.append(el('title', {}, edge.mechanism));
    svg.append(line);
  });
  return svg;
}
