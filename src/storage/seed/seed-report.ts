import { ENTITY_KINDS } from '../../domain/model/graph.model';
import { traceChain } from '../../domain/model/trace-chain';
import { inventoryStatus, SET_ASIDE_REASONS, type SetAsideReason } from './inventory.model';
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
  /** Per source id: how many of its inventoried statements the graph carries. */
  readonly recall: ReadonlyMap<string, Recall>;
}

/** An article's inventory counted: statements carried by edges, set aside with a reason, still open. */
export interface Recall {
  readonly statements: number;
  readonly modelled: number;
  readonly setAside: number;
  readonly open: number;
  readonly byReason: Readonly<Record<SetAsideReason, number>>;
  /** modelled / (modelled + open): the share of the mechanisms the graph should carry that it does; 1 when there are none. */
  readonly recall: number;
}

/** Recall per source from the inventory (sources without one count zero statements). */
export function inventoryRecall(seed: Pick<Seed, 'sources' | 'inventory'>): Map<string, Recall> {
  return new Map(
    seed.sources.map((source) => {
      const items = seed.inventory.filter((item) => item.sourceId === source.id);
      const count = (status: string) => items.filter((item) => inventoryStatus(item) === status).length;
      const [modelled, setAside, open] = [count('MODELLED'), count('SET_ASIDE'), count('OPEN')];
      const byReason = Object.fromEntries(
        SET_ASIDE_REASONS.map((reason) => [reason, items.filter((item) => item.setAside === reason).length]),
      ) as Record<SetAsideReason, number>;
      const recall = modelled + open === 0 ? 1 : modelled / (modelled + open);
      return [source.id, { statements: items.length, modelled, setAside, open, byReason, recall }];
    }),
  );
}

/**
 * Coverage of the seed against its articles: entities and edges per article, the inventory's
 * recall per article, entities and edges per kind, the chains traced as paths, and every
 * paragraph that no evidence or inventory quote comes from.
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
    '| source | edges citing it | quotes | entities on those edges | paragraphs quoted |',
    '|---|---|---|---|---|',
  );
  const uncited = new Map<string, Paragraph[]>();
  for (const source of seed.sources) {
    const citing = seed.edges.filter((e) => e.evidence.some((ev) => ev.sourceId === source.id));
    const quotes = seed.edges.flatMap((e) => e.evidence.filter((ev) => ev.sourceId === source.id).map((ev) => ev.quote));
    // Paragraphs count as read when an inventory item quotes them, even one set aside.
    const read = [...quotes, ...seed.inventory.filter((item) => item.sourceId === source.id).map((item) => item.quote)];
    const entities = new Set(citing.flatMap((e) => [e.fromId, e.toId]));
    const text = articles.get(source.id);
    let cited = '—';
    if (text !== undefined) {
      const paragraphs = paragraphsOf(text);
      const missed = paragraphs.filter((p) => !read.some((q) => overlaps(text, q, p)));
      uncited.set(source.id, missed);
      cited = `${paragraphs.length - missed.length} / ${paragraphs.length}`;
    }
    out.push(`| ${source.id} | ${citing.length} | ${quotes.length} | ${entities.size} | ${cited} |`);
  }

  const recall = inventoryRecall(seed);
  out.push(
    '',
    '## Inventory: recall per article',
    '',
    'Every causal statement of each article (seed/inventory/): carried by edges, set aside with a reason, or open.',
    'Recall is modelled / (modelled + open).',
    '',
    `| source | statements | modelled | set aside | open | recall | set aside as ${SET_ASIDE_REASONS.join(' / ')} |`,
    '|---|---|---|---|---|---|---|',
  );
  for (const [sourceId, r] of recall) {
    const reasons = SET_ASIDE_REASONS.map((reason) => r.byReason[reason]).join(' / ');
    out.push(
      `| ${sourceId} | ${r.statements} | ${r.modelled} | ${r.setAside} | ${r.open} | ${(100 * r.recall).toFixed(1)}% | ${reasons} |`,
    );
  }
  const open = seed.inventory.filter((item) => inventoryStatus(item) === 'OPEN');
  if (open.length > 0) {
    out.push('', '### Open statements (no edge carries them yet)', '');
    for (const item of open) out.push(`- ${item.sourceId} ${item.id}: "${item.quote}" — ${item.note}`);
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

  out.push('## Paragraphs no edge or inventory item quotes', '');
  for (const [sourceId, missed] of uncited) {
    out.push(`### ${sourceId}: ${missed.length}`, '');
    for (const p of missed) out.push(`- line ${p.line}: ${p.text.length > 90 ? `${p.text.slice(0, 90)}…` : p.text}`);
    out.push('');
  }
  return { markdown: out.join('\n'), uncited, chainsComplete, recall };
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
