// GraphQL calls to the public API (same origin, POST /graphql). The answer types live in
// model.ts (no DOM there, so pure modules and their tests can use them).

import type {
  Channels,
  ChannelsArgs,
  ConnectingPath,
  EdgeDetails,
  EntityDetails,
  EntitySuggestion,
  FeedbackLoop,
  PropagateArgs,
  Propagation,
  ResponseAnswer,
  ResponseArgs,
  Scenario,
} from './model';
import type { DisagreeingEdge } from './disagreements';

export type * from './model';

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

async function request<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
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

// Paths carry ids only (names come from the impacts) and no per-step explanation (the list
// builds steps from the edges when they are opened): the API prices every field per path,
// and this selection lets up to 1000 paths through its cost limit. The comparison is only
// selected for a counterfactual, for the same reason, and its cut paths come without
// explanations (drawn as their entities' names), so 500 paths with a counterfactual fit too.
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
        entity { id name }
        direction strength hops pathCount mixed earliestArrivalDays netEffect agreement
      }
      paths {
        strength direction lagDays
        entities { id }
        edges { id weight polarity }
        explanation { text }
      }
      comparison @include(if: $compare) {
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
        }
      }
    }
  }
`;

export async function propagate(args: PropagateArgs): Promise<Propagation> {
  // Undefined variables are left out of the JSON, so the query's defaults apply.
  const data = await request<{ propagate: Propagation & { comparison?: Propagation['comparison'] } }>(PROPAGATE, { ...args });
  return { ...data.propagate, comparison: data.propagate.comparison ?? null };
}

const CONNECTING = /* GraphQL */ `
  query Connecting(
    $shocks: [ShockInput!]! = []
    $scenario: ID
    $maxHops: Int!
    $minStrength: Float!
    $topPaths: Int!
    $horizonDays: Int
    $disable: DisableInput
  ) {
    propagate(
      shocks: $shocks
      scenario: $scenario
      maxHops: $maxHops
      minStrength: $minStrength
      topPaths: $topPaths
      horizonDays: $horizonDays
      disable: $disable
    ) {
      paths {
        strength
        direction
        entities {
          id
        }
        edges {
          id
          weight
          polarity
        }
      }
    }
  }
`;

/** The same propagation's strongest paths, with only what drawing them needs. */
export async function propagatePaths(args: Omit<PropagateArgs, 'compare'>): Promise<ConnectingPath[]> {
  const data = await request<{ propagate: { paths: ConnectingPath[] } }>(CONNECTING, { ...args });
  return data.propagate.paths;
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

const CHANNELS = /* GraphQL */ `
  query Channels($from: ShockInput!, $to: ID!, $maxHops: Int!, $minStrength: Float!, $topPaths: Int!, $avoid: [ID!]!) {
    channels(from: $from, to: $to, maxHops: $maxHops, minStrength: $minStrength, topPaths: $topPaths, avoid: $avoid) {
      pathCount
      netEffect
      agreement
      paths {
        strength
        direction
        lagDays
        entities {
          id
          name
        }
        edges {
          id
          weight
          polarity
        }
      }
      contributions(first: 8) {
        contribution
        pathCount
        edge {
          id
          weight
          polarity
          from {
            id
            name
          }
          to {
            id
            name
          }
        }
      }
    }
  }
`;

/** The channels from one shock to one entity, with the edges the answer hinges on. */
export async function fetchChannels(args: ChannelsArgs): Promise<Channels> {
  const data = await request<{ channels: Channels }>(CHANNELS, { ...args });
  return data.channels;
}

const RESPONSE = /* GraphQL */ `
  query Response($shocks: [ShockInput!]! = [], $scenario: ID, $disable: DisableInput, $horizonDays: Int!, $samples: Int!, $seed: Int!) {
    response(shocks: $shocks, scenario: $scenario, disable: $disable, horizonDays: $horizonDays, samples: $samples, seed: $seed) {
      converged
      steps
      entities {
        entity {
          id
          name
        }
        level
        direction
        series
        peakDay
        band {
          p05
          p50
          p95
          sameSign
        }
      }
    }
  }
`;

/** The response with feedback: steady state, series over days, and Monte-Carlo bands. */
export async function fetchResponse(args: ResponseArgs): Promise<ResponseAnswer> {
  const data = await request<{ response: ResponseAnswer }>(RESPONSE, { ...args });
  return data.response;
}

/** A proposal awaiting review, with its evidence and whether each source carries its text. */
export interface Proposal {
  id: string;
  revision: number;
  polarity: 'POSITIVE' | 'NEGATIVE';
  weight: number;
  mechanism: string;
  createdBy: string;
  createdAt: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  evidence: { quote: string; source: { id: string; title: string; hasText: boolean } }[];
}

export async function fetchReviewQueue(): Promise<{ nodes: Proposal[]; totalCount: number }> {
  const data = await request<{ reviewQueue: { nodes: Proposal[]; totalCount: number } }>(
    `{ reviewQueue(first: 50) { totalCount nodes { id revision polarity weight mechanism createdBy createdAt
        from { id name } to { id name } evidence { quote source { id title hasText } } } } }`,
    {},
  );
  return data.reviewQueue;
}

export async function fetchSourceText(id: string): Promise<string | null> {
  const data = await request<{ sources: { id: string; text: string | null }[] }>('{ sources { id text } }', {});
  return data.sources.find((s) => s.id === id)?.text ?? null;
}

/** Accepts or rejects a proposal with a reviewer's token; the reason goes into its history. */
export async function decideProposal(
  decision: 'accept' | 'reject',
  id: string,
  expectedRevision: number,
  reason: string,
  token: string,
): Promise<{ id: string; status: string }> {
  const field = decision === 'accept' ? 'acceptEdge' : 'rejectEdge';
  const type = decision === 'accept' ? 'String' : 'String!';
  const data = await request<Record<string, { id: string; status: string }>>(
    `mutation($id: ID!, $rev: Int!, $reason: ${type}) { ${field}(id: $id, expectedRevision: $rev, reason: $reason) { id status } }`,
    { id, rev: expectedRevision, reason: reason === '' && decision === 'accept' ? null : reason },
    token,
  );
  return data[field];
}

/** Pairs of entities joined by ACTIVE edges of both polarities (the API's bound: 500 pairs). */
export async function fetchDisagreements(): Promise<DisagreeingEdge[][]> {
  const data = await request<{ disagreements: DisagreeingEdge[][] }>(
    '{ disagreements(first: 500) { id polarity from { id name } to { id name } } }',
    {},
  );
  return data.disagreements;
}
