import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findQuote } from '../../domain/provenance/find-quote';
import { prepareQuoteSource, type QuoteSource } from '../../domain/provenance/quote-source';
import type { Seed } from './read-seed';

/**
 * Every evidence, scenario and inventory quote must occur verbatim in the text of the article
 * its source names, by the very matcher the API checks writes with (findQuote: NFC and
 * whitespace runs collapsed, nothing else). Returns one line per problem; empty when every
 * quote is found.
 */
export function findMisquotes(seed: Seed, articlesDir: string): string[] {
  const texts = new Map<string, QuoteSource | null>();
  const text = (file: string) => {
    if (!texts.has(file)) {
      const path = join(articlesDir, file);
      texts.set(file, existsSync(path) ? prepareQuoteSource(readFileSync(path, 'utf8')) : null);
    }
    return texts.get(file)!;
  };
  const missing = (body: QuoteSource | null, quote: string) => body !== null && !findQuote(body, quote).found;
  const problems: string[] = [];
  for (const source of seed.sources) {
    const file = seed.sourceFiles.get(source.id);
    if (!file) problems.push(`source ${source.id}: names no article file (add \`file:\` in sources.yaml)`);
    else if (text(file) === null) problems.push(`source ${source.id}: ${join(articlesDir, file)} does not exist`);
  }
  for (const edge of seed.edges) {
    edge.evidence.forEach((ev, i) => {
      const file = seed.sourceFiles.get(ev.sourceId);
      const body = file ? text(file) : null;
      if (missing(body, ev.quote)) {
        problems.push(`edge ${edge.id}: evidence[${i}] is not verbatim in ${file}: "${ev.quote}"`);
      }
    });
  }
  for (const scenario of seed.scenarios) {
    const file = seed.sourceFiles.get(scenario.sourceId);
    const body = file ? text(file) : null;
    if (missing(body, scenario.quote))
      problems.push(`scenario ${scenario.id}: its quote is not verbatim in ${file}: "${scenario.quote}"`);
  }
  for (const item of seed.inventory) {
    const file = seed.sourceFiles.get(item.sourceId);
    const body = file ? text(file) : null;
    if (missing(body, item.quote))
      problems.push(`${item.file}: ${item.id}: its quote is not verbatim in ${file}: "${item.quote}"`);
  }
  return problems;
}
