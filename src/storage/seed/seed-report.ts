import { ENTITY_KINDS } from '../../domain/model/graph.model';
import { traceChain } from '../../domain/model/trace-chain';
import type { Seed } from './read-seed';

/** A paragraph of an article: one non-empty line, with its 1-based line number. */
interface Paragraph {
  readonly line: number;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface CoverageReport {
  readonly markdown: string;
  /** Per source id: paragraphs no quote touches. */
  readonly uncited: ReadonlyMap<string, readonly Paragraph[]>;
  readonly chainsComplete: boolean;
}

/**
 * Coverage of the seed against its articles: entities and edges per article and per kind,
 * the chains traced as paths, and every paragraph that no evidence quote comes from.
 * `articles` maps a source id to its article's text (missing: that article is not read).
 */
export function buildCoverageReport(seed: Seed, articles: ReadonlyMap<string, string>): CoverageReport {
  const out: string[] = ['# Seed coverage report', ''];
  out.push(
    `${seed.entities.length} entities, ${seed.edges.length} causal edges, ${seed.sources.length} sources, ${seed.edges.reduce((n, e) => n + e.evidence.length, 0)} quotes.`,
    '',
  );

  out.push(
    '## Per article',
    '',
    '| source | edges citing it | quotes | entities on those edges | paragraphs cited |',
    '|---|---|---|---|---|',
  );
  const uncited = new Map<string, Paragraph[]>();
  for (const source of seed.sources) {
    const citing = seed.edges.filter((e) => e.evidence.some((ev) => ev.sourceId === source.id));
    const quotes = seed.edges.flatMap((e) => e.evidence.filter((ev) => ev.sourceId === source.id).map((ev) => ev.quote));
    const entities = new Set(citing.flatMap((e) => [e.fromId, e.toId]));
    const text = articles.get(source.id);
    let cited = '—';
    if (text !== undefined) {
      const paragraphs = paragraphsOf(text);
      const missed = paragraphs.filter((p) => !quotes.some((q) => overlaps(text, q, p)));
      uncited.set(source.id, missed);
      cited = `${paragraphs.length - missed.length} / ${paragraphs.length}`;
    }
    out.push(`| ${source.id} | ${citing.length} | ${quotes.length} | ${entities.size} | ${cited} |`);
  }

  out.push('', '## Per kind', '', '| kind | entities | causal edges out | causal edges in |', '|---|---|---|---|');
  const kindOf = new Map(seed.entities.map((e) => [e.id, e.kind]));
  for (const kind of ENTITY_KINDS) {
    const n = seed.entities.filter((e) => e.kind === kind).length;
    if (n === 0) continue;
    const outgoing = seed.edges.filter((e) => kindOf.get(e.fromId) === kind).length;
    const incoming = seed.edges.filter((e) => kindOf.get(e.toId) === kind).length;
    out.push(`| ${kind} | ${n} | ${outgoing} | ${incoming} |`);
  }

  out.push('', '## Chains the articles spell out', '');
  let chainsComplete = true;
  for (const chain of seed.chains) {
    const traced = traceChain(chain, seed.edges);
    chainsComplete &&= traced.complete;
    const verdict = traced.complete
      ? `complete, strength ${traced.strength.toPrecision(3)}${traced.loopKind ? `, ${traced.loopKind} loop` : ''}`
      : 'INCOMPLETE';
    out.push(
      `### ${chain.title} (${chain.id}, ${chain.sourceId}): ${verdict}`,
      '',
      '| from | to | moves | edge | polarity | weight |',
      '|---|---|---|---|---|---|',
    );
    for (const step of traced.steps) {
      const edge = step.edge ? `${step.edge.id} | ${step.edge.polarity} | ${step.edge.weight}` : `**${step.problem}** | — | —`;
      out.push(`| ${step.fromId} | ${step.toId} | ${step.expected} | ${edge} |`);
    }
    out.push('');
  }

  out.push('## Paragraphs no edge cites', '');
  for (const [sourceId, missed] of uncited) {
    out.push(`### ${sourceId}: ${missed.length}`, '');
    for (const p of missed) out.push(`- line ${p.line}: ${p.text.length > 90 ? `${p.text.slice(0, 90)}…` : p.text}`);
    out.push('');
  }
  return { markdown: out.join('\n'), uncited, chainsComplete };
}

function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() !== '') paragraphs.push({ line: i + 1, text: line.trim(), start, end: start + line.length });
    start += line.length + 1;
  });
  return paragraphs;
}

/** True when some occurrence of the quote shares characters with the paragraph. */
function overlaps(text: string, quote: string, p: Paragraph): boolean {
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    if (at < p.end && at + quote.length > p.start) return true;
  }
  return false;
}
