// What the graph draws, decided before cytoscape sees it. The rule: every entity drawn is
// connected by the edges that reach it. The listed (top) paths are drawn whole; a reached
// entity that lies on none of them is drawn with its own strongest path (fetched by the run
// controller: see `connectingQuery`), and one whose strongest path could not be had is not
// drawn at all but listed (Impacts marks it "not drawn"). A counterfactual adds the cut
// paths, greyed, whole. Only the shocks may stand without an edge (a shock that reaches
// nothing).

import type { CutPath, Direction, Impact, PathEdge, Polarity, ShockNode } from './model';

export type NodeRole = 'shock' | 'impact' | 'connected' | 'ghost' | 'removed';
export type EdgeRole = 'path' | 'connecting' | 'ghost';

export interface DrawnNode {
  id: string;
  name: string;
  /** The column (hops from a shock) in the columns layout. */
  depth: number;
  strength: number;
  role: NodeRole;
  /** How the entity moves in the end: the sign of its net effect (the strongest path's direction when that is 0). */
  direction?: Direction;
  /** The strongest path's direction (may differ from `direction` when paths disagree). */
  strongest?: Direction;
  netEffect?: number;
  agreement?: number;
  mixed?: boolean;
  hops?: number;
}

export interface DrawnEdge {
  id: string;
  source: string;
  target: string;
  weight: number;
  polarity: Polarity;
  role: EdgeRole;
}

export interface Drawing {
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  /** Reached entities that are not drawn (no path of theirs could be had), strongest first. */
  undrawn: Impact[];
}

/** Anything with a chain of entities and the edges between them. */
interface Chain {
  entities: { id: string }[];
  edges: PathEdge[];
}

export interface DrawingInput {
  shocks: ShockNode[];
  impacts: Impact[];
  /** The listed paths, strongest first. */
  paths: Chain[];
  /** Strongest paths of the entities the listed paths miss (see `connectingPaths`). */
  connecting: Chain[];
  /** A counterfactual's cut paths (drawn greyed) and what it removed. */
  cutPaths?: CutPath[];
  removed?: string[];
}

/** Reached entities (not shocks) that lie on none of the paths, in the impacts' order. */
export function uncovered(impacts: Impact[], paths: Chain[], shockIds: ReadonlySet<string>): Impact[] {
  const onPath = new Set(paths.flatMap((p) => p.entities.map((e) => e.id)));
  return impacts.filter((i) => !onPath.has(i.entity.id) && !shockIds.has(i.entity.id));
}

/**
 * What to ask the API for so that every uncovered entity's strongest path is among the
 * answer: paths are ordered strongest first and an impact's strength is its strongest path's,
 * so with minStrength at the weakest uncovered impact (a path exactly at it is kept) the
 * answer holds every one of those paths, as long as there are no more than topPaths of them.
 * Null when nothing is uncovered.
 */
export function connectingQuery(missing: Impact[], totalPaths: number, maxPaths = 1000): { minStrength: number; topPaths: number } | null {
  if (!missing.length) return null;
  const weakest = Math.min(...missing.map((i) => i.strength));
  // minStrength must stay below 1; a lower threshold only lets more paths through.
  const minStrength = Math.min(weakest, 0.999999);
  return { minStrength, topPaths: Math.max(1, Math.min(maxPaths, totalPaths)) };
}

/**
 * For each target (strongest first), the first candidate path ending at it — the candidates
 * are strongest first, so that is its strongest. A target already on a chosen path is
 * connected by it and gets no path of its own.
 */
export function connectingPaths<P extends Chain>(targets: string[], candidates: P[]): P[] {
  const firstEndingAt = new Map<string, P>();
  for (const path of candidates) {
    const end = path.entities[path.entities.length - 1]?.id;
    if (end !== undefined && !firstEndingAt.has(end)) firstEndingAt.set(end, path);
  }
  const chosen: P[] = [];
  const connected = new Set<string>();
  for (const target of targets) {
    if (connected.has(target)) continue;
    const path = firstEndingAt.get(target);
    if (!path) continue;
    chosen.push(path);
    for (const entity of path.entities) connected.add(entity.id);
  }
  return chosen;
}

export function drawing(input: DrawingInput): Drawing {
  const { shocks, impacts } = input;
  const shockIds = new Set(shocks.map((s) => s.id));
  const impactById = new Map(impacts.map((i) => [i.entity.id, i]));
  const nodes = new Map<string, DrawnNode>();
  const edges = new Map<string, DrawnEdge>();

  for (const shock of shocks) {
    nodes.set(shock.id, { id: shock.id, name: shock.name, depth: 0, strength: 1, role: 'shock', direction: shock.direction });
  }
  const addChain = (chain: Chain, nodeRole: 'impact' | 'connected', edgeRole: EdgeRole) => {
    // A chain is drawn whole or not at all: an entity the impacts do not know (which the API
    // never sends) would otherwise leave a gap in it.
    if (!chain.entities.every((e) => nodes.has(e.id) || impactById.has(e.id))) return;
    for (const entity of chain.entities) {
      const known = nodes.get(entity.id);
      if (known) {
        if (known.role === 'connected' && nodeRole === 'impact') known.role = 'impact';
        continue;
      }
      const impact = impactById.get(entity.id)!;
      nodes.set(entity.id, {
        id: entity.id,
        name: impact.entity.name,
        depth: impact.hops,
        strength: impact.strength,
        role: nodeRole,
        direction: netDirection(impact),
        strongest: impact.direction,
        netEffect: impact.netEffect,
        agreement: impact.agreement,
        mixed: impact.mixed,
        hops: impact.hops,
      });
    }
    chain.edges.forEach((edge, i) => {
      const known = edges.get(edge.id);
      if (known) {
        if (known.role === 'connecting' && edgeRole === 'path') known.role = 'path';
        return;
      }
      edges.set(edge.id, {
        id: edge.id,
        source: chain.entities[i].id,
        target: chain.entities[i + 1].id,
        weight: edge.weight,
        polarity: edge.polarity,
        role: edgeRole,
      });
    });
  };
  for (const path of input.paths) addChain(path, 'impact', 'path');
  for (const path of input.connecting) addChain(path, 'connected', 'connecting');

  const removed = new Set(input.removed ?? []);
  for (const path of input.cutPaths ?? []) {
    path.entities.forEach((entity, i) => {
      if (nodes.has(entity.id)) return;
      nodes.set(entity.id, {
        id: entity.id,
        name: entity.name,
        depth: i,
        strength: 0,
        role: removed.has(entity.id) ? 'removed' : 'ghost',
      });
    });
    path.edges.forEach((edge, i) => {
      if (edges.has(edge.id)) return;
      edges.set(edge.id, {
        id: edge.id,
        source: path.entities[i].id,
        target: path.entities[i + 1].id,
        weight: edge.weight,
        polarity: edge.polarity,
        role: 'ghost',
      });
    });
  }

  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    undrawn: impacts.filter((i) => !nodes.has(i.entity.id) && !shockIds.has(i.entity.id)),
  };
}

/** Drawn entities other than the shocks that no drawn edge touches: none, by the rule above. */
export function isolatedNodes(d: Pick<Drawing, 'nodes' | 'edges'>): string[] {
  const touched = new Set(d.edges.flatMap((e) => [e.source, e.target]));
  return d.nodes.filter((n) => n.role !== 'shock' && !touched.has(n.id)).map((n) => n.id);
}

/** Sum of pathCount: every path ends at exactly one reached entity. */
export function totalPaths(impacts: Impact[]): number {
  return impacts.reduce((sum, impact) => sum + impact.pathCount, 0);
}

/** Entities are coloured by where the paths take them together: the sign of the net effect. */
export function netDirection(impact: Pick<Impact, 'netEffect' | 'direction'>): Direction {
  return impact.netEffect > 0 ? 'UP' : impact.netEffect < 0 ? 'DOWN' : impact.direction;
}

/** How each entity of a path moves, worked back from the path's direction through the polarities. */
export function pathMoves(direction: Direction, polarities: Polarity[]): Direction[] {
  const flip = (d: Direction): Direction => (d === 'UP' ? 'DOWN' : 'UP');
  const negatives = polarities.filter((p) => p === 'NEGATIVE').length;
  const moves: Direction[] = [negatives % 2 === 0 ? direction : flip(direction)];
  for (const polarity of polarities) moves.push(polarity === 'NEGATIVE' ? flip(moves[moves.length - 1]) : moves[moves.length - 1]);
  return moves;
}
