/**
 * npm run graph -- export FILE      the graph as JSON (everything) or CSV (edges, one row per quote)
 * npm run graph -- import FILE      all rows or none; every rejected row is listed with its reason
 * npm run graph -- backup FILE      a consistent copy of DATA_DIR/graph.db (embedded backend)
 * npm run graph -- restore FILE     a backup into an empty DATA_DIR (embedded backend)
 * npm run graph -- source-text ID FILE   give source ID the text in FILE (UTF-8), or replace it: a new revision
 * npm run graph -- seed-texts DIR    give the seed's sources the texts of their articles in DIR (sources.yaml `file:`)
 * npm run graph -- suggest ID [N]    the N (default 50) best claims source ID's text suggests, as suggestEdges gives them
 *
 * Works on the backend the API would use: Neo4j when NEO4J_URI is set, else the embedded
 * store under DATA_DIR. export and backup read, so they work while the API runs; import and
 * restore write, so on the embedded store they need the API stopped (or write through it).
 */
import 'reflect-metadata';
import { userInfo } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import type { Actor } from '../application/access';
import { GraphWriterService } from '../application/graph-writer.service';
import { SuggestionService } from '../application/suggestion.service';
import { LIMITS } from '../domain/limits/argument-limits';
import { ConflictError, InvalidArgumentError } from '../domain/errors';
import { readSeed, withArticleTexts } from '../storage/seed/read-seed';
import { basename, join } from 'node:path';
import { readGraphFile, writeGraphFile } from '../application/bulk/graph-file';
import { planImport } from '../application/bulk/plan-import';
import type { GraphBackend } from '../application/ports/graph-backend';
import { openBackend } from '../composition-root';
import { readConfig, type Config } from '../config';
import { backupDatabase, restoreDatabase } from '../storage/sqlite/sqlite-backup';
import { DATABASE_FILE, SqliteGraphStore } from '../storage/sqlite/sqlite-graph-store';

const COMMANDS = ['export', 'import', 'backup', 'restore', 'source-text', 'seed-texts', 'suggest'] as const;
type Command = (typeof COMMANDS)[number];
const USAGE = [
  `usage: npm run graph -- export|import|backup|restore FILE   (export/import: FILE.json or FILE.csv)`,
  `       npm run graph -- source-text SOURCE_ID FILE`,
  `       npm run graph -- seed-texts ARTICLES_DIR`,
  `       npm run graph -- suggest SOURCE_ID [N]`,
].join('\n');

/** Who the command line writes as: someone with the machine's files in hand, so an admin. */
function cliActor(): Actor {
  return { name: `cli:${process.env.IMPORT_USER || userInfo().username}`, role: 'admin' };
}

async function main(): Promise<number> {
  const [command, file, extra] = process.argv.slice(2);
  if (!file || !COMMANDS.includes(command as Command) || (command === 'source-text' && !extra)) {
    console.error(USAGE);
    return 2;
  }
  const say = (line: string) => console.error(`[${command}] ${line}`);
  const config = readConfig();
  switch (command as Command) {
    case 'backup':
      return backup(config, file, say);
    case 'restore':
      return restore(config, file, say);
    case 'source-text':
      return withBackend(await openBackend(config, say), (store) => setTexts(store, [[file, readFileSync(extra, 'utf8')]], say));
    case 'seed-texts': {
      const seed = withArticleTexts(readSeed(config.seedDir), file);
      return withBackend(await openBackend(config, say), (store) => setTexts(store, [...(seed.texts ?? [])], say));
    }
    case 'suggest':
      return withReader(config, say, (store) =>
        suggest(store, file, extra === undefined ? LIMITS.suggestEdges.first.default : Number(extra)),
      );
    case 'export':
      return withReader(config, say, async (store) => {
        const graph = await store.exportGraph();
        const withText = graph.sources.filter((s) => s.textSha256 !== undefined);
        const texts = await store.getSourceTexts(withText.map((s) => s.id));
        const byId = new Map(withText.map((s, i) => [s.id, texts[i]]));
        const sources = graph.sources.map((s) => (byId.get(s.id) !== undefined ? { ...s, text: byId.get(s.id) } : s));
        const { records } = writeGraphFile(file, { ...graph, sources });
        console.log(`exported ${records} records to ${file}`);
        return 0;
      });
    case 'import':
      return withBackend(await openBackend(config, say), (store) => importFile(store, file, say));
  }
}

/** Prints what suggestEdges answers for a source: one line per suggestion, best first. */
async function suggest(store: GraphBackend, sourceId: string, first: number): Promise<number> {
  const service = new SuggestionService(store, store, new GraphWriterService(store));
  try {
    const suggestions = await service.suggest(sourceId, first);
    suggestions.forEach((s, i) => {
      const arrow = s.polarity === 'POSITIVE' ? '-(+)->' : '-(−)->';
      const known = s.existingEdgeId ? `  [in the graph: ${s.existingEdgeId}]` : '';
      console.log(`${String(i + 1).padStart(3)}. ${s.score.toFixed(3)}  ${s.fromId} ${arrow} ${s.toId}${known}\n       «${s.quote}»`);
    });
    console.error(`[suggest] ${suggestions.length} suggestion(s) from ${sourceId}`);
    return 0;
  } catch (error) {
    if (error instanceof InvalidArgumentError) {
      console.error(`suggest: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** Sets each source's text through the same write the API makes (quotes already citing it are checked). */
async function setTexts(
  store: GraphBackend,
  texts: ReadonlyArray<readonly [string, string]>,
  say: (line: string) => void,
): Promise<number> {
  const writer = new GraphWriterService(store);
  for (const [id, text] of texts) {
    const [source] = await store.getSources([id]);
    if (!source) {
      console.error(`source-text: no source with id "${id}"`);
      return 1;
    }
    try {
      const saved = await writer.setSourceText(cliActor(), id, text, source.revision!, 'text set from the command line');
      console.log(`${id}: ${text.length} characters, sha256 ${saved.textSha256}, revision ${saved.revision}`);
    } catch (error) {
      if (error instanceof InvalidArgumentError || error instanceof ConflictError) {
        console.error(`source-text: ${id}: ${error.message}`);
        return 1;
      }
      throw error;
    }
  }
  say(`${texts.length} source text(s) set on the ${store.backend} graph`);
  return 0;
}

async function importFile(store: GraphBackend, file: string, say: (line: string) => void): Promise<number> {
  const { file: parsed, rejected: unreadable } = readGraphFile(file);
  const total = parsed.sources.length + parsed.entities.length + parsed.edges.length;
  say(`read ${total} records from ${file}; checking them against the ${store.backend} graph`);
  const by = `import:${process.env.IMPORT_USER || userInfo().username}`;
  const graph = await store.exportGraph();
  const withText = graph.sources.filter((s) => s.textSha256 !== undefined);
  const stored = await store.getSourceTexts(withText.map((s) => s.id));
  const texts = new Map(withText.flatMap((s, i) => (stored[i] !== undefined ? [[s.id, stored[i]] as const] : [])));
  const plan = planImport(
    parsed,
    { ...graph, texts },
    { by, at: new Date().toISOString() },
    `imported from ${basename(file)}`,
    (done, all) => say(`checked ${done}/${all}`),
  );
  const rejected = [...unreadable, ...plan.rejected];
  if (rejected.length > 0) {
    console.error(`import refused: ${rejected.length} record(s) cannot be applied, so nothing was written:`);
    for (const line of rejected) console.error(`  - ${line}`);
    return 1;
  }
  const { created, updated, unchanged } = plan.summary;
  const changes = plan.batch.edges.length + plan.batch.entities.length + plan.batch.sources.length;
  say(`writing ${changes} change(s) in one transaction`);
  const outcome = await store.applyBatch(plan.batch);
  if (outcome.kind === 'refused') {
    console.error(`import refused: ${outcome.recordId} ${outcome.reason} (the graph changed meanwhile); nothing was written`);
    return 1;
  }
  console.log(
    `imported ${file}: ${created} edge(s) created, ${updated} updated, ${unchanged} unchanged; ${plan.batch.entities.length} entity and ${plan.batch.sources.length} source change(s)`,
  );
  return 0;
}

/**
 * Exports read: on the embedded store they open the database read-only, beside a running
 * API. A data directory with no graph yet is created (and seeded) as the API would.
 */
async function withReader(config: Config, say: (line: string) => void, work: (store: GraphBackend) => Promise<number>): Promise<number> {
  if (config.neo4j || !existsSync(join(config.dataDir, DATABASE_FILE))) return withBackend(await openBackend(config, say), work);
  return withBackend(SqliteGraphStore.openReader(config.dataDir), work);
}

async function withBackend(store: GraphBackend, work: (store: GraphBackend) => Promise<number>): Promise<number> {
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function backup(config: Config, file: string, say: (line: string) => void): Promise<number> {
  if (config.neo4j) {
    console.error(
      'backup: with NEO4J_URI set, back up Neo4j with its own tools (neo4j-admin database dump); this command is for DATA_DIR/graph.db',
    );
    return 2;
  }
  const { pages, counts } = await backupDatabase(config.dataDir, file, (done, all) => say(`copied ${done}/${all} pages`));
  console.log(
    `backed up ${config.dataDir} to ${file}: ${pages} pages, ${counts.entities} entities, ${counts.edges} edges, ${counts.revisions} revisions`,
  );
  return 0;
}

async function restore(config: Config, file: string, say: (line: string) => void): Promise<number> {
  if (config.neo4j) {
    console.error(
      'restore: with NEO4J_URI set, restore Neo4j with its own tools (neo4j-admin database load); this command is for DATA_DIR/graph.db',
    );
    return 2;
  }
  const counts = await restoreDatabase(file, config.dataDir, say);
  console.log(`restored ${file} into ${config.dataDir}: ${counts.entities} entities, ${counts.edges} edges, ${counts.revisions} revisions`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`graph: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
