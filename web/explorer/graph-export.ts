// The drawing as an image: PNG from cytoscape's own renderer, SVG from the scene cytoscape
// computed (positions, sizes, colours and edge curves through its public API), written by
// svg-format.ts. Both cover the whole drawing, not just the part in view.

import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { sceneToSvg, wrapLabel, type Point, type SvgEdge, type SvgLabel, type SvgNode } from './svg-format';

export function graphPng(cy: Core): Blob {
  return cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
}

const num = (el: NodeSingular | EdgeSingular, property: string): number => {
  const value = el.numericStyle(property) as unknown;
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
};
const str = (el: NodeSingular | EdgeSingular, property: string): string => String(el.style(property) as unknown);

function nodeShape(node: NodeSingular): SvgNode {
  const shape = str(node, 'shape');
  const { x, y } = node.position();
  return {
    x,
    y,
    width: num(node, 'width'),
    height: num(node, 'height'),
    shape: shape === 'diamond' ? 'diamond' : shape === 'octagon' ? 'octagon' : 'ellipse',
    fill: str(node, 'background-color'),
    stroke: str(node, 'border-color'),
    strokeWidth: num(node, 'border-width'),
    dashed: str(node, 'border-style') === 'dashed',
    opacity: num(node, 'opacity'),
  };
}

function edgeShape(edge: EdgeSingular): SvgEdge {
  const controls: Point[] = edge.controlPoints() ?? [];
  const style = str(edge, 'line-style');
  const width = num(edge, 'width');
  const arrow = str(edge, 'target-arrow-shape');
  return {
    points: [edge.sourceEndpoint(), ...controls, edge.targetEndpoint()],
    width,
    color: str(edge, 'line-color'),
    dash: style === 'dashed' ? [6, 3] : style === 'dotted' ? [1.5, 3] : null,
    arrow: arrow === 'tee' ? 'tee' : arrow === 'none' ? 'none' : 'triangle',
    arrowSize: num(edge, 'arrow-scale') * (width * 1.6 + 8),
    opacity: num(edge, 'opacity'),
  };
}

function nodeLabel(node: NodeSingular, measure: (font: string, text: string) => number): SvgLabel | null {
  const text = String(node.data('label') ?? '');
  if (!text) return null;
  const fontSize = num(node, 'font-size');
  const fontFamily = str(node, 'font-family');
  const bold = str(node, 'font-weight') === 'bold';
  const font = `${bold ? 'bold ' : ''}${fontSize}px ${fontFamily}`;
  const maxWidth = num(node, 'text-max-width') || 170;
  const lines = wrapLabel(text, maxWidth, (s) => measure(font, s));
  const width = Math.max(...lines.map((l) => measure(font, l)));
  const height = lines.length * fontSize * 1.25;
  const { x, y } = node.position();
  const w = num(node, 'width');
  const h = num(node, 'height');
  const halign = str(node, 'text-halign');
  const valign = str(node, 'text-valign');
  const mx = num(node, 'text-margin-x');
  const my = num(node, 'text-margin-y');
  const anchorX = halign === 'right' ? x + w / 2 + mx : halign === 'left' ? x - w / 2 - mx - width : x + mx;
  const top = valign === 'top' ? y - h / 2 - height + my : valign === 'bottom' ? y + h / 2 + my : y - height / 2 + my;
  const background = num(node, 'text-background-opacity');
  return {
    x: anchorX,
    top,
    anchor: halign === 'center' ? 'middle' : 'start',
    lines,
    fontSize,
    fontFamily,
    bold,
    color: str(node, 'color'),
    background: background > 0 ? { color: str(node, 'text-background-color'), opacity: background, width } : null,
    opacity: num(node, 'opacity'),
  };
}

export function graphSvg(cy: Core): string {
  const canvas = document.createElement('canvas').getContext('2d');
  const measure = (font: string, text: string): number => {
    if (!canvas) return text.length * 6;
    canvas.font = font;
    return canvas.measureText(text).width;
  };
  const nodes: NodeSingular[] = cy
    .nodes()
    .toArray()
    .filter((n) => n.visible());
  const edges: EdgeSingular[] = cy
    .edges()
    .toArray()
    .filter((e) => e.visible());
  const box = cy.elements().boundingBox({});
  return sceneToSvg({
    box: { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 },
    padding: 20,
    background: '#ffffff',
    edges: edges.map(edgeShape),
    nodes: nodes.map(nodeShape),
    labels: nodes.map((n) => nodeLabel(n, measure)).filter((l): l is SvgLabel => l !== null),
  });
}
