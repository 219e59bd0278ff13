import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { ZodType } from 'zod';
import { findGraphProblems, type GraphSnapshot } from '../../domain/model/graph-snapshot';
import type { EdgeRecord, Entity, Source } from '../../domain/model/graph.model';
import { traceChain, type Chain } from '../../domain/model/trace-chain';
import type { Scenario } from '../../domain/model/scenario.model';
import { sourceTextProblem, textSha256 } from '../../domain/provenance/source-text';
import { findInventoryProblems } from './check-inventory';
import { findMisquotes } from './check-quotes';
import type { InventoryItem } from './inventory.model';
import {
  seedChainSchema,
  seedEdgeSchema,
  seedEntitySchema,
  seedInventoryItemSchema,
  seedScenarioSchema,
  seedSourceSchema,
  type SeedSource,
} from './seed.schema';

/**
 * The seed folder: `sources.yaml`, `entities/*.yaml` and `edges/*.yaml`, each a YAML list
 * with one record per source, entity or edge (files group records by theme; order is free);
 * `chains.yaml`, `scenarios.yaml` and `inventory/<source-id>.yaml` beside them.
 */
export interface Seed extends GraphSnapshot {
  /** Source id → the article file it was curated from (for quote checks). */
  readonly sourceFiles: ReadonlyMap<string, string>;
  /** The chains the articles spell out (seed/chains.yaml), for the coverage report and tests. */
  readonly chains: readonly Chain[];
  /** Named shocks from the sources (seed/scenarios.yaml). */
  readonly scenarios: readonly Scenario[];
  /** Every causal statement of each article and the edges that carry it (seed/inventory/). */
  readonly inventory: readonly InventoryItem[];
}

export class SeedError extends Error {
  override readonly name = 'SeedError';
}

/** Reads and checks the seed; throws a SeedError listing every problem found. */
export function readSeed(dir: string): Seed {
  const problems: string[] = [];
  const sources = readRecords(dir, 'sources.yaml', seedSourceSchema, problems);
  const entities = yamlFiles(dir, 'entities').flatMap((f) => readRecords(dir, f, seedEntitySchema, problems));
  const edges = yamlFiles(dir, 'edges').flatMap((f) => readRecords(dir, f, seedEdgeSchema, problems));
  const chains = existsSync(join(dir, 'chains.yaml')) ? readRecords(dir, 'chains.yaml', seedChainSchema, problems) : [];
  const scenarios = existsSync(join(dir, 'scenarios.yaml')) ? readRecords(dir, 'scenarios.yaml', seedScenarioSchema, problems) : [];
  const inventory = yamlFiles(dir, 'inventory').flatMap((file) =>
    readRecords(dir, file, seedInventoryItemSchema, problems).map((item): InventoryItem => ({
      id: item.id,
      file,
      sourceId: item.source,
      quote: item.quote,
      from: { entityId: item.from.entity, what: item.from.what, moves: item.from.moves },
      to: { entityId: item.to.entity, what: item.to.what, moves: item.to.moves },
      edgeIds: item.edges,
      setAside: item.setAside,
      note: item.note,
    })),
  );
  if (problems.length > 0) throw seedError(dir, problems);

  const seed: Seed = {
    sources: sources.map(toSource),
    entities: entities.map((e): Entity => ({ ...e, aliases: e.aliases })),
    edges: edges.map((e): EdgeRecord => ({
      id: e.id,
      fromId: e.from,
      toId: e.to,
      polarity: e.polarity,
      weight: e.weight,
      confidence: e.confidence,
      lagDays: e.lagDays,
      mechanism: e.mechanism,
      evidence: e.evidence.map((ev) => ({ sourceId: ev.source, quote: ev.quote, figure: ev.figure })),
    })),
    sourceFiles: new Map(sources.filter((s) => s.file).map((s) => [s.id, s.file!])),
    chains: chains.map((c) => ({
      id: c.id,
      title: c.title,
      sourceId: c.source,
      loop: c.loop,
      steps: c.steps.map((step) => {
        const [[entityId, moves]] = Object.entries(step);
        return { entityId, moves };
      }),
    })),
    scenarios: scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      sourceId: s.source,
      quote: s.quote,
      shocks: s.shocks.map((shock) => ({ entityId: shock.entity, direction: shock.direction, magnitude: shock.magnitude })),
    })),
    inventory,
  };
  const graphProblems = [...findGraphProblems(seed), ...findChainProblems(seed), ...findInventoryProblems(seed)];
  if (graphProblems.length > 0) throw seedError(dir, graphProblems);
  return seed;
}

/** Chains and scenarios name known sources and entities, and every chain holds edge by edge with its stated signs. */
function findChainProblems(seed: Seed): string[] {
  const entities = new Set(seed.entities.map((e) => e.id));
  const sources = new Set(seed.sources.map((s) => s.id));
  return [
    ...seed.chains.flatMap((chain) => {
      const at = `chains.yaml: chain ${chain.id}`;
      const unknown = chain.steps.filter((s) => !entities.has(s.entityId)).map((s) => `${at}: step names no entity (${s.entityId})`);
      const broken =
        unknown.length > 0
          ? []
          : traceChain(chain, seed.edges)
              .steps.filter((step) => step.problem)
              .map(
                (step) =>
                  `${at}: ${step.fromId} → ${step.toId} ${step.expected}: ${step.problem === 'missing' ? 'no edge' : 'no edge with that sign'}`,
              );
      return [...(sources.has(chain.sourceId) ? [] : [`${at}: source names no source (${chain.sourceId})`]), ...unknown, ...broken];
    }),
    ...seed.scenarios.flatMap((scenario) => [
      ...(sources.has(scenario.sourceId) ? [] : [`scenario ${scenario.id}: source names no source (${scenario.sourceId})`]),
      ...scenario.shocks
        .filter((s) => !entities.has(s.entityId))
        .map((s) => `scenario ${scenario.id}: shock names no entity (${s.entityId})`),
    ]),
  ];
}

/** The YAML files of a seed subfolder, relative to the seed folder, in name order. */
function yamlFiles(dir: string, folder: string): string[] {
  const path = join(dir, folder);
  return existsSync(path)
    ? readdirSync(path)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => join(folder, f))
    : [];
}

function toSource({ file: _file, ...source }: SeedSource): Source {
  return source;
}

function readRecords<T>(dir: string, file: string, schema: ZodType<T>, problems: string[]): T[] {
  const path = join(dir, file);
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message}`);
    return [];
  }
  if (!Array.isArray(data)) {
    problems.push(`${file}: expected a list of records`);
    return [];
  }
  const records: T[] = [];
  data.forEach((raw, i) => {
    const result = schema.safeParse(raw);
    if (result.success) {
      records.push(result.data);
      return;
    }
    const rawId: unknown = (raw as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? ` (${rawId})` : '';
    for (const issue of result.error.issues) {
      problems.push(`${file}: record ${i + 1}${id}: ${issue.path.join('.') || 'record'}: ${issue.message}`);
    }
  });
  return records;
}

function seedError(dir: string, problems: string[]): SeedError {
  const where = relative(process.cwd(), dir) || dir;
  return new SeedError(`the seed in ${where} has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
}

/**
 * The seed with each source's article text (sources.yaml `file:` under `articlesDir`), so a
 * graph seeded from it checks every later quote citing those sources verbatim. Throws a
 * SeedError naming a missing file or a seed quote the text lacks.
 */
export function withArticleTexts(seed: Seed, articlesDir: string): Seed {
  const texts = new Map<string, string>();
  const problems: string[] = [];
  for (const source of seed.sources) {
    const file = seed.sourceFiles.get(source.id);
    if (!file) continue;
    const path = join(articlesDir, file);
    if (!existsSync(path)) {
      problems.push(`source ${source.id}: ${path} does not exist`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const problem = sourceTextProblem(text);
    if (problem) problems.push(`source ${source.id}: ${path} ${problem}`);
    else texts.set(source.id, text);
  }
  if (problems.length > 0) throw new SeedError(`SEED_ARTICLES_DIR: ${problems.join('; ')}`);
  const sources = seed.sources.map((s) => (texts.has(s.id) ? { ...s, textSha256: textSha256(texts.get(s.id)!) } : s));
  const misquoted = findMisquotes({ ...seed, sources }, articlesDir);
  if (misquoted.length > 0) throw new SeedError(`${misquoted.length} seed quote(s) not in their articles:\n  - ${misquoted.join('\n  - ')}`);
  return { ...seed, sources, texts };
}
