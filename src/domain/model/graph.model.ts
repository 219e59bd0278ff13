/**
 * The knowledge graph's vocabulary, as DOMAIN.md defines it. Plain data: no behaviour,
 * no knowledge of GraphQL or of any storage.
 */

export const ENTITY_KINDS = [
  'CENTRAL_BANK',
  'GOVERNMENT',
  'BANK',
  'FUND',
  'FACILITY',
  'MARKET',
  'INDICATOR',
  'ASSET',
  'POLICY',
  'EVENT',
  'OTHER',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const POLARITIES = ['POSITIVE', 'NEGATIVE'] as const;
/** POSITIVE: the target moves the same way as the source; NEGATIVE: the opposite way. */
export type Polarity = (typeof POLARITIES)[number];

export const DIRECTIONS = ['UP', 'DOWN'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface Entity {
  readonly id: string;
  readonly name: string;
  readonly kind: EntityKind;
  /** What "UP" means for this entity; required for entities that take part in causal edges. */
  readonly measure?: string;
  readonly description?: string;
  readonly aliases: readonly string[];
  /** Structural PART_OF link to the institution this entity belongs to (browsing only). */
  readonly partOf?: string;
}

export interface Source {
  readonly id: string;
  readonly title: string;
  readonly author?: string;
  /** ISO date, possibly partial (YYYY, YYYY-MM, YYYY-MM-DD). */
  readonly publishedOn?: string;
  /** BCP 47 tag, e.g. zh-Hans, zh-Hant, en. */
  readonly language: string;
}

export interface Evidence {
  readonly sourceId: string;
  /** Copied verbatim from the source, at most 300 characters. */
  readonly quote: string;
  /** The figure the source gives, when it gives one. */
  readonly figure?: string;
}

export interface CausalEdge {
  readonly id: string;
  readonly fromId: string;
  readonly toId: string;
  readonly polarity: Polarity;
  /** Transmission strength in (0, 1]. */
  readonly weight: number;
  /** How well the sources support the claim, in (0, 1]. */
  readonly confidence: number;
  readonly lagDays: number;
  readonly mechanism: string;
  readonly evidence: readonly Evidence[];
}

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_QUOTE_LENGTH = 300;
