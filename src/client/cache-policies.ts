/**
 * Cache set-up for front-ends, ready to import: every object type of the schema is either
 * normalised by its `id` (the default of both clients) or listed here as embedded in its
 * parent. No dependency: the shapes below are what Apollo Client's `InMemoryCache` and
 * urql's Graphcache take.
 *
 *   import { typePolicies, possibleTypes } from '…/src/client/cache-policies';
 *   new InMemoryCache({ typePolicies, possibleTypes });
 *
 *   import { keys } from '…/src/client/cache-policies';
 *   cacheExchange({ keys });
 *
 * Select `id` wherever a type has one: neither client adds it to a query by itself. README,
 * "Client caches", says how each id is derived; test/unit/client/cache-policies.test.ts
 * fails for any object type that has neither an id nor an entry here.
 */

/**
 * Object types with no identity of their own, always reached through one parent: a page's
 * PageInfo and Relay edges, a connection (its Query field's arguments are its identity),
 * a Monte-Carlo band, a path's explanation, a propagation's comparison. They are stored
 * inside their parent, and merged field by field when the parent is written again.
 */
export const EMBEDDED_TYPES = [
  'PageInfo',
  'EntityConnection',
  'EntityEdge',
  'CausalEdgeConnection',
  'CausalEdgeEdge',
  'Band',
  'PathExplanation',
  'PropagationComparison',
] as const;

export type EmbeddedType = (typeof EMBEDDED_TYPES)[number];

/** Apollo Client: `new InMemoryCache({ typePolicies, possibleTypes })`. */
export const typePolicies: Record<EmbeddedType, { readonly keyFields: false; readonly merge: true }> = Object.fromEntries(
  EMBEDDED_TYPES.map((name) => [name, { keyFields: false, merge: true }]),
) as Record<EmbeddedType, { readonly keyFields: false; readonly merge: true }>;

/** The schema's interfaces and the types that implement them (Apollo needs them for fragments on an interface). */
export const possibleTypes: Record<string, string[]> = {
  Revision: ['EdgeRevision', 'EntityRevision', 'SourceRevision'],
};

/** urql Graphcache: `cacheExchange({ keys })`: null keys mark a type as embedded. */
export const keys: Record<EmbeddedType, () => null> = Object.fromEntries(EMBEDDED_TYPES.map((name) => [name, () => null])) as Record<
  EmbeddedType,
  () => null
>;
