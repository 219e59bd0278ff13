/**
 * npm run seed:suggest-eval -- [ARTICLES_DIR] [--top N] [--list]
 * Leave-one-article-out measurement of suggestEdges against the curated seed: for each
 * article, the edges that cite only it are hidden, suggestions are made from its text with
 * the other edges as existing ones, and the top N (default 50) are judged.
 * recall = hidden edges whose claim a suggestion makes / hidden edges;
 * precision = top-N suggestions whose claim some seed edge makes / suggestions judged.
 * --list prints every judged suggestion, marked. ms is the best of three runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../config';
import { claimKey } from '../domain/model/graph.model';
import { holdOutSource } from '../domain/provenance/hold-out-source';
import { scoreSuggestions, type SuggestionScore } from '../domain/provenance/score-suggestions';
import { suggestEdges } from '../domain/provenance/suggest-edges';
import { readSeed } from '../storage/seed/read-seed';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 1).length > 0 : false;
};
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const list = flag('--list');
const top = Number(option('--top') ?? 50);
const articlesDir = resolve(args[0] ?? join(PROJECT_ROOT, '..', 'shared', 'articles'));

try {
  if (!existsSync(articlesDir)) throw new Error(`the articles folder ${articlesDir} does not exist; pass it as the first argument`);
  const seed = readSeed(process.env.SEED_DIR || join(PROJECT_ROOT, 'seed'));
  const curated = new Set(seed.edges.map(claimKey));
  const rows: string[] = [];
  const scores: SuggestionScore[] = [];
  for (const [sourceId, file] of [...seed.sourceFiles].sort(([, a], [, b]) => (a < b ? -1 : 1))) {
    const path = join(articlesDir, file);
    if (!existsSync(path)) throw new Error(`${path} (source ${sourceId}) does not exist`);
    const text = readFileSync(path, 'utf8');
    const { hidden, remaining } = holdOutSource(seed.edges, sourceId);
    const run = () => suggestEdges({ text, entities: seed.entities, activeEdges: remaining, first: top });
    const suggestions = run();
    // The best of a few runs: the first pays for compilation, and the machine may be busy.
    const ms = Math.min(
      ...[1, 2, 3].map(() => {
        const started = performance.now();
        run();
        return performance.now() - started;
      }),
    );
    const score = scoreSuggestions(suggestions, hidden, seed.edges, top);
    scores.push(score);
    rows.push(row(`${file} (${sourceId})`, score, `${ms.toFixed(0)}`));
    if (list) {
      const hiddenKeys = new Set(hidden.map(claimKey));
      console.log(`\n## ${sourceId}\n`);
      suggestions.forEach((s, i) => {
        const mark = hiddenKeys.has(claimKey(s)) ? 'HIDDEN' : curated.has(claimKey(s)) ? 'SEED' : s.existingEdgeId ? '?' : '-';
        console.log(
          `${i + 1}. [${mark}] ${s.score.toFixed(3)} ${s.fromId} -${s.polarity === 'POSITIVE' ? '+' : '−'}-> ${s.toId}  «${s.quote}»`,
        );
      });
      const found = new Set(suggestions.map(claimKey));
      for (const edge of hidden.filter((e) => !found.has(claimKey(e))))
        console.log(`   missed: ${edge.fromId} ${edge.polarity} ${edge.toId} (${edge.id})`);
    }
  }
  const sum = (pick: (s: SuggestionScore) => number) => scores.reduce((n, s) => n + pick(s), 0);
  const hidden = sum((s) => s.hidden);
  const judged = sum((s) => s.judged);
  const total: SuggestionScore = {
    hidden,
    recovered: sum((s) => s.recovered),
    recall: hidden === 0 ? 1 : sum((s) => s.recovered) / hidden,
    judged,
    correct: sum((s) => s.correct),
    precision: judged === 0 ? 1 : sum((s) => s.correct) / judged,
  };
  console.log(`\nSuggestions from each article with its own edges hidden (top ${top}):\n`);
  console.log('| article | hidden | recovered | recall | judged | in seed | precision | ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
  console.log(row('**total**', total, ''));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

function row(label: string, s: SuggestionScore, ms: string): string {
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  return `| ${label} | ${s.hidden} | ${s.recovered} | ${pct(s.recall)} | ${s.judged} | ${s.correct} | ${pct(s.precision)} | ${ms} |`;
}
