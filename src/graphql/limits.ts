import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  GraphQLError,
  OperationTypeNode,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  visit,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { LIMITS } from '../domain/limits/argument-limits';
import type { LongestLists } from '../application/ports/graph-reads.port';
import { ErrorCode } from './error-codes';

/** What one operation may ask for; checked before anything runs (README, "Limits"). */
export interface OperationLimits {
  /** Nesting of fields, fragments flattened; introspection is exempt. */
  readonly maxDepth: number;
  readonly maxAliases: number;
  /** Lexical tokens in the document: parsing stops past it. */
  readonly maxTokens: number;
  /** The estimated cost (see `estimateCost`). */
  readonly maxCost: number;
}

export const DEFAULT_LIMITS: OperationLimits = { maxDepth: 10, maxAliases: 15, maxTokens: 2_000, maxCost: 100_000 };

/** Depth and aliases, as validation rules (GRAPHQL_VALIDATION_FAILED, HTTP 400). */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  // Reported as validation errors; thrown (the rules' default) they would surface as a 500.
  const report = {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true, ...report }),
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, ...report }),
  ];
}

// Walks grow about threefold per hop on the curated graph (BOJ: 23,706 edges examined at 8
// hops); the estimate follows that growth rather than any one graph's size.
const GROWTH_PER_HOP = 3;
/** A scenario's shocks are not known before it is looked up: at most this many. */
const SCENARIO_SHOCKS = 10;
/** Impact rows assumed per propagation, beyond its top paths. */
const IMPACT_ROWS = 100;
/** Entities a ranking propagates from. */
const RANKED_ENTITIES = 100;
/** Entity rows assumed per response (the curated graph's 70 entities, rounded up). */
const RESPONSE_ROWS = 100;
/** One steady state, computed once and again per Monte-Carlo draw. */
const STEADY_STATE_WORK = 75;
/** Levels of a response's series that cost as much as one resolved field. */
const SERIES_LEVELS_PER_UNIT = 10;
const MAX_HOPS = LIMITS.propagate.maxHops.max;
/** One path's explanation, in units of about a microsecond (measured: ≈ 0.2 ms a path). */
const EXPLANATION_WORK = 200;
/** Reading one record's history and checking its chain, in the same units. */
const HISTORY_WORK = 100;
/** Named scenarios: the seed's, a handful. */
const SCENARIOS = 20;

type Args = Record<string, unknown>;

/**
 * Sizes of lists that writers grow, read from the store when an operation asks for them:
 * the number of sources (`sources` lists them all), and the longest `outgoing`/`incoming`
 * (degree, proposals included), `history` and `evidence` (quotes) there are. An entity's
 * `aliases`, a list of strings, costs one field (MAX_RESPONSE_BYTES bounds its size).
 */
export interface ListSizes extends LongestLists {
  readonly sources: number;
}

/** Where the real sizes come from (the catalog). */
export interface ListSizeSource {
  sourceCount(): Promise<number>;
  longestLists(): Promise<LongestLists>;
}

const GROWN_BY_WRITERS = new Set(['outgoing', 'incoming', 'history', 'evidence']);
const NONE_GROWN: LongestLists = { degree: 0, history: 0, quotes: 0 };

/**
 * The real sizes of the writer-grown lists this operation names (fragments included),
 * each read only when named: an operation without them costs no store call.
 */
export async function listSizesFor(document: DocumentNode, source: ListSizeSource): Promise<ListSizes> {
  const named = new Set<string>();
  visit(document, { Field: (node) => void named.add(node.name.value) });
  const [sources, longest] = await Promise.all([
    named.has('sources') ? source.sourceCount() : 0,
    [...named].some((name) => GROWN_BY_WRITERS.has(name)) ? source.longestLists() : NONE_GROWN,
  ]);
  return { sources, ...longest };
}
/** An argument's value, or the default the limits table gives it. */
const num = (value: unknown, range: { default?: number }) =>
  typeof value === 'number' && Number.isFinite(value) ? value : (range.default ?? 0);
const hops = (value: unknown, range: { default?: number }) => Math.min(Math.max(num(value, range), 0), MAX_HOPS);

/**
 * What a field costs beyond 1, by field coordinate: `work` done before its children, and
 * `items`, how many it answers with at most (its children's cost is multiplied by it).
 * Every root field has an entry, even an empty one, so that a new query cannot go unpriced
 * by omission (test/api/cost-model.test.ts).
 */
export const COSTS: Record<
  string,
  {
    readonly work?: (args: Args, sizes: ListSizes) => number;
    readonly items?: (args: Args, sizes: ListSizes) => number;
  }
> = {
  'Query.entity': {},
  'Query.edge': {},
  // Every source there is: priced by the store's real count.
  'Query.sources': { items: (_a, sizes) => sizes.sources },
  'Query.scenarios': { items: () => SCENARIOS },
  'Query.entities': { items: (a) => num(a.first, LIMITS.entities.first) },
  'Query.edges': { items: (a) => num(a.first, LIMITS.edges.first) },
  'Query.propagate': {
    work: (a) => {
      const shocks = a.scenario != null ? SCENARIO_SHOCKS : Array.isArray(a.shocks) ? a.shocks.length : 1;
      return shocks * GROWTH_PER_HOP ** hops(a.maxHops, LIMITS.propagate.maxHops) * (a.compare === true ? 2 : 1);
    },
    // Its impacts and its top paths: one item stands for a path and an impact row together.
    items: (a) => num(a.topPaths, LIMITS.propagate.topPaths) + IMPACT_ROWS,
  },
  'Query.feedbackLoops': {
    work: (a) => GROWTH_PER_HOP ** hops(a.maxLength, LIMITS.feedbackLoops.maxLength),
    items: (a) => num(a.first, LIMITS.feedbackLoops.first),
  },
  'Query.rankings': {
    work: (a) => RANKED_ENTITIES * GROWTH_PER_HOP ** hops(a.maxHops, LIMITS.rankings.maxHops),
    items: (a) => num(a.first, LIMITS.rankings.first),
  },
  'Query.neighbourhood': { items: (a) => num(a.maxEntities, LIMITS.neighbourhood.maxEntities) },
  // One shock's walk (aiming at the target only prunes it). Its paths are priced per path
  // (`Channels.paths`, below), so `contributions` beside them is not multiplied by topPaths.
  'Query.channels': { work: (a) => GROWTH_PER_HOP ** hops(a.maxHops, LIMITS.channels.maxHops) },
  // As many as the enclosing `channels` asks for (its topPaths), each with all it selects.
  // (costEstimator takes the count from the enclosing field, found by channelPathCounts.)
  'Channels.paths': { items: () => LIMITS.channels.topPaths.default },
  'Channels.contributions': { items: (a) => num(a.first, LIMITS.channels.contributions) },
  // A steady state per draw, plus the series: every row's level on every day.
  'Query.response': {
    work: (a) =>
      STEADY_STATE_WORK * (1 + num(a.samples, LIMITS.response.samples)) +
      (RESPONSE_ROWS * (num(a.horizonDays, LIMITS.response.horizonDays) + 1)) / SERIES_LEVELS_PER_UNIT,
    items: () => RESPONSE_ROWS,
  },
  'Query.reviewQueue': { items: (a) => num(a.first, LIMITS.reviewQueue.first) },
  // One pass over the causal index, then at most `first` groups of two edges (one active
  // edge per claim: a pair has at most one of each polarity).
  'Query.disagreements': { work: () => 10, items: (a) => 2 * num(a.first, LIMITS.disagreements.first) },
  // Reads the whole text (at most 1,000,000 characters) and every entity's aliases: priced
  // as about a thousand resolved fields, and each suggestion's entities and edge on top.
  'Query.suggestEdges': { work: () => 1_000, items: (a) => num(a.first, LIMITS.suggestEdges.first) },
  'Mutation.proposeSuggestion': {},
  'Mutation.setSourceText': {},
  'Mutation.acceptEdge': {},
  'Mutation.rejectEdge': {},
  'Mutation.upsertEntity': {},
  'Mutation.addSource': {},
  'Mutation.addEdge': {},
  'Mutation.updateEdge': {},
  'Mutation.retractEdge': {},
  // Priced per event: each event resolves the selection once.
  'Subscription.graphChanged': {},
  'Subscription.edgeChanged': {},
  // Writers grow these: priced by the longest there is (the curated graph's is 12).
  'Entity.outgoing': { items: (_a, sizes) => sizes.degree },
  'Entity.incoming': { items: (_a, sizes) => sizes.degree },
  'TransmissionPath.entities': { items: () => MAX_HOPS + 1 },
  // One step per edge of the path.
  'PathExplanation.steps': { items: () => MAX_HOPS },
  'TransmissionPath.edges': { items: () => MAX_HOPS },
  // Wording a path (its claims, quotes and sentences) takes about 0.2 ms: priced as such.
  'TransmissionPath.explanation': { work: () => EXPLANATION_WORK },
  'FeedbackLoop.entities': { items: () => MAX_HOPS },
  'FeedbackLoop.edges': { items: () => MAX_HOPS },
  'CausalEdge.evidence': { items: (_a, sizes) => sizes.quotes },
  // A history is a read from the store and its hash chain checked, for each record asked:
  // about 0.1 ms a record (measured: 2,000 sources' histories took 0.25–1 s on the main
  // thread), priced as such on top of its entries, as many as the longest history there is.
  'CausalEdge.history': { items: (_a, sizes) => sizes.history, work: () => HISTORY_WORK },
  'Entity.history': { items: (_a, sizes) => sizes.history, work: () => HISTORY_WORK },
  'Source.history': { items: (_a, sizes) => sizes.history, work: () => HISTORY_WORK },
};

/**
 * Lists whose length the root field's items already count (a propagation's paths and
 * impacts, a response's rows, a ranking's entries, a neighbourhood's members), or that are
 * fixed by the schema: one item each here, so that every list field is priced on purpose
 * (test/api/limits-table.test.ts fails for a list field missing from COSTS).
 */
const COUNTED_AT_THE_ROOT = [
  'CausalEdgeConnection.nodes',
  'EntityConnection.nodes',
  // Relay's edges beside nodes: the same page, each selection priced on its own.
  'CausalEdgeConnection.edges',
  'EntityConnection.edges',
  'Propagation.impacts',
  'Propagation.paths',
  'Response.entities',
  'Rankings.leverage',
  'Rankings.vulnerable',
  'Neighbourhood.entities',
  'Neighbourhood.edges',
  // Under a propagation, whose items (topPaths + 100) already multiply everything below it.
  'PropagationComparison.changes',
  'PropagationComparison.cutPaths',
];
for (const at of COUNTED_AT_THE_ROOT) COSTS[at] = { items: () => 1 };
Object.assign(COSTS, {
  // A revision's changes: one per field of the record (an edge has the most, 12).
  'EdgeRevision.changes': { items: () => 12 },
  'EntityRevision.changes': { items: () => 12 },
  'SourceRevision.changes': { items: () => 12 },
  // The day-by-day series of a response row: a list of floats, one per day.
  'EntityResponse.series': { items: () => LIMITS.response.horizonDays.max + 1 },
  // At most the write bound; a list of strings is a leaf, so this multiplies nothing and it
  // costs one field (MAX_RESPONSE_BYTES bounds its size).
  'Entity.aliases': { items: () => LIMITS.writes.aliases.max },
  'Scenario.shocks': { items: () => SCENARIO_SHOCKS },
});

/**
 * The cost model: every field costs 1, plus the work it does (propagation, loop search and
 * rankings grow threefold per hop and with the number of shocks), plus its children's cost
 * times the number of items it answers with. Aliases repeat the cost.
 */
export function costEstimator(sizes: ListSizes, document: DocumentNode, variables: Record<string, unknown>): ComplexityEstimator {
  const pathsOf = channelPathCounts(document, variables);
  return ({ type, field, args, node, childComplexity }) => {
    const cost = COSTS[`${type.name}.${field.name}`];
    const items = cost?.items?.(args, sizes) ?? 1;
    const counted = type.name === 'Channels' && field.name === 'paths' ? (pathsOf.get(node) ?? items) : items;
    return 1 + (cost?.work?.(args, sizes) ?? 0) + counted * childComplexity;
  };
}

/**
 * For each `paths` field selected under a `channels` field (through fragments too), the
 * topPaths that `channels` asks for (the largest, when a fragment is spread under several):
 * the estimator sees a field without its parent, so the count is found beforehand.
 */
export function channelPathCounts(document: DocumentNode, variables: Record<string, unknown>): WeakMap<FieldNode, number> {
  const counts = new WeakMap<FieldNode, number>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const topPathsOf = (field: FieldNode): number => {
    const argument = field.arguments?.find((a) => a.name.value === 'topPaths');
    const value =
      argument?.value.kind === Kind.INT
        ? Number(argument.value.value)
        : argument?.value.kind === Kind.VARIABLE
          ? variables[argument.value.name.value]
          : undefined;
    return typeof value === 'number' && Number.isFinite(value) ? value : LIMITS.channels.topPaths.default;
  };
  const walked = new Set<string>();
  const walk = (selections: SelectionSetNode | undefined, topPaths: number | undefined, depth: number): void => {
    if (!selections || depth > 64) return;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === 'channels') walk(selection.selectionSet, topPathsOf(selection), depth + 1);
        else {
          if (selection.name.value === 'paths' && topPaths !== undefined) {
            counts.set(selection, Math.max(counts.get(selection) ?? 0, topPaths));
          }
          walk(selection.selectionSet, undefined, depth + 1);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, topPaths, depth + 1);
      } else {
        // A fragment is walked once per topPaths it is spread under (spreads cannot cycle in a valid document).
        const key = `${selection.name.value}@${topPaths ?? ''}`;
        if (walked.has(key)) continue;
        walked.add(key);
        walk(fragments.get(selection.name.value)?.selectionSet, topPaths, depth + 1);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) walk(definition.selectionSet, undefined, 0);
  }
  return counts;
}

/** The COST_LIMIT_EXCEEDED error for an operation over `maxCost`; undefined when it is within (or its variables are bad: execution answers that). */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  maxCost: number,
  sizes: ListSizes,
): GraphQLError | undefined {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, variables, operationName, estimators: [costEstimator(sizes, document, variables)] });
  } catch {
    return undefined;
  }
  if (cost <= maxCost) return undefined;
  return new GraphQLError(
    `The operation's estimated cost is ${Math.round(cost).toLocaleString('en')}, over the limit of ${maxCost.toLocaleString('en')}: ask for fewer hops, shocks, paths or aliases.`,
    { extensions: { code: ErrorCode.COST_LIMIT_EXCEEDED, cost: Math.round(cost), maxCost, http: { status: 400 } } },
  );
}

/** Refuses an operation whose estimated cost is over `maxCost`, before it runs (HTTP 400). */
export function costLimitPlugin<TContext extends BaseContext>(
  maxCost: number,
  sizesFrom: (context: TContext) => ListSizeSource,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName, contextValue }) {
          // The store is asked only when the operation names a list priced by its real size.
          const sizes = await listSizesFor(document, sizesFrom(contextValue));
          const refusal = costRefusal(schema, document, request.variables ?? {}, operationName ?? undefined, maxCost, sizes);
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/** How deeply a request's variables may nest objects and lists (the schema's inputs need 3). */
export const MAX_VARIABLE_DEPTH = 32;

/** The nesting depth of a JSON value, found without recursion (so no depth can overflow the stack). */
export function nestingDepth(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Refuses variables nested deeper than MAX_VARIABLE_DEPTH with BAD_USER_INPUT before anything
 * walks them (the response cache's key, coercion, the cost estimate): a variable nested many
 * thousand levels would otherwise overflow the stack and answer a 500.
 */
export function variableDepthPlugin<TContext extends BaseContext>(maxDepth = MAX_VARIABLE_DEPTH): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            // The variable itself is level 0: `{ a: 1 }` is nested one level.
            if (nestingDepth(value, maxDepth) > maxDepth) {
              throw new GraphQLError(
                `Variable "$${name}" is nested more than ${maxDepth} levels deep; the schema's inputs need far fewer.`,
                { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } },
              );
            }
          }
        },
      };
    },
  };
}

/**
 * A subscription sent over HTTP is refused with BAD_REQUEST (HTTP 400) before it runs: live
 * updates are served over WebSocket (graphql-ws) on the same path. Run as a query, it would
 * have no event to resolve.
 */
export function subscriptionsOverWebSocketPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return;
          throw new GraphQLError('Subscriptions are served over WebSocket (the graphql-ws protocol) on /graphql, not over HTTP.', {
            extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
          });
        },
      };
    },
  };
}
