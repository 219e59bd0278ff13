import { ConflictError, InvalidArgumentError } from '../../domain/errors';
import { claimKey, type CausalEdge, type EdgeStatus, type Entity, type Source } from '../../domain/model/graph.model';
import { createEdge, edgeIdFor, patchEdge, type WriteStamp } from '../../domain/write/revise-edge';
import {
  validateEdgeInput,
  validateEdgePatch,
  validateEntityInput,
  validateSourceInput,
  type WriteLookups,
} from '../../domain/write/validate-write';
import { entityFromInput, sourceFromInput, type EdgeInput, type EntityInput, type SourceInput } from '../../domain/write/write-inputs';
import { reviseEntity, reviseSource, type Revised } from '../../domain/write/revise-record';
import type { WriteBatch } from '../ports/graph-bulk.port';
import { prepareQuoteSource, type QuoteSource } from '../../domain/provenance/quote-source';

/** One record of an import file, with where it came from (for the report). */
export interface Located<T> {
  /** e.g. "row 12" (CSV) or "edges[3]" (JSON). */
  readonly at: string;
  readonly record: T;
}

export interface ImportFile {
  readonly sources: readonly Located<SourceInput>[];
  readonly entities: readonly Located<EntityInput>[];
  readonly edges: readonly Located<EdgeInput & { readonly status?: EdgeStatus }>[];
}

export interface ImportPlan {
  /** Every rejected record and why; when not empty, nothing may be written. */
  readonly rejected: readonly string[];
  readonly batch: WriteBatch;
  readonly summary: { readonly created: number; readonly updated: number; readonly unchanged: number };
}

export interface CurrentGraph {
  readonly entities: readonly Entity[];
  readonly sources: readonly Source[];
  readonly edges: readonly CausalEdge[];
  /** The texts of the graph's sources that carry one, by source id (for quote checks). */
  readonly texts?: ReadonlyMap<string, string>;
}

/**
 * Turns an import file into one atomic batch against the graph as it stands, or into the
 * list of every record that cannot be applied. Records are checked with the same rules
 * as the API's writes; an existing edge id is an update (evidence is only ever added),
 * a new or absent id is a creation, and no two active edges may end up making one claim.
 */
export function planImport(
  file: ImportFile,
  graph: CurrentGraph,
  stamp: WriteStamp,
  reason: string,
  onProgress?: (done: number, total: number) => void,
): ImportPlan {
  const rejected: string[] = [];
  const entities = new Map(graph.entities.map((e) => [e.id, e]));
  const sources = new Map(graph.sources.map((s) => [s.id, s]));
  const edges = new Map(graph.edges.map((e) => [e.id, e]));
  const total = file.sources.length + file.entities.length + file.edges.length;
  let done = 0;
  const tick = () => {
    done++;
    if (onProgress && (done === total || done % 1000 === 0)) onProgress(done, total);
  };
  const attempt = (at: string, what: string, work: () => void) => {
    try {
      work();
    } catch (error) {
      if (!(error instanceof InvalidArgumentError || error instanceof ConflictError)) throw error;
      rejected.push(`${at} (${what}): ${error.message}`);
    }
    tick();
  };

  const batchSources: Array<WriteBatch['sources'][number]> = [];
  const texts = new Map(graph.texts ?? []);
  for (const { at, record } of file.sources) {
    attempt(at, `source ${record.id}`, () => {
      validateSourceInput(record);
      const current = sources.get(record.id);
      const given = sourceFromInput(record);
      // A file that leaves a source's text out leaves it as it is.
      const source = record.text == null && current?.textSha256 ? { ...given, textSha256: current.textSha256 } : given;
      if (current && reviseSource(current, source, stamp))
        throw new ConflictError('exists with other values; sources are not edited in place (set a text with npm run graph -- source-text)');
      if (!current) {
        batchSources.push({
          source,
          revision: reviseSource(undefined, source, stamp, reason)!.revision,
          ...(record.text != null ? { text: record.text } : {}),
        });
        if (record.text != null) texts.set(source.id, record.text);
      }
      sources.set(source.id, current ?? source);
    });
  }
  const prepared = new Map<string, QuoteSource>();
  const quoteSource = (id: string) => {
    const text = texts.get(id);
    if (text === undefined) return undefined;
    if (!prepared.has(id)) prepared.set(id, prepareQuoteSource(text));
    return prepared.get(id);
  };

  // Entities first, so edges may use entities the same file adds.
  const fileEntities = file.entities.map(({ record }) => record);
  const hasEdges = new Set(graph.edges.filter((e) => e.status === 'ACTIVE').flatMap((e) => [e.fromId, e.toId]));
  for (const input of file.edges) [input.record.from, input.record.to].forEach((id) => hasEdges.add(id));
  const lookups: WriteLookups = {
    entity: (id) => entities.get(id) ?? toEntityOrUndefined(fileEntities.find((e) => e.id === id)),
    hasSource: (id) => sources.has(id),
    hasEdges: (id) => hasEdges.has(id),
    quoteSource,
  };
  const batchEntities: Array<WriteBatch['entities'][number]> = [];
  for (const { at, record } of file.entities) {
    attempt(at, `entity ${record.id}`, () => {
      validateEntityInput(record, lookups);
      const current = entities.get(record.id);
      const revised = reviseEntity(current, entityFromInput(record), stamp, reason);
      if (!revised) return;
      batchEntities.push({ entity: revised.record, revision: revised.revision, expectedRevision: current?.revision ?? null });
      entities.set(record.id, revised.record);
    });
  }

  const claims = new Map<string, string>();
  for (const edge of graph.edges) if (edge.status === 'ACTIVE') claims.set(claimKey(edge), edge.id);
  const batchEdges: Array<WriteBatch['edges'][number]> = [];
  const summary = { created: 0, updated: 0, unchanged: 0 };
  const seenIds = new Set<string>();
  for (const { at, record } of file.edges) {
    attempt(at, `edge ${record.id ?? `${record.from} → ${record.to}`}`, () => {
      if (record.id != null && seenIds.has(record.id)) throw new InvalidArgumentError('id', `appears twice in the file (${record.id})`);
      const current = record.id != null ? edges.get(record.id) : undefined;
      let revised: Revised<CausalEdge> | undefined;
      if (current) {
        revised = updated(current, record, lookups, stamp, reason);
        if (!revised) {
          summary.unchanged++;
          seenIds.add(current.id);
          return;
        }
        claims.delete(claimKey(current));
      } else {
        if (record.status === 'RETRACTED')
          throw new InvalidArgumentError('status', 'RETRACTED is only for edges that exist; leave the row out instead');
        validateEdgeInput(record, lookups);
        let id = record.id ?? edgeIdFor(record, 0);
        for (let n = 1; record.id == null && (edges.has(id) || seenIds.has(id)); n++) id = edgeIdFor(record, n);
        revised = createEdge(id, record, stamp);
      }
      const next = revised.record;
      const twin = next.status === 'ACTIVE' ? claims.get(claimKey(next)) : undefined;
      if (twin !== undefined && twin !== next.id)
        throw new InvalidArgumentError('polarity', `makes the same claim (from, to, polarity) as active edge ${twin}`);
      if (next.status === 'ACTIVE') claims.set(claimKey(next), next.id);
      seenIds.add(next.id);
      batchEdges.push({ edge: next, revision: revised.revision, expectedRevision: current ? current.revision : null });
      if (current) summary.updated++;
      else summary.created++;
    });
  }
  return { rejected, batch: { sources: batchSources, entities: batchEntities, edges: batchEdges }, summary };
}

/** The edge after the file's version of it, or undefined when the file changes nothing. */
function updated(
  current: CausalEdge,
  record: EdgeInput & { status?: EdgeStatus },
  lookups: WriteLookups,
  stamp: WriteStamp,
  reason: string,
): Revised<CausalEdge> | undefined {
  if (record.from !== current.fromId || record.to !== current.toId) {
    throw new InvalidArgumentError(
      'from',
      `an edge's endpoints cannot change (${current.id} joins ${current.fromId} → ${current.toId}); add a new edge instead`,
    );
  }
  if ((record.status ?? 'ACTIVE') !== current.status) {
    throw new InvalidArgumentError(
      'status',
      `cannot change from ${current.status} to ${record.status ?? 'ACTIVE'} by import; use retractEdge`,
    );
  }
  const known = new Set(current.evidence.map((e) => `${e.sourceId}\u0000${e.quote}`));
  const patch = {
    polarity: record.polarity !== current.polarity ? record.polarity : null,
    weight: record.weight !== current.weight ? record.weight : null,
    confidence: record.confidence !== current.confidence ? record.confidence : null,
    lagDays: record.lagDays !== current.lagDays ? record.lagDays : null,
    mechanism: record.mechanism.trim() !== current.mechanism ? record.mechanism : null,
    addEvidence: record.evidence.filter((e) => !known.has(`${e.sourceId}\u0000${e.quote}`)),
  };
  const changes = { ...patch, addEvidence: patch.addEvidence.length > 0 ? patch.addEvidence : null };
  if (Object.values(changes).every((v) => v === null)) return undefined;
  validateEdgePatch(changes, lookups);
  return patchEdge(current, changes, stamp, reason);
}

function toEntityOrUndefined(input: EntityInput | undefined): Entity | undefined {
  return input ? entityFromInput(input) : undefined;
}
