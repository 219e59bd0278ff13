// Node positions for the "columns by hops" view: the shocked entities in the first column,
// then one column per hop count. This is cytoscape's breadthfirst idea, but keyed on each
// impact's `hops` from the API rather than on a BFS over the drawn edges: an entity is drawn
// with its strongest path, which may be longer than its fewest hops, and a BFS would put it
// in the wrong column. The result feeds the built-in 'preset' layout. Pure, like the first
// view's zoom (`initialView`) below.

export interface LayerNode {
  id: string;
  depth: number;
  strength: number;
  /** The node's box with its label, and how far its centre is from the box's left side. */
  box: { w: number; h: number; left: number };
}

export interface LayerEdge {
  source: string;
  target: string;
}

export interface LayerSpacing {
  /** Free room between one column's labels and the next column, for the edges. */
  edgeRoom: number;
  /** Between the side-by-side sub-columns of a folded column. */
  subGap: number;
  /** Between two boxes one above the other. */
  vGap: number;
}

export interface Viewport {
  width: number;
  height: number;
}

export type Point = { x: number; y: number };
type Position = Point;

interface Column {
  nodes: LayerNode[];
  /** Widest extent left and right of the node centres. */
  left: number;
  right: number;
  tallest: number;
}

export function layeredPositions(nodes: LayerNode[], edges: LayerEdge[], spacing: LayerSpacing, viewport: Viewport): Map<string, Position> {
  const columns = orderColumns(nodes, edges);
  const split = chooseSplits(columns, spacing, viewport);

  const positions = new Map<string, Position>();
  let x = 0;
  columns.forEach((column, index) => {
    const k = split[index];
    const width = column.left + column.right;
    x += column.left;
    if (k === 1) {
      // Boxes stacked at their own heights: one-line labels take less room than two-line ones.
      const total = column.nodes.reduce((sum, n) => sum + n.box.h, 0) + spacing.vGap * (column.nodes.length - 1);
      let y = -total / 2;
      for (const node of column.nodes) {
        positions.set(node.id, { x, y: y + node.box.h / 2 });
        y += node.box.h + spacing.vGap;
      }
    } else {
      // Consecutive nodes alternate between sub-columns, so the top-to-bottom order holds;
      // nodes in one sub-column stay a whole box apart.
      const step = (column.tallest + spacing.vGap) / k;
      column.nodes.forEach((node, i) => {
        positions.set(node.id, { x: x + (i % k) * (width + spacing.subGap), y: (i - (column.nodes.length - 1) / 2) * step });
      });
    }
    x += column.right + (k - 1) * (width + spacing.subGap) + spacing.edgeRoom;
  });
  return positions;
}

/** Columns by depth, each ordered to keep edges short and crossings few. */
function orderColumns(nodes: LayerNode[], edges: LayerEdge[]): Column[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const groups = new Map<number, LayerNode[]>();
  for (const node of nodes) groups.set(node.depth, [...(groups.get(node.depth) ?? []), node]);
  const columns = [...groups.keys()].sort((a, b) => a - b).map((d) => groups.get(d)!);

  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  for (const { source, target } of edges) {
    const from = byId.get(source);
    const to = byId.get(target);
    if (!from || !to || from.depth >= to.depth) continue; // back edges do not order columns
    preds.set(target, [...(preds.get(target) ?? []), source]);
    succs.set(source, [...(succs.get(source) ?? []), target]);
  }

  const y = new Map<string, number>();
  const place = (column: LayerNode[]) => column.forEach((node, i) => y.set(node.id, i - (column.length - 1) / 2));
  const byStrength = (a: LayerNode, b: LayerNode) => b.strength - a.strength || (a.id < b.id ? -1 : 1);
  for (const column of columns) {
    column.sort(byStrength);
    place(column);
  }
  // Start strongest-first, then reorder each column by the mean height of its neighbours in
  // the neighbouring columns (the barycentre heuristic), down, up and down again.
  const sweep = (order: LayerNode[][], neighbours: Map<string, string[]>) => {
    for (const column of order) {
      const key = new Map(
        column.map((node) => {
          const ys = (neighbours.get(node.id) ?? []).map((id) => y.get(id)).filter((v): v is number => v !== undefined);
          return [node.id, ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : y.get(node.id)!];
        }),
      );
      column.sort((a, b) => key.get(a.id)! - key.get(b.id)! || byStrength(a, b));
      place(column);
    }
  };
  const inner = columns.slice(1);
  sweep(inner, preds);
  sweep([...inner].reverse().slice(1), succs);
  sweep(inner, preds);

  return columns.map((column) => ({
    nodes: column,
    left: Math.max(...column.map((n) => n.box.left)),
    right: Math.max(...column.map((n) => n.box.w - n.box.left)),
    tallest: Math.max(...column.map((n) => n.box.h)),
  }));
}

/**
 * How many side-by-side sub-columns each column gets. A column much taller than the others
 * (many entities at one hop count) would force the whole drawing to shrink; folding it is
 * worth it only when the drawing then fits the viewport at a clearly larger zoom.
 */
function chooseSplits(columns: Column[], spacing: LayerSpacing, viewport: Viewport): number[] {
  const heightAt = (column: Column, k: number) =>
    k === 1
      ? column.nodes.reduce((sum, n) => sum + n.box.h + spacing.vGap, -spacing.vGap)
      : (column.nodes.length * (column.tallest + spacing.vGap)) / k;
  const zoomFor = (split: number[]) => {
    let width = -spacing.edgeRoom;
    let height = 0;
    columns.forEach((column, i) => {
      const w = column.left + column.right;
      width += split[i] * w + (split[i] - 1) * spacing.subGap + spacing.edgeRoom;
      height = Math.max(height, heightAt(column, split[i]));
    });
    return Math.min(1, viewport.width / width, viewport.height / height);
  };

  let best = columns.map(() => 1);
  let bestZoom = zoomFor(best);
  const tallest = Math.max(...columns.map((c) => heightAt(c, 1)));
  for (let limit = tallest * 0.9; limit > tallest * 0.3; limit -= tallest * 0.1) {
    const split = columns.map((column) => {
      let k = 1;
      while (k < 4 && heightAt(column, k) > limit) k++;
      return k;
    });
    const zoom = zoomFor(split);
    if (zoom > bestZoom * 1.08) {
      best = split;
      bestZoom = zoom;
    }
  }
  return best;
}

/** The zoom at which positioned boxes fit the viewport (at most 1). */
export function fitZoom(nodes: LayerNode[], positions: Map<string, Position>, viewport: Viewport): number {
  let x1 = Infinity;
  let x2 = -Infinity;
  let y1 = Infinity;
  let y2 = -Infinity;
  for (const node of nodes) {
    const p = positions.get(node.id);
    if (!p) continue;
    x1 = Math.min(x1, p.x - node.box.left);
    x2 = Math.max(x2, p.x - node.box.left + node.box.w);
    y1 = Math.min(y1, p.y - node.box.h / 2);
    y2 = Math.max(y2, p.y + node.box.h / 2);
  }
  if (x1 > x2) return 1;
  return Math.min(1, viewport.width / Math.max(1, x2 - x1), viewport.height / Math.max(1, y2 - y1));
}

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Node label size in model units: larger on tablet and phone screens, read at arm's length. */
export function labelFontSize(viewportWidth: number): number {
  return viewportWidth < 1000 ? 13 : 11;
}

/**
 * The smallest label size (px, on screen) the first view of a drawing may show: a desktop
 * screen is read close up and gains most from seeing the whole drawing at once.
 */
export function minRenderedFont(viewportWidth: number): number {
  return viewportWidth < 1000 ? 9.5 : 8.5;
}

/**
 * The first view of a drawing: all of it when its labels can then be read; otherwise zoomed
 * to the smallest readable size, with the drawing's left edge (the shocks' column) in view
 * and the shocks centred vertically where the drawing's height allows. Pan is the model
 * origin's position on screen, as cytoscape takes it.
 */
export function initialView(input: {
  box: Box;
  /** The shocks' centre, in model units. */
  anchor: Point;
  viewport: Viewport;
  fontSize: number;
  minFont?: number;
  padding?: number;
  maxZoom?: number;
}): { zoom: number; pan: Point; whole: boolean } {
  const { box, anchor, viewport, fontSize } = input;
  const padding = input.padding ?? 30;
  const minFont = input.minFont ?? 9.5;
  const width = Math.max(1, box.x2 - box.x1);
  const height = Math.max(1, box.y2 - box.y1);
  const fit = Math.min(input.maxZoom ?? 1.25, (viewport.width - 2 * padding) / width, (viewport.height - 2 * padding) / height);
  const readable = minFont / fontSize;
  if (fit >= readable) {
    return {
      zoom: fit,
      pan: { x: viewport.width / 2 - ((box.x1 + box.x2) / 2) * fit, y: viewport.height / 2 - ((box.y1 + box.y2) / 2) * fit },
      whole: true,
    };
  }
  const zoom = readable;
  const x = width * zoom <= viewport.width - 2 * padding ? viewport.width / 2 - ((box.x1 + box.x2) / 2) * zoom : padding - box.x1 * zoom;
  let y: number;
  if (height * zoom <= viewport.height - 2 * padding) {
    y = viewport.height / 2 - ((box.y1 + box.y2) / 2) * zoom;
  } else {
    // Centre the shocks, but never leave empty room above the top or below the bottom.
    const centred = viewport.height / 2 - anchor.y * zoom;
    const highest = padding - box.y1 * zoom;
    const lowest = viewport.height - padding - box.y2 * zoom;
    y = Math.min(highest, Math.max(lowest, centred));
  }
  return { zoom, pan: { x, y }, whole: false };
}
