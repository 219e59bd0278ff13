// The API's answers as the explorer selects them: each type mirrors the selection of the
// query that returns it (api.ts), not the whole schema type. No DOM here, so the pure
// modules and their unit tests (Node, no DOM types) can share these types.

export type Direction = 'UP' | 'DOWN';
export type Polarity = 'POSITIVE' | 'NEGATIVE';
export type ChangeKind = 'APPEARED' | 'FLIPPED' | 'STRENGTHENED' | 'VANISHED' | 'WEAKENED';

export interface EntityRef {
  id: string;
  name: string;
}

export interface EntitySuggestion extends EntityRef {
  kind: string;
  aliases: string[];
}

export interface EntityDetails extends EntityRef {
  kind: string;
  measure: string | null;
  description: string | null;
  aliases: string[];
}

export interface EdgeDetails {
  id: string;
  polarity: Polarity;
  weight: number;
  confidence: number;
  lagDays: number;
  mechanism: string;
  from: EntityRef;
  to: EntityRef;
  evidence: {
    quote: string;
    figure: string | null;
    source: { id: string; title: string; author: string | null; publishedOn: string | null; language: string };
  }[];
}

export interface Scenario {
  id: string;
  title: string;
  description: string;
  quote: string;
  source: { title: string };
  shocks: { entity: EntityRef; direction: Direction; magnitude: number }[];
}

export interface Impact {
  entity: EntityRef;
  direction: Direction;
  strength: number;
  hops: number;
  pathCount: number;
  mixed: boolean;
  earliestArrivalDays: number;
  /** The signed sum over every surviving path that ends here (UP positive). */
  netEffect: number;
  /** |netEffect| / the sum of those paths' strengths, in [0, 1]: 1 when they all agree. */
  agreement: number;
}

/** The edges of a path: the ends are the path's entities on either side (entities[i] → entities[i + 1]). */
export interface PathEdge {
  id: string;
  weight: number;
  polarity: Polarity;
}

/**
 * A path as it is drawn: ids only, names come from the impacts and the shocks. Up to 1000 of
 * these are asked for, so the selection stays small (the API prices each field per path).
 */
export interface TransmissionPath {
  strength: number;
  direction: Direction;
  lagDays: number;
  entities: { id: string }[];
  edges: PathEdge[];
  explanation: { text: string };
}

/** A path fetched only to connect a reached entity to the drawing (no explanation). */
export type ConnectingPath = Pick<TransmissionPath, 'strength' | 'direction' | 'entities' | 'edges'>;

export interface CutPath {
  strength: number;
  direction: Direction;
  entities: EntityRef[];
  edges: PathEdge[];
}

export interface ImpactChange {
  kind: ChangeKind;
  entity: EntityRef;
  before: { direction: Direction; strength: number; hops: number } | null;
  after: { direction: Direction; strength: number; hops: number } | null;
}

export interface Propagation {
  impacts: Impact[];
  paths: TransmissionPath[];
  comparison: { changes: ImpactChange[]; cutPaths: CutPath[] } | null;
}

export interface FeedbackLoop {
  kind: string;
  strength: number;
  length: number;
  entities: EntityRef[];
  edges: { id: string; weight: number; polarity: Polarity; from: { id: string }; to: { id: string } }[];
}

export interface ShockInput {
  entityId: string;
  direction: Direction;
  magnitude?: number;
}

export interface PropagateArgs {
  shocks?: ShockInput[];
  scenario?: string;
  maxHops: number;
  minStrength: number;
  topPaths: number;
  horizonDays?: number;
  disable?: { entities?: string[]; edges?: string[] };
  compare: boolean;
}

/** A shocked entity as drawn: the scenario's, the form's, or (failing both) a path's first entity. */
export interface ShockNode {
  id: string;
  name: string;
  direction: Direction;
}

/** A path from the shock to the chosen entity (channels): names included, no explanation. */
export interface ChannelPath {
  strength: number;
  direction: Direction;
  lagDays: number;
  entities: EntityRef[];
  edges: PathEdge[];
}

export interface EdgeContribution {
  edge: { id: string; weight: number; polarity: Polarity; from: EntityRef; to: EntityRef };
  /** Signed sum over the channels that use this edge. */
  contribution: number;
  pathCount: number;
}

export interface Channels {
  paths: ChannelPath[];
  pathCount: number;
  netEffect: number;
  agreement: number;
  contributions: EdgeContribution[];
}

export interface ChannelsArgs {
  from: ShockInput;
  to: string;
  maxHops: number;
  minStrength: number;
  topPaths: number;
  avoid: string[];
}

export interface Band {
  p05: number;
  p50: number;
  p95: number;
  sameSign: number;
}

export interface EntityResponse {
  entity: EntityRef;
  /** Steady state, in [-1, 1]. */
  level: number;
  direction: Direction | null;
  /** Level on days 0..horizonDays. */
  series: number[];
  peakDay: number;
  band: Band | null;
}

export interface ResponseAnswer {
  converged: boolean;
  steps: number;
  entities: EntityResponse[];
}

export interface ResponseArgs {
  shocks?: ShockInput[];
  scenario?: string;
  disable?: { entities?: string[]; edges?: string[] };
  horizonDays: number;
  samples: number;
  seed: number;
}
