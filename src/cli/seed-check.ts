/**
 * npm run seed:check -- [ARTICLES_DIR]
 * Validates seed/ (record shapes, ids, references, ranges, one edge per claim, every chain
 * holding, the inventory accounting for every edge quote) and checks every evidence, scenario
 * and inventory quote verbatim against the articles (default ../shared/articles).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../config';
import { findMisquotes } from '../storage/seed/check-quotes';
import { inventoryStatus } from '../storage/seed/inventory.model';
import { readSeed, SeedError } from '../storage/seed/read-seed';

const articlesDir = resolve(process.argv[2] ?? join(PROJECT_ROOT, '..', 'shared', 'articles'));
const seedDir = process.env.SEED_DIR || join(PROJECT_ROOT, 'seed');

try {
  if (!existsSync(articlesDir)) throw new SeedError(`the articles folder ${articlesDir} does not exist; pass it as the first argument`);
  const seed = readSeed(seedDir);
  const problems = findMisquotes(seed, articlesDir);
  if (problems.length > 0) throw new SeedError(`${problems.length} quote problem(s):\n  - ${problems.join('\n  - ')}`);
  const quotes = seed.edges.reduce((n, e) => n + e.evidence.length, 0);
  const count = (status: string) => seed.inventory.filter((item) => inventoryStatus(item) === status).length;
  console.log(
    `seed ok: ${seed.entities.length} entities, ${seed.edges.length} causal edges, ${seed.sources.length} sources, ${seed.chains.length} chains that hold; ` +
      `${seed.inventory.length} inventoried statements (${count('MODELLED')} modelled, ${count('SET_ASIDE')} set aside, ${count('OPEN')} open); ` +
      `${quotes} edge quotes and every inventory quote found verbatim in ${articlesDir}`,
  );
} catch (error) {
  console.error(error instanceof SeedError ? error.message : error);
  process.exit(1);
}
