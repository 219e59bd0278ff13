import type { Entity, EntityKind, Evidence, Polarity, Source } from '../model/graph.model';
import { textSha256 } from '../provenance/source-text';

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
  /** The document's full text, for quote checks (stored once, with its SHA-256). */
  readonly text?: string | null;
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

/** The entity an input describes: trimmed, with unique aliases and no empty optional fields. */
export function entityFromInput(input: EntityInput): Entity {
  return {
    id: input.id,
    name: input.name.trim(),
    kind: input.kind,
    ...(input.measure?.trim() ? { measure: input.measure.trim() } : {}),
    ...(input.description?.trim() ? { description: input.description.trim() } : {}),
    aliases: [...new Set((input.aliases ?? []).map((a) => a.trim()))],
    ...(input.partOf ? { partOf: input.partOf } : {}),
  };
}

/** The source an input describes, with no empty optional fields. */
export function sourceFromInput(input: SourceInput): Source {
  return {
    id: input.id,
    title: input.title.trim(),
    ...(input.author?.trim() ? { author: input.author.trim() } : {}),
    ...(input.publishedOn ? { publishedOn: input.publishedOn } : {}),
    language: input.language,
    ...(input.url ? { url: input.url } : {}),
    ...(input.text != null ? { textSha256: textSha256(input.text) } : {}),
  };
}
