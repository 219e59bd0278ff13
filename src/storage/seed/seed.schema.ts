import { z } from 'zod';
import { DIRECTIONS, ENTITY_KINDS, POLARITIES } from '../../domain/model/graph.model';
import { SET_ASIDE_REASONS } from './inventory.model';

/**
 * The shape of one record in the seed's YAML files. Unknown keys are refused so a typo
 * in a hand-edited record fails loudly instead of vanishing.
 */
export const seedSourceSchema = z.strictObject({
  id: z.string(),
  title: z.string().min(1),
  author: z.string().optional(),
  publishedOn: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD')
    .optional(),
  language: z.string().min(2),
  /** The article's file name in the articles folder, for checking quotes against it. */
  file: z.string().optional(),
});

export const seedEntitySchema = z.strictObject({
  id: z.string(),
  name: z.string().min(1),
  kind: z.enum(ENTITY_KINDS),
  measure: z.string().optional(),
  description: z.string().optional(),
  aliases: z.array(z.string().min(1)).default([]),
  partOf: z.string().optional(),
});

export const seedEdgeSchema = z.strictObject({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  polarity: z.enum(POLARITIES),
  weight: z.number(),
  confidence: z.number(),
  lagDays: z.number().int().default(0),
  mechanism: z.string(),
  evidence: z.array(
    z.strictObject({
      source: z.string(),
      quote: z.string(),
      figure: z.string().optional(),
    }),
  ),
});

export type SeedSource = z.infer<typeof seedSourceSchema>;

/** seed/chains.yaml: the chains the articles spell out, each step `entity-id: UP|DOWN`. */
export const seedChainSchema = z.strictObject({
  id: z.string(),
  title: z.string().min(1),
  source: z.string(),
  loop: z.boolean().default(false),
  steps: z
    .array(z.record(z.string(), z.enum(DIRECTIONS)).refine((r) => Object.keys(r).length === 1, 'one `entity-id: UP|DOWN` per step'))
    .min(2),
});

/** seed/scenarios.yaml: named shocks from the articles. */
export const seedScenarioSchema = z.strictObject({
  id: z.string(),
  title: z.string().min(1),
  description: z.string().min(1),
  source: z.string(),
  quote: z.string().min(1).max(300),
  shocks: z
    .array(
      z.strictObject({ entity: z.string(), direction: z.enum(DIRECTIONS).default('UP'), magnitude: z.number().gt(0).lte(1).default(1) }),
    )
    .min(1),
});

const inventoryEndSchema = z
  .strictObject({
    entity: z.string().optional(),
    /** The article's own words for what moves, when no entity carries it (or to say it as the article does). */
    what: z.string().min(1).optional(),
    moves: z.enum(DIRECTIONS).optional(),
  })
  .refine((end) => end.entity !== undefined || end.what !== undefined, 'an `entity` id or a `what` saying what moves');

/**
 * seed/inventory/<source-id>.yaml: every causal statement of an article with what the graph does
 * with it: `edges` (the chain that carries it, from → to), or `setAside` with a `note`, or only a
 * `note` saying what the graph lacks (an open gap).
 */
export const seedInventoryItemSchema = z
  .strictObject({
    id: z.string(),
    source: z.string(),
    quote: z.string().min(1).max(300),
    from: inventoryEndSchema,
    to: inventoryEndSchema,
    edges: z.array(z.string()).min(1).optional(),
    setAside: z.enum(SET_ASIDE_REASONS).optional(),
    note: z.string().min(1).optional(),
  })
  .refine((item) => item.edges === undefined || item.setAside === undefined, 'either `edges` or `setAside`, not both')
  .refine(
    (item) => item.edges !== undefined || item.note !== undefined,
    'a `note`: why the statement is set aside, or what the graph lacks to carry it',
  );
