// The propagation drawn with cytoscape. Element ids are the API's ids (entity ids for nodes,
// edge ids for edges), so tests and other code can address `cy.$('#<id>')` directly.

import cytoscape, {
  type Core,
  type ElementDefinition,
  type EventObject,
  type NodeCollection,
  type SingularElementArgument,
  type StylesheetJson,
} from 'cytoscape';
import { formatShare, formatSigned } from './answer-views';
import { arrow, formatStrength } from './dom';
import type { DisagreeingEdge } from './disagreements';
import type { Drawing } from './drawing';
import { fitZoom, initialView, labelFontSize, layeredPositions, minRenderedFont } from './layout';
import type { LayoutMode } from './machine';
import type { FeedbackLoop } from './model';

export interface GraphHandlers {
  onNode(id: string): void;
  onEdge(id: string): void;
  onBackground(): void;
}

const FONT =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

export const COLORS = {
  up: '#1f9d55',
  down: '#d64545',
  mixed: '#f59e0b',
  shockBorder: '#111827',
  positive: '#64748b',
  negative: '#7c3aed',
  highlight: '#2563eb',
  ghost: '#9ca3af',
};

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-family': FONT,
      'font-size': 11,
      color: '#1f2933',
      'text-wrap': 'wrap',
      'text-max-width': '170px',
      'text-valign': 'center',
      'text-halign': 'right',
      'text-margin-x': 5,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.75,
      'text-background-padding': '1px',
      'text-background-shape': 'roundrectangle',
      width: 'mapData(strength, 0, 1, 12, 30)',
      height: 'mapData(strength, 0, 1, 12, 30)',
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node.up', style: { 'background-color': COLORS.up } },
  { selector: 'node.down', style: { 'background-color': COLORS.down } },
  { selector: 'node.mixed', style: { 'border-width': 3, 'border-color': COLORS.mixed } },
  // Reached beyond the listed paths: drawn with their strongest path, quieter.
  { selector: 'node.connected', style: { opacity: 0.6 } },
  {
    selector: 'node.shock',
    style: {
      shape: 'diamond',
      width: 40,
      height: 40,
      'border-width': 4,
      'border-color': COLORS.shockBorder,
      'font-weight': 'bold',
      'font-size': 12,
      'text-valign': 'top',
      'text-halign': 'center',
      'text-margin-x': 0,
      'text-margin-y': -4,
      'z-index': 20,
    },
  },
  {
    selector: 'node.ghost',
    style: {
      'background-color': '#e5e7eb',
      'border-width': 1.5,
      'border-style': 'dashed',
      'border-color': COLORS.ghost,
      color: '#6b7280',
      width: 14,
      height: 14,
    },
  },
  {
    selector: 'node.removed',
    style: { shape: 'octagon', width: 24, height: 24, 'background-color': '#4b5563', 'border-style': 'solid', 'border-color': '#111827' },
  },
  {
    selector: 'edge',
    style: {
      width: 'mapData(weight, 0, 1, 0.8, 7)',
      'curve-style': 'bezier',
      'line-color': COLORS.positive,
      'target-arrow-color': COLORS.positive,
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      opacity: 0.55,
    },
  },
  {
    selector: 'edge.negative',
    style: {
      'line-color': COLORS.negative,
      'target-arrow-color': COLORS.negative,
      'target-arrow-shape': 'tee',
      'line-style': 'dashed',
      'line-dash-pattern': [6, 3],
    },
  },
  // An edge contradicted by another (same entities, other polarity): amber and finely dashed.
  {
    selector: 'edge.disagreement',
    style: {
      'line-color': COLORS.mixed,
      'target-arrow-color': COLORS.mixed,
      'line-style': 'dashed',
      'line-dash-pattern': [3, 3],
      opacity: 0.9,
    },
  },
  { selector: 'edge.connecting', style: { opacity: 0.35, 'line-style': 'dotted', 'line-dash-pattern': [2, 3] } },
  {
    selector: 'edge.ghost',
    style: { 'line-color': COLORS.ghost, 'target-arrow-color': COLORS.ghost, 'line-style': 'dotted', opacity: 0.6 },
  },
  {
    selector: 'edge.arc',
    style: { 'curve-style': 'unbundled-bezier', 'control-point-distances': 'data(bow)', 'control-point-weights': 0.5 },
  },
  {
    selector: 'node.below',
    style: { 'text-halign': 'center', 'text-valign': 'bottom', 'text-margin-x': 0, 'text-margin-y': 2, 'text-max-width': '120px' },
  },
  {
    selector: 'node.rings',
    style: { 'text-halign': 'center', 'text-valign': 'bottom', 'text-margin-x': 0, 'text-margin-y': 3, 'text-max-width': '110px' },
  },
  { selector: '.faded', style: { opacity: 0.12 } },
  { selector: 'edge.hl', style: { 'line-color': COLORS.highlight, 'target-arrow-color': COLORS.highlight, opacity: 1, 'z-index': 50 } },
  { selector: 'node.hl', style: { opacity: 1, 'z-index': 50 } },
  { selector: 'node.loop-extra', style: { 'background-color': '#93c5fd', 'border-color': COLORS.highlight, 'border-width': 2 } },
  {
    selector: 'node:selected',
    style: {
      'overlay-color': COLORS.highlight,
      'overlay-opacity': 0.18,
      'overlay-padding': 6,
      'border-color': COLORS.highlight,
      'border-width': 3,
    },
  },
  {
    selector: 'edge:selected',
    style: { 'line-color': COLORS.highlight, 'target-arrow-color': COLORS.highlight, opacity: 1, 'z-index': 60 },
  },
];

const SPACING = { edgeRoom: 70, subGap: 16, vGap: 7 };

export class GraphView {
  readonly cy: Core;
  private mode: LayoutMode = 'columns';
  private extras: string[] = [];
  private fontSize = 11;
  /** For each edge in a disagreement, the edges that contradict it (see `setDisagreements`). */
  private disagreements = new Map<string, DisagreeingEdge[]>();
  /** Whether the first view shows the whole drawing (else it is zoomed for readable labels). */
  wholeInView = true;

  constructor(
    container: HTMLElement,
    private readonly tip: HTMLElement,
    handlers: GraphHandlers,
  ) {
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.15,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (event) => handlers.onNode((event.target as SingularElementArgument).id()));
    this.cy.on('tap', 'edge', (event) => handlers.onEdge((event.target as SingularElementArgument).id()));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) handlers.onBackground();
    });
    this.cy.on('mouseover', 'node, edge', (event) => this.showTip(event));
    this.cy.on('mouseout', 'node, edge', () => (this.tip.hidden = true));
    this.cy.on('viewport', () => (this.tip.hidden = true));
    this.applyFontSize(window.innerWidth);
  }

  /** Label size follows the screen: called on start and when the window is resized. */
  resized(): void {
    this.cy.resize();
    if (this.applyFontSize(window.innerWidth) && this.cy.nodes().nonempty()) this.layout();
  }

  private applyFontSize(width: number): boolean {
    const size = labelFontSize(width);
    if (size === this.fontSize && this.cy.data('fontSize') !== undefined) return false;
    this.fontSize = size;
    this.cy.data('fontSize', size);
    this.cy
      .style()
      .selector('node')
      .style({ 'font-size': size })
      .selector('node.shock')
      .style({ 'font-size': size + 1 })
      .update();
    return true;
  }

  render(drawing: Drawing): void {
    const elements: ElementDefinition[] = [];
    for (const node of drawing.nodes) {
      const classes: string[] = [];
      let label = node.name;
      if (node.role === 'shock') classes.push('shock', node.direction!.toLowerCase());
      else if (node.role === 'ghost' || node.role === 'removed') classes.push(node.role === 'removed' ? 'ghost removed' : 'ghost');
      else {
        classes.push(node.direction!.toLowerCase());
        if (node.mixed) classes.push('mixed');
        if (node.role === 'connected') classes.push('connected');
      }
      if (node.direction) label = `${node.name} ${arrow(node.direction)}`;
      else if (node.role === 'removed') label = `${node.name} (removed)`;
      elements.push({
        group: 'nodes',
        data: {
          id: node.id,
          name: node.name,
          label,
          depth: node.depth,
          strength: node.strength,
          direction: node.direction,
          strongest: node.strongest,
          netEffect: node.netEffect,
          agreement: node.agreement,
          mixed: node.mixed,
          hops: node.hops,
          role: node.role,
        },
        classes: classes.join(' '),
      });
    }
    for (const edge of drawing.edges) {
      const classes = [edge.polarity.toLowerCase()];
      if (edge.role !== 'path') classes.push(edge.role);
      elements.push({
        group: 'edges',
        data: { id: edge.id, source: edge.source, target: edge.target, weight: edge.weight, polarity: edge.polarity, role: edge.role },
        classes: classes.join(' '),
      });
    }

    this.extras = [];
    this.tip.hidden = true;
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
    });
    this.markDisagreements();
    this.layout();
  }

  /**
   * Marks the drawn edges that belong to a disagreement: class `disagreement` (amber, finely
   * dashed) and data `opposites` (the contradicting edges' ids). Kept for later drawings.
   */
  setDisagreements(byEdge: Map<string, DisagreeingEdge[]>): void {
    this.disagreements = byEdge;
    this.markDisagreements();
  }

  private markDisagreements(): void {
    this.cy.batch(() => {
      this.cy.edges().forEach((edge) => {
        const others = this.disagreements.get(edge.id());
        if (others)
          edge.addClass('disagreement').data(
            'opposites',
            others.map((o) => o.id),
          );
        else edge.removeClass('disagreement').removeData('opposites');
      });
    });
  }

  clear(): void {
    this.extras = [];
    this.cy.elements().remove();
  }

  setMode(mode: LayoutMode): void {
    this.mode = mode;
    this.layout();
  }

  get layoutMode(): LayoutMode {
    return this.mode;
  }

  layout(): void {
    const nodes = this.cy.nodes().filter((n) => !n.hasClass('loop-extra')) as NodeCollection;
    nodes.toggleClass('rings', this.mode === 'rings');
    if (this.mode === 'rings') {
      nodes.removeClass('below');
      this.cy.edges().removeClass('arc');
      const maxDepth = Math.max(0, ...nodes.map((n) => n.data('depth') as number));
      nodes
        .layout({
          name: 'concentric',
          concentric: (node) => maxDepth - (node.data('depth') as number),
          levelWidth: () => 1,
          minNodeSpacing: 28,
          startAngle: (3 / 2) * Math.PI,
          avoidOverlap: true,
          fit: false,
          animate: false,
        })
        .run();
      this.firstView();
      return;
    }
    // Labels right of the nodes read best; labels below make narrower columns, which wins
    // when many hop counts make the drawing wide. Measure both and keep the larger zoom.
    const edges = this.cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id() }));
    const viewport = { width: Math.max(200, this.cy.width() - 60), height: Math.max(200, this.cy.height() - 60) };
    const attempt = (below: boolean) => {
      nodes.forEach((n) => {
        n.toggleClass('below', below && !n.hasClass('shock'));
      });
      const layer = nodes.map((n) => {
        const box = n.boundingBox({ includeLabels: true, includeOverlays: false });
        return {
          id: n.id(),
          depth: n.data('depth') as number,
          strength: n.data('strength') as number,
          box: { w: box.w, h: box.h, left: n.position().x - box.x1 },
        };
      });
      const positions = layeredPositions(layer, edges, SPACING, viewport);
      return { below, positions, zoom: fitZoom(layer, positions, viewport) };
    };
    const right = attempt(false);
    const under = attempt(true);
    const best = under.zoom > right.zoom * 1.1 ? under : right;
    if (best === right) nodes.removeClass('below');
    nodes.layout({ name: 'preset', positions: Object.fromEntries(best.positions), fit: false, animate: false }).run();
    this.arcSameColumnEdges();
    this.firstView();
  }

  /** The whole drawing when its labels stay readable, else a readable part of it (Fit shows all). */
  private firstView(): void {
    const cy = this.cy;
    if (cy.elements().empty()) return;
    const box = cy.elements().boundingBox({});
    const shocks = cy.nodes('.shock');
    const anchorBox = (shocks.nonempty() ? shocks : cy.nodes()).boundingBox({});
    const view = initialView({
      box,
      anchor: { x: (anchorBox.x1 + anchorBox.x2) / 2, y: (anchorBox.y1 + anchorBox.y2) / 2 },
      viewport: { width: cy.width(), height: cy.height() },
      fontSize: this.fontSize,
      minFont: minRenderedFont(window.innerWidth),
    });
    cy.viewport({ zoom: view.zoom, pan: view.pan });
    this.wholeInView = view.whole;
  }

  /**
   * An edge between two nodes of the same column would run straight down the column, over
   * the nodes between them: bend it out to the left, away from the labels.
   */
  private arcSameColumnEdges(): void {
    this.cy.batch(() => {
      this.cy.edges().forEach((edge) => {
        const from = edge.source().position();
        const to = edge.target().position();
        const dy = to.y - from.y;
        const same = this.mode === 'columns' && Math.abs(to.x - from.x) < 1 && Math.abs(dy) > 1;
        edge.toggleClass('arc', same);
        if (same) edge.data('bow', (dy > 0 ? 1 : -1) * Math.min(120, 24 + Math.abs(dy) * 0.25));
      });
    });
  }

  fit(): void {
    this.cy.fit(undefined, 30);
    this.wholeInView = true;
  }

  centre(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.nonempty()) this.cy.animate({ center: { eles: node }, duration: 200 });
  }

  /** Brings out a chain of entities and edges (a path or a loop); everything else fades. */
  highlight(nodeIds: string[], edgeIds: string[]): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('hl').addClass('faded');
      for (const id of [...nodeIds, ...edgeIds]) cy.getElementById(id).removeClass('faded').addClass('hl');
    });
  }

  clearHighlight(): void {
    this.cy.batch(() => this.cy.elements().removeClass('faded hl'));
  }

  /** Highlights a feedback loop (or channels), drawing whatever part of it the propagation did not reach. */
  showLoop(loop: Pick<FeedbackLoop, 'entities' | 'edges'>, bringIntoView = true): void {
    this.removeLoopExtras();
    const cy = this.cy;
    const missing = loop.entities.filter((e) => cy.getElementById(e.id).empty());
    const loopIds = new Set(loop.entities.map((e) => e.id));
    const present = cy.nodes().filter((n) => loopIds.has(n.id()));
    // Missing entities go on a small circle beside the loop's drawn part (or the view's centre).
    const centre = present.nonempty()
      ? { x: present.boundingBox({}).x2 + 120, y: (present.boundingBox({}).y1 + present.boundingBox({}).y2) / 2 }
      : { x: cy.extent().x1 + cy.extent().w / 2, y: cy.extent().y1 + cy.extent().h / 2 };
    const added: ElementDefinition[] = missing.map((entity, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, missing.length) - Math.PI / 2;
      const radius = missing.length > 1 ? 90 : 0;
      return {
        group: 'nodes',
        data: { id: entity.id, name: entity.name, label: entity.name, depth: 0, strength: 0.3 },
        position: { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) },
        classes: 'loop-extra',
      };
    });
    for (const edge of loop.edges) {
      if (cy.getElementById(edge.id).nonempty()) continue;
      added.push({
        group: 'edges',
        data: { id: edge.id, source: edge.from.id, target: edge.to.id, weight: edge.weight, polarity: edge.polarity },
        classes: `${edge.polarity.toLowerCase()} loop-extra`,
      });
    }
    cy.add(added);
    this.markDisagreements();
    this.extras = added.map((e) => e.data.id!);
    this.highlight(
      loop.entities.map((e) => e.id),
      loop.edges.map((e) => e.id),
    );
    if (!bringIntoView) return;
    // Bring the loop into view without zooming in further than a comfortable reading size.
    const shown = cy.elements('.hl');
    const box = shown.boundingBox({});
    const level = Math.min(Math.max(cy.zoom(), 1), (cy.width() - 120) / Math.max(1, box.w), (cy.height() - 120) / Math.max(1, box.h));
    cy.animate({ zoom: level, center: { eles: shown }, duration: 250 });
  }

  removeLoopExtras(): void {
    if (!this.extras.length) return;
    const extras = new Set(this.extras);
    this.cy.remove(this.cy.elements().filter((e) => extras.has(e.id())));
    this.extras = [];
  }

  select(id: string | null): void {
    this.cy.$(':selected').unselect();
    if (id) this.cy.getElementById(id).select();
  }

  private showTip(event: EventObject): void {
    const el = event.target as SingularElementArgument;
    // cytoscape types element data as any: read it through one typed accessor.
    const data = <T>(from: SingularElementArgument, key: string) => from.data(key) as T;
    const lines: string[] = [];
    if (el.isNode()) {
      lines.push(data<string>(el, 'name'));
      if (el.hasClass('shock')) lines.push(`shocked ${data<string>(el, 'direction')}`);
      else if (el.hasClass('removed')) lines.push('removed in the counterfactual');
      else if (el.hasClass('ghost')) lines.push('not reached in the counterfactual');
      else if (data<string | undefined>(el, 'direction')) {
        const hops = data<number>(el, 'hops');
        const net = data<number | undefined>(el, 'netEffect');
        if (net !== undefined) lines.push(`net ${formatSigned(net)} · agreement ${formatShare(data<number>(el, 'agreement'))}`);
        lines.push(
          `strongest path ${data<string>(el, 'strongest') ?? data<string>(el, 'direction')} ${formatStrength(data<number>(el, 'strength'))} · ${hops} hop${hops === 1 ? '' : 's'}${data<boolean>(el, 'mixed') ? ' · mixed' : ''}`,
        );
        if (el.hasClass('connected')) lines.push('beyond the listed paths: drawn with its strongest path');
      }
    } else if (el.isEdge()) {
      lines.push(`${data<string>(el.source(), 'name')} → ${data<string>(el.target(), 'name')}`);
      lines.push(`${data<string>(el, 'polarity')} · weight ${data<number>(el, 'weight')}`);
      const opposite = data<string[] | undefined>(el, 'opposites');
      if (opposite) lines.push(`disagrees with ${opposite.join(', ')}`);
    }
    this.tip.replaceChildren(...lines.map((line, i) => Object.assign(document.createElement(i ? 'div' : 'strong'), { textContent: line })));
    const pos = event.renderedPosition ?? (el.isNode() ? el.renderedPosition() : el.renderedMidpoint());
    this.tip.style.left = `${Math.round(pos.x + 14)}px`;
    this.tip.style.top = `${Math.round(pos.y + 14)}px`;
    this.tip.hidden = false;
  }
}
