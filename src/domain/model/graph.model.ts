import { LIMITS } from '../limits/argument-limits';
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
  /** 1 on creation, +1 on every change (stores always fill it in). */
  readonly revision?: number;
}

export interface Source {
  readonly id: string;
  readonly title: string;
  readonly author?: string;
  /** ISO date, possibly partial (YYYY, YYYY-MM, YYYY-MM-DD). */
  readonly publishedOn?: string;
  /** BCP 47 tag, e.g. zh-Hans, zh-Hant, en. */
  readonly language: string;
  readonly url?: string;
  /**
   * SHA-256 (hex) of the document's full text, when the source carries it (stored once,
   * beside the source). Every quote citing a source with text is checked against it.
   */
  readonly textSha256?: string;
  /** 1 on creation, +1 on every change (stores always fill it in). */
  readonly revision?: number;
}

/** The longest source text accepted, in UTF-16 code units (README, "Limits"). */
export const MAX_SOURCE_TEXT = 1_000_000;

export interface Evidence {
  readonly sourceId: string;
  /** Copied verbatim from the source, at most 300 characters. */
  readonly quote: string;
  /** The figure the source gives, when it gives one. */
  readonly figure?: string;
}

export const EDGE_STATUSES = ['PROPOSED', 'ACTIVE', 'REJECTED', 'RETRACTED'] as const;
/**
 * PROPOSED: a researcher's claim awaiting review, walked only when a query asks for
 * proposals. ACTIVE: accepted. REJECTED and RETRACTED edges leave analyses and lists but
 * stay readable by id, with their history.
 */
export type EdgeStatus = (typeof EDGE_STATUSES)[number];

export const REVISION_ACTIONS = ['CREATED', 'UPDATED', 'RETRACTED', 'ACCEPTED', 'REJECTED'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

/** One field's change in a revision; values JSON-encoded so any field type reads the same. */
export interface FieldChange {
  readonly field: string;
  readonly from: string | null;
  readonly to: string | null;
}

/** One revision of a record (an edge, an entity or a source): who, when, what changed, why. */
export interface RecordRevision {
  readonly revision: number;
  /** ISO-8601 */
  readonly at: string;
  readonly by: string;
  readonly action: RevisionAction;
  readonly changes: readonly FieldChange[];
  readonly reason?: string;
}

export type EdgeRevision = RecordRevision;

/** The claim an edge makes: what researchers write and what propagation uses. */
export interface CausalClaim {
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

/** Who made an edge, where it stands and how it got there. */
export interface EdgeProvenance {
  readonly status: EdgeStatus;
  /** 1 on creation, +1 on every change. */
  readonly revision: number;
  readonly createdBy: string;
  /** ISO-8601 */
  readonly createdAt: string;
}

/**
 * A causal edge as it stands. Its history (every revision: who, when, what changed, why)
 * is kept beside it and read on its own, so reading or changing an edge costs the same at
 * its 10,000th revision as at its first.
 */
export interface CausalEdge extends CausalClaim, EdgeProvenance {}

/** The claim an edge makes, as a key: at most one active edge per claim (from, to, polarity). */
export function claimKey(edge: Pick<CausalClaim, 'fromId' | 'toId' | 'polarity'>): string {
  return `${edge.fromId}\u0000${edge.toId}\u0000${edge.polarity}`;
}

/** An edge as a snapshot may hold it: a curated claim, with its provenance and history when it has them. */
export type EdgeRecord = CausalClaim & Partial<EdgeProvenance> & { readonly history?: readonly EdgeRevision[] };

/** Provenance of curated edges that carry none: created by "seed" at SEED_CREATED_AT. */
export const SEED_AUTHOR = 'seed';
export const SEED_CREATED_AT = '2026-11-24T00:00:00.000Z';

/** A full edge from a record, giving a curated claim its seed provenance. */
export function withProvenance(record: EdgeRecord): CausalEdge {
  const { history: _history, ...edge } = record;
  return {
    ...edge,
    status: record.status ?? 'ACTIVE',
    revision: record.revision ?? 1,
    createdBy: record.createdBy ?? SEED_AUTHOR,
    createdAt: record.createdAt ?? SEED_CREATED_AT,
  };
}

/** A record's history: the one it carries, or the curated first revision of a claim that has none. */
export function historyOf(record: EdgeRecord): readonly EdgeRevision[] {
  return record.history ?? curatedHistory(record.createdBy ?? SEED_AUTHOR, record.createdAt ?? SEED_CREATED_AT);
}

/**
 * Whether `next` is the very creation `stored` records — the same call arriving again (a
 * driver retrying a transaction whose commit it did not hear about) rather than another
 * writer's edge that happens to pick the same id.
 */
export function isSameCreation(stored: CausalEdge, next: CausalEdge): boolean {
  return (
    stored.id === next.id &&
    stored.revision === 1 &&
    next.revision === 1 &&
    stored.createdAt === next.createdAt &&
    stored.createdBy === next.createdBy &&
    claimKey(stored) === claimKey(next) &&
    stored.weight === next.weight
  );
}

/** One shared, frozen history for every edge curated with the seed's defaults (most of them). */
const SEED_HISTORY: readonly EdgeRevision[] = Object.freeze([curatedRevision(SEED_AUTHOR, SEED_CREATED_AT)]);

export function curatedHistory(by: string, at: string): readonly EdgeRevision[] {
  return by === SEED_AUTHOR && at === SEED_CREATED_AT ? SEED_HISTORY : [curatedRevision(by, at)];
}

function curatedRevision(by: string, at: string): EdgeRevision {
  return Object.freeze({
    revision: 1,
    at,
    by,
    action: 'CREATED' as const,
    changes: Object.freeze([]),
    reason: 'curated from the cited sources',
  });
}

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_QUOTE_LENGTH = LIMITS.writes.quote.max;
