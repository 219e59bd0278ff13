// GraphQL calls to the public API (same origin, POST /graphql). Every type below mirrors the
// selection of the query that returns it, not the whole schema type.

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
  entity: EntityRef & { kind: string };
  direction: Direction;
  strength: number;
  hops: number;
  pathCount: number;
  mixed: boolean;
  earliestArrivalDays: number;
}

export interface PathEdge {
  id: string;
  weight: number;
  polarity: Polarity;
  lagDays: number;
  from: { id: string };
  to: { id: string };
}

export interface ExplanationStep {
  fromMoves: Direction;
  toMoves: Direction;
  mechanism: string;
  quote: string;
  sentence: string;
}

export interface TransmissionPath {
  strength: number;
  direction: Direction;
  lagDays: number;
  hops: number;
  entities: EntityRef[];
  edges: PathEdge[];
  explanation: { text: string; steps: ExplanationStep[] };
}

export interface CutPath {
  strength: number;
  direction: Direction;
  entities: EntityRef[];
  edges: { id: string; weight: number; polarity: Polarity }[];
  explanation: { text: string };
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

/** A GraphQL error (or a transport failure) with the server's message, ready to show. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new ApiError(`Cannot reach the API: ${(error as Error).message}`);
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The API answered ${response.status} ${response.statusText} without JSON`);
  }
  // Apollo answers 400 for validation errors with a JSON body: prefer its message to the status.
  if (body.errors?.length) {
    const [first] = body.errors;
    throw new ApiError(body.errors.map((e) => e.message).join('\n'), first.extensions?.code);
  }
  if (!response.ok || body.data == null) throw new ApiError(`The API answered ${response.status} ${response.statusText}`);
  return body.data;
}

const IMPACT_FIELDS = 'direction strength hops';

const PROPAGATE = /* GraphQL */ `
  query Propagate(
    $shocks: [ShockInput!]! = []
    $scenario: ID
    $maxHops: Int!
    $minStrength: Float!
    $topPaths: Int!
    $horizonDays: Int
    $disable: DisableInput
    $compare: Boolean! = false
  ) {
    propagate(
      shocks: $shocks
      scenario: $scenario
      maxHops: $maxHops
      minStrength: $minStrength
      topPaths: $topPaths
      horizonDays: $horizonDays
      disable: $disable
      compare: $compare
    ) {
      impacts {
        entity { id name kind }
        direction strength hops pathCount mixed earliestArrivalDays
      }
      paths {
        strength direction lagDays hops
        entities { id name }
        edges { id weight polarity lagDays from { id } to { id } }
        explanation { text steps { fromMoves toMoves mechanism quote sentence } }
      }
      comparison {
        changes {
          kind
          entity { id name }
          before { ${IMPACT_FIELDS} }
          after { ${IMPACT_FIELDS} }
        }
        cutPaths {
          strength direction
          entities { id name }
          edges { id weight polarity }
          explanation { text }
        }
      }
    }
  }
`;

export async function propagate(args: PropagateArgs): Promise<Propagation> {
  // Undefined variables are left out of the JSON, so the query's defaults apply.
  const data = await request<{ propagate: Propagation }>(PROPAGATE, { ...args });
  return data.propagate;
}

export async function searchEntities(search: string): Promise<EntitySuggestion[]> {
  const data = await request<{ entities: { nodes: EntitySuggestion[] } }>(
    `query Search($search: String!) { entities(search: $search, first: 8) { nodes { id name kind aliases } } }`,
    { search },
  );
  return data.entities.nodes;
}

export async function fetchScenarios(): Promise<Scenario[]> {
  const data = await request<{ scenarios: Scenario[] }>(
    `{ scenarios { id title description quote source { title } shocks { entity { id name } direction magnitude } } }`,
    {},
  );
  return data.scenarios;
}

export async function fetchEntity(id: string): Promise<EntityDetails | null> {
  const data = await request<{ entity: EntityDetails | null }>(
    `query Entity($id: ID!) { entity(id: $id) { id name kind measure description aliases } }`,
    { id },
  );
  return data.entity;
}

export async function fetchEdge(id: string): Promise<EdgeDetails | null> {
  const data = await request<{ edge: EdgeDetails | null }>(
    `query Edge($id: ID!) {
      edge(id: $id) {
        id polarity weight confidence lagDays mechanism
        from { id name } to { id name }
        evidence { quote figure source { id title author publishedOn language } }
      }
    }`,
    { id },
  );
  return data.edge;
}

export async function fetchLoops(through: string): Promise<FeedbackLoop[]> {
  const data = await request<{ feedbackLoops: FeedbackLoop[] }>(
    `query Loops($through: ID!) {
      feedbackLoops(through: $through, maxLength: 6, first: 25) {
        kind strength length
        entities { id name }
        edges { id weight polarity from { id } to { id } }
      }
    }`,
    { through },
  );
  return data.feedbackLoops;
}
