import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { PROPAGATION_LIMITS } from '../domain/propagation/propagation.model';
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

type Args = Record<string, unknown>;
const num = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const hops = (value: unknown, fallback: number) => Math.min(Math.max(num(value, fallback), 0), PROPAGATION_LIMITS.maxHops.max);

/** Work a field does before its children, beyond 1, by field coordinate. */
const WORK: Record<string, (args: Args) => number> = {
  'Query.propagate': (a) => {
    const shocks = a.scenario != null ? SCENARIO_SHOCKS : Array.isArray(a.shocks) ? a.shocks.length : 1;
    return shocks * GROWTH_PER_HOP ** hops(a.maxHops, 3) * (a.compare === true ? 2 : 1);
  },
  'Query.feedbackLoops': (a) => GROWTH_PER_HOP ** hops(a.maxLength, 6),
  'Query.rankings': (a) => RANKED_ENTITIES * GROWTH_PER_HOP ** hops(a.maxHops, 3),
};

/** How many items a field answers with at most (or is assumed to), by field coordinate. */
const ITEMS: Record<string, (args: Args) => number> = {
  'Query.entities': (a) => num(a.first, 50),
  'Query.edges': (a) => num(a.first, 100),
  'Query.feedbackLoops': (a) => num(a.first, 50),
  'Query.rankings': (a) => num(a.first, 20),
  'Query.neighbourhood': (a) => num(a.maxEntities, 100),
  // Its impacts and its top paths: one item stands for a path and an impact row together.
  'Query.propagate': (a) => num(a.topPaths, 25) + IMPACT_ROWS,
  // The curated graph's entities have 2.5 edges each on average and 12 at most.
  'Entity.outgoing': () => 10,
  'Entity.incoming': () => 10,
  'TransmissionPath.entities': () => PROPAGATION_LIMITS.maxHops.max + 1,
  'TransmissionPath.edges': () => PROPAGATION_LIMITS.maxHops.max,
  'FeedbackLoop.entities': () => PROPAGATION_LIMITS.maxHops.max,
  'FeedbackLoop.edges': () => PROPAGATION_LIMITS.maxHops.max,
  'CausalEdge.evidence': () => 5,
  'CausalEdge.history': () => 10,
};

/**
 * The cost model: every field costs 1, plus the work it does (propagation, loop search and
 * rankings grow threefold per hop and with the number of shocks), plus its children's cost
 * times the number of items it answers with. Aliases repeat the cost.
 */
export const estimateCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const at = `${type.name}.${field.name}`;
  return 1 + (WORK[at]?.(args) ?? 0) + (ITEMS[at]?.(args) ?? 1) * childComplexity;
};

/** Refuses an operation whose estimated cost is over `maxCost`, before it runs (HTTP 400). */
export function costLimitPlugin<TContext extends BaseContext>(maxCost: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: operationName ?? undefined,
              estimators: [estimateCost],
            });
          } catch {
            return; // bad variables: execution answers that, before anything runs
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `The operation's estimated cost is ${Math.round(cost).toLocaleString('en')}, over the limit of ${maxCost.toLocaleString('en')}: ask for fewer hops, shocks, paths or aliases.`,
              { extensions: { code: ErrorCode.COST_LIMIT_EXCEEDED, cost: Math.round(cost), maxCost, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
