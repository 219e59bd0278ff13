import { getNullableType, isListType, isNonNullType, isObjectType, isScalarType, type GraphQLArgument, type GraphQLField } from 'graphql';
import { LIMITS, rangeText, requireInRange, type IntRange, type NumberRange } from '../../src/domain/limits/argument-limits';
import { buildApiSchema } from '../../src/graphql/build-schema';
import { COSTS } from '../../src/graphql/limits';

const schema = buildApiSchema();

function rootFields(): Array<[string, GraphQLField<unknown, unknown>]> {
  return [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!].flatMap((type) =>
    Object.values(type.getFields()).map((field): [string, GraphQLField<unknown, unknown>] => [`${type.name}.${field.name}`, field]),
  );
}

/** Every numeric argument of the schema whose description names a range, with the field it belongs to. */
function rangedArguments(): Array<[string, GraphQLArgument]> {
  return rootFields().flatMap(([at, field]) =>
    field.args
      .filter((arg) => {
        const type = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
        return isScalarType(type) && (type.name === 'Int' || type.name === 'Float');
      })
      .map((arg): [string, GraphQLArgument] => [`${at}(${arg.name})`, arg]),
  );
}

describe('one table for limits and defaults', () => {
  it('prices every root field explicitly: a query or mutation missing from the cost model fails here', () => {
    const unpriced = rootFields()
      .map(([at]) => at)
      .filter((at) => !(at in COSTS));
    expect(unpriced).toEqual([]);
  });

  it('prices every list field: a list without a bound in the cost model fails here', () => {
    const unbounded = Object.values(schema.getTypeMap()).flatMap((type) =>
      isObjectType(type) && !type.name.startsWith('__')
        ? Object.values(type.getFields())
            .filter((field) => isListType(getNullableType(field.type)))
            .map((field) => `${type.name}.${field.name}`)
            .filter((at) => COSTS[at]?.items === undefined)
        : [],
    );
    expect(unbounded).toEqual([]);
  });

  it('names in the cost model only fields the schema has', () => {
    const known = new Set(
      Object.values(schema.getTypeMap()).flatMap((type) =>
        'getFields' in type && !type.name.startsWith('__') ? Object.keys(type.getFields()).map((f) => `${type.name}.${f}`) : [],
      ),
    );
    expect(Object.keys(COSTS).filter((at) => !known.has(at))).toEqual([]);
  });

  it("gives every ranged argument the table's default and ends its description with the table's range", () => {
    const table: Record<string, IntRange | NumberRange> = {
      'Query.entities(first)': LIMITS.entities.first,
      'Query.edges(first)': LIMITS.edges.first,
      'Query.propagate(maxHops)': LIMITS.propagate.maxHops,
      'Query.propagate(minStrength)': LIMITS.propagate.minStrength,
      'Query.propagate(topPaths)': LIMITS.propagate.topPaths,
      'Query.propagate(horizonDays)': LIMITS.propagate.horizonDays,
      'Query.feedbackLoops(maxLength)': LIMITS.feedbackLoops.maxLength,
      'Query.feedbackLoops(first)': LIMITS.feedbackLoops.first,
      'Query.rankings(maxHops)': LIMITS.rankings.maxHops,
      'Query.rankings(minStrength)': LIMITS.rankings.minStrength,
      'Query.rankings(first)': LIMITS.rankings.first,
      'Query.neighbourhood(hops)': LIMITS.neighbourhood.hops,
      'Query.neighbourhood(maxEntities)': LIMITS.neighbourhood.maxEntities,
      'Query.channels(maxHops)': LIMITS.channels.maxHops,
      'Query.channels(minStrength)': LIMITS.channels.minStrength,
      'Query.channels(topPaths)': LIMITS.channels.topPaths,
      'Query.response(horizonDays)': LIMITS.response.horizonDays,
      'Query.response(adjustmentDays)': LIMITS.response.adjustmentDays,
      'Query.response(samples)': LIMITS.response.samples,
      'Query.response(seed)': LIMITS.response.seed,
      'Query.reviewQueue(first)': LIMITS.reviewQueue.first,
      'Query.disagreements(first)': LIMITS.disagreements.first,
      'Query.suggestEdges(first)': LIMITS.suggestEdges.first,
    };
    const found = rangedArguments().filter(([at]) => !at.startsWith('Mutation.'));
    // A new numeric argument must be added to the table (and here) rather than described by hand.
    expect(found.map(([at]) => at).sort()).toEqual(Object.keys(table).sort());
    for (const [at, arg] of found) {
      const range = table[at];
      expect({ at, defaultValue: arg.defaultValue }).toEqual({ at, defaultValue: range.default });
      expect({ at, description: arg.description }).toEqual({ at, description: expect.stringMatching(`: ${escape(rangeText(range))}\\.$`) });
    }
  });

  it('validates with the same ranges it documents, open and closed ends included', () => {
    expect(() => requireInRange('minStrength', 0, LIMITS.propagate.minStrength)).not.toThrow();
    expect(() => requireInRange('minStrength', 1, LIMITS.propagate.minStrength)).toThrow('minStrength must be a number in [0, 1) (got 1)');
    expect(() => requireInRange('minStrength', 0, LIMITS.rankings.minStrength)).toThrow('must be a number in (0, 1) (got 0)');
    expect(() => requireInRange('maxHops', 8.5, LIMITS.propagate.maxHops)).toThrow('maxHops must be an integer from 1 to 8 (got 8.5)');
    expect(() => requireInRange('magnitude', 1, LIMITS.shock.magnitude)).not.toThrow();
    expect(() => requireInRange('magnitude', NaN, LIMITS.shock.magnitude)).toThrow('must be a number in (0, 1]');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
