import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EDGE_STATUSES, ENTITY_KINDS, ID_PATTERN, MAX_QUOTE_LENGTH, POLARITIES, REVISION_ACTIONS } from '../../domain/model/graph.model';
import type { CausalEdge, Entity, RecordRevision, Source } from '../../domain/model/graph.model';
import { MAX_LAG_DAYS, MAX_MECHANISM_LENGTH } from '../../domain/model/rules';
import { reviseEntity } from '../../domain/write/revise-record';
import { withProvenance } from '../../domain/model/graph.model';
import { StoreFailureError } from '../store-errors';
import { toEntity, type EntityRow } from './sqlite-records';
import type { RecordWriter } from './sqlite-writer';

/** The write log of the API's versions before graph.db: one JSON record per line. */
export const LEGACY_LOG = 'writes.jsonl';

const id = z.string().regex(ID_PATTERN, 'a kebab-case id');
const unit = z.number().gt(0).lte(1);
const entitySchema = z.object({
  id,
  name: z.string().trim().min(1),
  kind: z.enum(ENTITY_KINDS),
  measure: z.string().optional(),
  description: z.string().optional(),
  aliases: z.array(z.string()),
  partOf: id.optional(),
});
const sourceSchema = z.object({
  id,
  title: z.string().trim().min(1),
  author: z.string().optional(),
  publishedOn: z.string().optional(),
  language: z.string().min(2),
  url: z.string().optional(),
});
const edgeSchema = z.object({
  id,
  fromId: id,
  toId: id,
  polarity: z.enum(POLARITIES),
  weight: unit,
  confidence: unit,
  lagDays: z.number().int().min(0).max(MAX_LAG_DAYS),
  mechanism: z.string().trim().min(1).max(MAX_MECHANISM_LENGTH),
  evidence: z
    .array(z.object({ sourceId: id, quote: z.string().trim().min(1).max(MAX_QUOTE_LENGTH), figure: z.string().optional() }))
    .min(1),
  status: z.enum(EDGE_STATUSES),
  revision: z.number().int().min(1),
  createdBy: z.string().min(1),
  createdAt: z.string().min(1),
  history: z
    .array(
      z.object({
        revision: z.number().int().min(1),
        at: z.string(),
        by: z.string(),
        action: z.enum(REVISION_ACTIONS),
        changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
        reason: z.string().optional(),
      }),
    )
    .min(1),
});
type LegacyWrite =
  | { op: 'entity'; entity: Entity }
  | { op: 'source'; source: Source }
  | { op: 'edge'; edge: CausalEdge & { history: RecordRevision[] }; idempotencyKey?: string }
  | { op: 'batch'; writes: LegacyWrite[] };
const writeSchema: z.ZodType<LegacyWrite> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('entity'), entity: entitySchema }),
    z.object({ op: z.literal('source'), source: sourceSchema }),
    z.object({ op: z.literal('edge'), edge: edgeSchema, idempotencyKey: z.string().optional() }),
    z.object({ op: z.literal('batch'), writes: z.array(writeSchema) }),
  ]),
);

/**
 * Imports an older version's `DATA_DIR/writes.jsonl` into graph.db once: every line is
 * checked first (its shape, the value rules, the records it refers to), and any problem
 * stops start-up with every problem listed by line number, writing nothing. Otherwise the
 * writes are applied in one transaction and the file is renamed aside (never deleted). A
 * last line cut short by a crash was never acknowledged and is skipped with a warning.
 */
export function importLegacyWriteLog(writer: RecordWriter, dataDir: string, log: (line: string) => void): void {
  const path = join(dataDir, LEGACY_LOG);
  if (!existsSync(path)) return;
  const text = readFileSync(path, 'utf8');
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length) {
    log(`${path}: skipping a last line cut short by a crash (${text.length - complete} bytes, never acknowledged)`);
  }
  const problems: string[] = [];
  const writes: Array<{ line: number; write: LegacyWrite }> = [];
  text
    .slice(0, complete)
    .split('\n')
    .forEach((raw, i) => {
      if (raw.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (error) {
        problems.push(`line ${i + 1}: not JSON (${(error as Error).message})`);
        return;
      }
      const parsed = writeSchema.safeParse(json);
      if (parsed.success) writes.push({ line: i + 1, write: parsed.data });
      else problems.push(...parsed.error.issues.map((issue) => `line ${i + 1}: ${issue.path.join('.') || 'record'}: ${issue.message}`));
    });
  if (problems.length === 0) checkReferences(writer, writes, problems);
  if (problems.length > 0) {
    throw new StoreFailureError(
      `${path} (the write log of an earlier version) cannot be imported; nothing was written. Fix or remove these lines and start again:\n` +
        problems
          .slice(0, 50)
          .map((p) => `  - ${p}`)
          .join('\n') +
        (problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''),
    );
  }
  const at = new Date().toISOString();
  writer.db.transaction(() => {
    for (const { write } of writes) apply(writer, write, at);
    writer.bumpVersion('IMPORTED', {}, at);
  })();
  const aside = `${path}.imported-${at.replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  log(`imported ${writes.length} write(s) from ${path} into graph.db; the old log is kept as ${aside}`);
}

/** Every edge's ends and evidence name records that exist by the time its line is applied. */
function checkReferences(writer: RecordWriter, writes: ReadonlyArray<{ line: number; write: LegacyWrite }>, problems: string[]): void {
  const entities = new Set((writer.statements.allEntities.all() as Array<{ id: string }>).map((e) => e.id));
  const sources = new Set((writer.statements.allSources.all() as Array<{ id: string }>).map((s) => s.id));
  const visit = (line: number, write: LegacyWrite) => {
    switch (write.op) {
      case 'entity':
        if (write.entity.partOf && !entities.has(write.entity.partOf) && write.entity.partOf !== write.entity.id) {
          problems.push(`line ${line}: entity ${write.entity.id}: partOf names no entity (${write.entity.partOf})`);
        }
        entities.add(write.entity.id);
        return;
      case 'source':
        sources.add(write.source.id);
        return;
      case 'edge':
        for (const end of [write.edge.fromId, write.edge.toId]) {
          if (!entities.has(end)) problems.push(`line ${line}: edge ${write.edge.id}: names no entity (${end})`);
        }
        for (const e of write.edge.evidence) {
          if (!sources.has(e.sourceId)) problems.push(`line ${line}: edge ${write.edge.id}: cites no known source (${e.sourceId})`);
        }
        return;
      case 'batch':
        for (const w of write.writes) visit(line, w);
    }
  };
  for (const { line, write } of writes) visit(line, write);
}

function apply(writer: RecordWriter, write: LegacyWrite, at: string): void {
  switch (write.op) {
    case 'entity': {
      const row = writer.statements.entitiesByIds.get(JSON.stringify([write.entity.id])) as EntityRow | undefined;
      const current = row ? toEntity(row) : undefined;
      const revised = reviseEntity(
        current,
        write.entity,
        { by: 'import:writes.jsonl', at },
        'imported from the write log of an earlier version',
      );
      if (revised) writer.putEntity(revised.record, revised.revision);
      return;
    }
    case 'source':
      if (!writer.statements.sourceHead.get(write.source.id)) {
        writer.putSource(write.source, { revision: 1, at, by: 'import:writes.jsonl', action: 'CREATED', changes: [] });
      }
      return;
    case 'edge': {
      const head = writer.edgeHead(write.edge.id);
      if (!head || head.revision < write.edge.revision) writer.putEdge(withProvenance(write.edge), write.edge.history);
      if (write.idempotencyKey !== undefined) {
        // The old log kept no digest of the request: a retry with this key replays, as it did.
        writer.statements.insertKeyIfNew.run(write.idempotencyKey, write.edge.id, ANY_PAYLOAD, write.edge.createdAt);
      }
      return;
    }
    case 'batch':
      for (const w of write.writes) apply(writer, w, at);
  }
}

/** The payload digest of an idempotency key whose request was not recorded: any retry with it replays. */
export const ANY_PAYLOAD = '*';
