import type { EntityKind, Evidence, Polarity } from '../model/graph.model';

/** What a researcher sends; checked by validate-write before anything is stored. */

export interface EntityInput {
  readonly id: string;
  readonly name: string;
  readonly kind: EntityKind;
  readonly measure?: string | null;
  readonly description?: string | null;
  readonly aliases?: readonly string[] | null;
  readonly partOf?: string | null;
}

export interface SourceInput {
  readonly id: string;
  readonly title: string;
  readonly author?: string | null;
  readonly publishedOn?: string | null;
  readonly language: string;
  readonly url?: string | null;
}

export interface EvidenceInput {
  readonly sourceId: string;
  readonly quote: string;
}

export interface EdgeInput {
  /** Optional: a kebab-case id; generated from the claim when absent. */
  readonly id?: string | null;
  readonly from: string;
  readonly to: string;
  readonly polarity: Polarity;
  readonly weight: number;
  readonly confidence: number;
  readonly lagDays: number;
  readonly mechanism: string;
  readonly evidence: readonly EvidenceInput[];
}

export interface EdgePatch {
  readonly polarity?: Polarity | null;
  readonly weight?: number | null;
  readonly confidence?: number | null;
  readonly lagDays?: number | null;
  readonly mechanism?: string | null;
  readonly addEvidence?: readonly EvidenceInput[] | null;
}

export function toEvidence(input: EvidenceInput): Evidence {
  return { sourceId: input.sourceId, quote: input.quote };
}
