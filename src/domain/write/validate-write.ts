import { InvalidArgumentError } from '../errors';
import { LIMITS, requireCount } from '../limits/argument-limits';
import { ENTITY_KINDS, type Entity } from '../model/graph.model';
import { charactersProblem, idProblem, lagProblem, mechanismProblem, quoteProblem, unitIntervalProblem } from '../model/rules';
import type { QuoteSource } from '../provenance/quote-source';
import { checkQuotes, sourceTextProblem } from '../provenance/source-text';
import type { EdgeInput, EdgePatch, EntityInput, EvidenceInput, SourceInput } from './write-inputs';

/** What validation needs to know of the graph as it stands. */
export interface WriteLookups {
  entity(id: string): Entity | undefined;
  hasSource(id: string): boolean;
  /** Whether the entity takes part in any causal edge (then it must keep a measure). */
  hasEdges(entityId: string): boolean;
  /** A source's text prepared for quote checks, when the source carries text. */
  quoteSource?(sourceId: string): QuoteSource | undefined;
}

const MAX_TEXT = LIMITS.writes.text.max;

function check(argument: string, problem: string | undefined): void {
  if (problem) throw new InvalidArgumentError(argument, problem);
}

function text(argument: string, value: string | null | undefined, required: boolean): void {
  if (value === null || value === undefined) {
    check(argument, required ? 'is required' : undefined);
    return;
  }
  check(
    argument,
    value.trim() === ''
      ? 'must not be empty'
      : value.length > MAX_TEXT
        ? `must be at most ${MAX_TEXT} characters`
        : charactersProblem(value),
  );
}

export function validateEntityInput(input: EntityInput, graph: WriteLookups): void {
  check('input.id', idProblem(input.id));
  text('input.name', input.name, true);
  check('input.kind', ENTITY_KINDS.includes(input.kind) ? undefined : `must be one of ${ENTITY_KINDS.join(', ')}`);
  text('input.measure', input.measure, false);
  text('input.description', input.description, false);
  requireCount('input.aliases', input.aliases?.length ?? 0, LIMITS.writes.aliases, 'aliases');
  (input.aliases ?? []).forEach((alias, i) => text(`input.aliases[${i}]`, alias, true));
  if (!input.measure?.trim() && graph.hasEdges(input.id)) {
    throw new InvalidArgumentError(
      'input.measure',
      `is required: ${input.id} takes part in causal edges, and a sign means nothing without what UP means`,
    );
  }
  if (input.partOf != null) {
    check(
      'input.partOf',
      input.partOf === input.id
        ? 'must name another entity'
        : graph.entity(input.partOf)
          ? undefined
          : `names no entity (got "${input.partOf}")`,
    );
  }
}

export function validateSourceInput(input: SourceInput): void {
  check('input.id', idProblem(input.id));
  text('input.title', input.title, true);
  text('input.author', input.author, false);
  text('input.language', input.language, true);
  check(
    'input.language',
    /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(input.language)
      ? undefined
      : `must be a BCP 47 tag such as en, zh-Hans or zh-Hant (got "${input.language}")`,
  );
  if (input.publishedOn != null) {
    check(
      'input.publishedOn',
      /^\d{4}(-\d{2}(-\d{2})?)?$/.test(input.publishedOn)
        ? undefined
        : `must be a date as YYYY, YYYY-MM or YYYY-MM-DD (got "${input.publishedOn}")`,
    );
  }
  if (input.text != null) check('input.text', sourceTextProblem(input.text));
  if (input.url != null) check('input.url', /^https?:\/\/\S+$/.test(input.url) ? undefined : `must be an http(s) URL (got "${input.url}")`);
}

export function validateEdgeInput(input: EdgeInput, graph: WriteLookups): void {
  if (input.id != null) check('input.id', idProblem(input.id));
  for (const end of ['from', 'to'] as const) {
    const entity = graph.entity(input[end]);
    if (!entity) throw new InvalidArgumentError(`input.${end}`, `names no entity (got "${input[end]}"); add it with upsertEntity first`);
    if (!entity.measure?.trim()) {
      throw new InvalidArgumentError(`input.${end}`, `names ${entity.id}, which has no measure; give it one with upsertEntity first`);
    }
  }
  check('input.to', input.to === input.from ? 'must differ from input.from: an edge cannot cause its own source' : undefined);
  check('input.weight', unitIntervalProblem(input.weight));
  check('input.confidence', unitIntervalProblem(input.confidence));
  check('input.lagDays', lagProblem(input.lagDays));
  check('input.mechanism', mechanismProblem(input.mechanism));
  check('input.evidence', input.evidence.length === 0 ? 'must cite at least one source with a quote' : undefined);
  requireCount('input.evidence', input.evidence.length, LIMITS.writes.evidence, 'quotes');
  validateEvidence('input.evidence', input.evidence, graph, []);
}

/**
 * Checks a patch; `existing` is the evidence the edge holds now, which added quotes must not
 * repeat and, with them, must stay within the evidence bound.
 */
export function validateEdgePatch(patch: EdgePatch, graph: WriteLookups, existing: readonly EvidenceInput[] = []): void {
  const fields = ['polarity', 'weight', 'confidence', 'lagDays', 'mechanism', 'addEvidence'] as const;
  check('patch', fields.some((f) => patch[f] != null) ? undefined : `must change at least one of ${fields.join(', ')}`);
  if (patch.weight != null) check('patch.weight', unitIntervalProblem(patch.weight));
  if (patch.confidence != null) check('patch.confidence', unitIntervalProblem(patch.confidence));
  if (patch.lagDays != null) check('patch.lagDays', lagProblem(patch.lagDays));
  if (patch.mechanism != null) check('patch.mechanism', mechanismProblem(patch.mechanism));
  if (patch.addEvidence != null) {
    check('patch.addEvidence', patch.addEvidence.length === 0 ? 'must list at least one quote when given' : undefined);
    const max = LIMITS.writes.evidence.max;
    check(
      'patch.addEvidence',
      existing.length + patch.addEvidence.length > max
        ? `must keep the edge within ${max} quotes: it has ${existing.length}, so at most ${Math.max(0, max - existing.length)} more (got ${patch.addEvidence.length})`
        : undefined,
    );
    validateEvidence('patch.addEvidence', patch.addEvidence, graph, existing);
  }
}

export function validateReason(argument: string, reason: string | null | undefined, required: boolean): void {
  text(argument, reason, required);
}

/** How a quote is compared for duplicates: NFC, whitespace runs as one space, no case. */
export function quoteKey(ev: EvidenceInput): string {
  return `${ev.sourceId}\u0000${ev.quote.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase()}`;
}

function validateEvidence(
  argument: string,
  evidence: readonly EvidenceInput[],
  graph: WriteLookups,
  existing: readonly EvidenceInput[],
): void {
  const seen = new Set(existing.map(quoteKey));
  evidence.forEach((ev, i) => {
    check(
      `${argument}[${i}].sourceId`,
      graph.hasSource(ev.sourceId) ? undefined : `names no source (got "${ev.sourceId}"); add it with addSource first`,
    );
    check(`${argument}[${i}].quote`, quoteProblem(ev.quote)?.replace(/^quote /, ''));
    const key = quoteKey(ev);
    check(
      `${argument}[${i}].quote`,
      seen.has(key)
        ? `repeats a quote from ${ev.sourceId} that the edge already cites (compared after NFC, ignoring case and runs of spaces)`
        : undefined,
    );
    seen.add(key);
  });
  if (graph.quoteSource) checkQuotes(argument, evidence, (id) => graph.quoteSource!(id));
}
