// The drawing as SVG. The well-known cytoscape SVG extension is GPL-licensed, which this
// project's bundle cannot take, so graph-export.ts reads what cytoscape computed (positions,
// sizes, colours, edge control points) into this small scene and this module writes it out.
// Pure: text measuring is passed in.

export interface Point {
  x: number;
  y: number;
}

export interface SvgNode {
  x: number;
  y: number;
  width: number;
  height: number;
  shape: 'ellipse' | 'diamond' | 'octagon';
  fill: string;
  stroke: string;
  strokeWidth: number;
  dashed: boolean;
  opacity: number;
}

export interface SvgEdge {
  /** Source endpoint, control points (quadratic), target endpoint. */
  points: Point[];
  width: number;
  color: string;
  dash: number[] | null;
  arrow: 'triangle' | 'tee' | 'none';
  arrowSize: number;
  opacity: number;
}

export interface SvgLabel {
  /** Where the text block is anchored: its left edge (start) or centre (middle), and its top. */
  x: number;
  top: number;
  anchor: 'start' | 'middle';
  lines: string[];
  fontSize: number;
  fontFamily: string;
  bold: boolean;
  color: string;
  /** A light box behind the text, as on screen. */
  background: { color: string; opacity: number; width: number } | null;
  opacity: number;
}

export interface SvgScene {
  /** The model-space box the drawing covers. */
  box: { x1: number; y1: number; x2: number; y2: number };
  padding: number;
  background: string;
  edges: SvgEdge[];
  nodes: SvgNode[];
  labels: SvgLabel[];
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const n = (v: number) => String(Math.round(v * 100) / 100);

/** Breaks a label into lines no wider than maxWidth, at spaces (a long word stays whole). */
export function wrapLabel(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && measure(candidate) > maxWidth) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}

function nodeShape(node: SvgNode): string {
  const { x, y } = node;
  const w = node.width / 2;
  const h = node.height / 2;
  const style = `fill="${escapeXml(node.fill)}" stroke="${escapeXml(node.stroke)}" stroke-width="${n(node.strokeWidth)}"${
    node.dashed ? ' stroke-dasharray="4 3"' : ''
  }${node.opacity < 1 ? ` opacity="${n(node.opacity)}"` : ''}`;
  if (node.shape === 'ellipse') return `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(w)}" ry="${n(h)}" ${style}/>`;
  const corners: Point[] =
    node.shape === 'diamond'
      ? [
          { x, y: y - h },
          { x: x + w, y },
          { x, y: y + h },
          { x: x - w, y },
        ]
      : Array.from({ length: 8 }, (_, i) => {
          const angle = Math.PI / 8 + (i * Math.PI) / 4;
          return { x: x + w * Math.cos(angle), y: y + h * Math.sin(angle) };
        });
  return `<polygon points="${corners.map((p) => `${n(p.x)},${n(p.y)}`).join(' ')}" ${style}/>`;
}

/** A path through the control points as quadratic curves, the way canvas renderers join them. */
export function edgePath(points: Point[]): string {
  const [start, ...rest] = points;
  if (!start || !rest.length) return '';
  const end = rest[rest.length - 1];
  const controls = rest.slice(0, -1);
  if (!controls.length) return `M${n(start.x)},${n(start.y)} L${n(end.x)},${n(end.y)}`;
  let d = `M${n(start.x)},${n(start.y)}`;
  controls.forEach((c, i) => {
    const next = controls[i + 1];
    const to = next ? { x: (c.x + next.x) / 2, y: (c.y + next.y) / 2 } : end;
    d += ` Q${n(c.x)},${n(c.y)} ${n(to.x)},${n(to.y)}`;
  });
  return d;
}

function arrowHead(edge: SvgEdge): string {
  if (edge.arrow === 'none' || edge.points.length < 2) return '';
  const tip = edge.points[edge.points.length - 1];
  const from = edge.points[edge.points.length - 2];
  const length = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
  const ux = (tip.x - from.x) / length;
  const uy = (tip.y - from.y) / length;
  const size = edge.arrowSize;
  const color = escapeXml(edge.color);
  const opacity = edge.opacity < 1 ? ` opacity="${n(edge.opacity)}"` : '';
  if (edge.arrow === 'tee') {
    const half = size * 0.6;
    return `<line x1="${n(tip.x - uy * half)}" y1="${n(tip.y + ux * half)}" x2="${n(tip.x + uy * half)}" y2="${n(tip.y - ux * half)}" stroke="${color}" stroke-width="${n(Math.max(1.5, edge.width))}"${opacity}/>`;
  }
  const back = { x: tip.x - ux * size, y: tip.y - uy * size };
  const half = size * 0.5;
  const points = [tip, { x: back.x - uy * half, y: back.y + ux * half }, { x: back.x + uy * half, y: back.y - ux * half }];
  return `<polygon points="${points.map((p) => `${n(p.x)},${n(p.y)}`).join(' ')}" fill="${color}"${opacity}/>`;
}

function label(l: SvgLabel): string {
  const lineHeight = l.fontSize * 1.25;
  const parts: string[] = [];
  if (l.background) {
    const left = l.anchor === 'middle' ? l.x - l.background.width / 2 : l.x;
    parts.push(
      `<rect x="${n(left - 1)}" y="${n(l.top - 1)}" width="${n(l.background.width + 2)}" height="${n(lineHeight * l.lines.length + 2)}" rx="2" fill="${escapeXml(l.background.color)}" fill-opacity="${n(l.background.opacity)}"/>`,
    );
  }
  const tspans = l.lines
    .map((line, i) => `<tspan x="${n(l.x)}" y="${n(l.top + lineHeight * i + l.fontSize)}">${escapeXml(line)}</tspan>`)
    .join('');
  parts.push(
    `<text text-anchor="${l.anchor}" font-family="${escapeXml(l.fontFamily)}" font-size="${n(l.fontSize)}"${l.bold ? ' font-weight="bold"' : ''} fill="${escapeXml(l.color)}">${tspans}</text>`,
  );
  const group = parts.join('');
  return l.opacity < 1 ? `<g opacity="${n(l.opacity)}">${group}</g>` : group;
}

export function sceneToSvg(scene: SvgScene): string {
  const { box, padding } = scene;
  const x = box.x1 - padding;
  const y = box.y1 - padding;
  const width = box.x2 - box.x1 + 2 * padding;
  const height = box.y2 - box.y1 + 2 * padding;
  const edges = scene.edges.map((edge) => {
    const dash = edge.dash?.length ? ` stroke-dasharray="${edge.dash.map(n).join(' ')}"` : '';
    const opacity = edge.opacity < 1 ? ` opacity="${n(edge.opacity)}"` : '';
    return `<path d="${edgePath(edge.points)}" fill="none" stroke="${escapeXml(edge.color)}" stroke-width="${n(edge.width)}"${dash}${opacity}/>${arrowHead(edge)}`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="${n(x)} ${n(y)} ${n(width)} ${n(height)}">`,
    `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" fill="${escapeXml(scene.background)}"/>`,
    `<g class="edges">${edges.join('')}</g>`,
    `<g class="nodes">${scene.nodes.map(nodeShape).join('')}</g>`,
    `<g class="labels">${scene.labels.map(label).join('')}</g>`,
    `</svg>`,
    '',
  ].join('\n');
}
