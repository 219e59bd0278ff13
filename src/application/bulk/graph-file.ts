import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { EDGE_STATUSES, ENTITY_KINDS, POLARITIES } from '../../domain/model/graph.model';
import type { CurrentGraph, ImportFile, Located } from './plan-import';

/**
 * The bulk formats. JSON holds the whole graph (sources, entities, edges with provenance):
 * a backup that imports back as it was. CSV holds the edges for editing in a spreadsheet,
 * one row per piece of evidence; rows with the same id are one edge.
 */
export const CSV_COLUMNS = [
  'id',
  'from',
  'to',
  'polarity',
  'weight',
  'confidence',
  'lagDays',
  'mechanism',
  'sourceId',
  'quote',
  'status',
] as const;

export type GraphFileFormat = 'json' | 'csv';

/**
 * A cell a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
 * return, after any single quotes) gets one more leading single quote; reading takes it off
 * again, so a file exported and imported unchanged gives back the same text.
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

export function neutraliseCell(value: string | number): string | number {
  return typeof value === 'string' && FORMULA_LIKE.test(value) ? `'${value}` : value;
}

export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_LIKE.test(value) ? value.slice(1) : value;
}

export function formatOf(path: string): GraphFileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  throw new Error(`${path}: the file name must end in .json (the whole graph) or .csv (edges, one row per quote)`);
}

export function writeGraphFile(path: string, graph: CurrentGraph): { records: number } {
  if (formatOf(path) === 'json') {
    writeFileSync(path, `${JSON.stringify({ format: 'macro-graph/v1', exportedAt: new Date().toISOString(), ...graph }, null, 2)}\n`);
    return { records: graph.sources.length + graph.entities.length + graph.edges.length };
  }
  const rows = graph.edges.flatMap((e) =>
    e.evidence.map((ev) => [
      e.id,
      e.fromId,
      e.toId,
      e.polarity,
      e.weight,
      e.confidence,
      e.lagDays,
      e.mechanism,
      ev.sourceId,
      ev.quote,
      e.status,
    ]),
  );
  writeFileSync(path, stringify([[...CSV_COLUMNS], ...rows.map((row) => row.map(neutraliseCell))]));
  return { records: graph.edges.length };
}

/** Parses an import file; records whose shape is wrong are reported, not thrown. */
export function readGraphFile(path: string): { file: ImportFile; rejected: string[] } {
  const text = readFileSync(path, 'utf8');
  return formatOf(path) === 'json' ? readJson(path, text) : readCsv(text);
}

const evidenceSchema = z.object({ sourceId: z.string(), quote: z.string() });
const edgeSchema = z.object({
  id: z.string().optional(),
  from: z.string(),
  to: z.string(),
  polarity: z.enum(POLARITIES),
  weight: z.number(),
  confidence: z.number(),
  lagDays: z.number().default(0),
  mechanism: z.string(),
  evidence: z.array(evidenceSchema),
  status: z.enum(EDGE_STATUSES).optional(),
});
const entitySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ENTITY_KINDS),
  measure: z.string().optional(),
  description: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  partOf: z.string().optional(),
});
const sourceSchema = z.object({
  id: z.string(),
  title: z.string(),
  author: z.string().optional(),
  publishedOn: z.string().optional(),
  language: z.string(),
  url: z.string().optional(),
  text: z.string().optional(),
});

function readJson(path: string, text: string): { file: ImportFile; rejected: string[] } {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${path}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const rejected: string[] = [];
  const records = <T>(key: string, schema: z.ZodType<T>, adapt: (raw: unknown) => unknown = (r) => r): Located<T>[] => {
    const list = data[key] ?? [];
    if (!Array.isArray(list)) {
      rejected.push(`${key}: must be a list`);
      return [];
    }
    return list.flatMap((raw, i) => {
      const parsed = schema.safeParse(adapt(raw));
      if (parsed.success) return [{ at: `${key}[${i}]`, record: parsed.data }];
      rejected.push(
        `${key}[${i}]: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'record'} ${issue.message}`).join('; ')}`,
      );
      return [];
    });
  };
  // Exports name the endpoints fromId/toId; hand-written files may say from/to.
  const edges = records('edges', edgeSchema, (raw) => {
    if (!raw || typeof raw !== 'object') return raw;
    const record = raw as Record<string, unknown>;
    return { ...record, from: record.from ?? record.fromId, to: record.to ?? record.toId };
  });
  return { file: { sources: records('sources', sourceSchema), entities: records('entities', entitySchema), edges }, rejected };
}

function readCsv(text: string): { file: ImportFile; rejected: string[] } {
  const rows = parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }).map((row) =>
    Object.fromEntries(Object.entries(row).map(([column, value]) => [column, restoreCell(value)])),
  );
  const rejected: string[] = [];
  const missing = CSV_COLUMNS.filter((c) => c !== 'status' && c !== 'id' && rows.length > 0 && !(c in rows[0]));
  if (missing.length > 0) throw new Error(`the CSV lacks the column(s) ${missing.join(', ')}; expected ${CSV_COLUMNS.join(',')}`);
  const byId = new Map<string, { at: string; raw: Record<string, unknown> }>();
  const edges: Array<{ at: string; raw: Record<string, unknown> }> = [];
  rows.forEach((row, i) => {
    const at = `row ${i + 2}`; // line 1 is the header
    const evidence = { sourceId: row.sourceId, quote: row.quote };
    const grouped = row.id ? byId.get(row.id) : undefined;
    if (grouped) {
      (grouped.raw.evidence as unknown[]).push(evidence);
      return;
    }
    const raw = {
      id: row.id || undefined,
      from: row.from,
      to: row.to,
      polarity: row.polarity,
      weight: Number(row.weight),
      confidence: Number(row.confidence),
      lagDays: row.lagDays === '' || row.lagDays === undefined ? 0 : Number(row.lagDays),
      mechanism: row.mechanism,
      evidence: [evidence],
      status: row.status || undefined,
    };
    const entry = { at, raw };
    edges.push(entry);
    if (row.id) byId.set(row.id, entry);
  });
  const located = edges.flatMap(({ at, raw }) => {
    const parsed = edgeSchema.safeParse(raw);
    if (parsed.success) return [{ at, record: parsed.data }];
    rejected.push(`${at}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'} ${issue.message}`).join('; ')}`);
    return [];
  });
  return { file: { sources: [], entities: [], edges: located }, rejected };
}
