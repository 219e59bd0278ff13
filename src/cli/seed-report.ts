/**
 * npm run seed:report -- [ARTICLES_DIR] [--out FILE]
 * Prints the seed's coverage of the articles as Markdown (or writes it to FILE).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../config';
import { readSeed } from '../storage/seed/read-seed';
import { buildCoverageReport } from '../storage/seed/seed-report';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args.splice(outAt, 2)[1] : undefined;
const articlesDir = resolve(args[0] ?? join(PROJECT_ROOT, '..', 'shared', 'articles'));

try {
  const seed = readSeed(process.env.SEED_DIR || join(PROJECT_ROOT, 'seed'));
  const articles = new Map<string, string>();
  for (const [sourceId, file] of seed.sourceFiles) {
    const path = join(articlesDir, file);
    if (existsSync(path)) articles.set(sourceId, readFileSync(path, 'utf8'));
  }
  if (articles.size === 0) console.error(`note: no article found in ${articlesDir}; paragraph coverage is left out`);
  const report = buildCoverageReport(seed, articles);
  if (out) {
    writeFileSync(out, report.markdown + '\n');
    console.log(`wrote ${out}`);
  } else console.log(report.markdown);
  if (!report.chainsComplete) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
