/**
 * npm run graph -- export FILE     the graph as JSON (everything) or CSV (edges, one row per quote)
 * npm run graph -- import FILE     all rows or none; every rejected row is listed with its reason
 *
 * Works on the backend the API would use: Neo4j when NEO4J_URI is set, else the embedded
 * store under DATA_DIR (which must not be in use by a running API at the same time).
 */
import 'reflect-metadata';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { readGraphFile, writeGraphFile } from '../application/bulk/graph-file';
import { planImport } from '../application/bulk/plan-import';
import { openStore } from '../composition-root';
import { readConfig } from '../config';

const USAGE = 'usage: npm run graph -- export FILE.json|FILE.csv  |  npm run graph -- import FILE.json|FILE.csv';

async function main(): Promise<number> {
  const [command, file] = process.argv.slice(2);
  if (!file || (command !== 'export' && command !== 'import')) {
    console.error(USAGE);
    return 2;
  }
  const say = (line: string) => console.error(`[${command}] ${line}`);
  const store = await openStore(readConfig(), say);
  try {
    if (command === 'export') {
      const { records } = writeGraphFile(file, await store.exportGraph());
      console.log(`exported ${records} records to ${file}`);
      return 0;
    }
    const { file: parsed, rejected: unreadable } = readGraphFile(file);
    const total = parsed.sources.length + parsed.entities.length + parsed.edges.length;
    say(`read ${total} records from ${file}; checking them against the ${store.backend} graph`);
    const by = `import:${process.env.IMPORT_USER || userInfo().username}`;
    const plan = planImport(
      parsed,
      await store.exportGraph(),
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
      console.error(`import refused: edge ${outcome.edgeId} ${outcome.reason} (the graph changed meanwhile); nothing was written`);
      return 1;
    }
    console.log(
      `imported ${file}: ${created} edge(s) created, ${updated} updated, ${unchanged} unchanged; ${plan.batch.entities.length} entity and ${plan.batch.sources.length} source change(s)`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`graph: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
