import { InvalidArgumentError } from '../domain/errors';
import { LIMITS, requireInRange } from '../domain/limits/argument-limits';
import type { CausalEdge, Entity, Polarity } from '../domain/model/graph.model';
import { suggestEdges } from '../domain/provenance/suggest-edges';
import type { EdgeSuggestion } from '../domain/provenance/suggestion.model';
import type { CursorKey } from '../domain/paging/cursor';
import type { Actor } from './access';
import type { GraphWriterService } from './graph-writer.service';
import type { CausalIndexSource } from './ports/causal-index.port';
import type { GraphReads } from './ports/graph-reads.port';

/** A page of entities when reading them all for suggestions. */
const ENTITY_PAGE = 500;

/** What a researcher turns into a proposal: a suggestion as `suggestEdges` gave it, and the edge's numbers. */
export interface SuggestionChoice {
  readonly sourceId: string;
  readonly from: string;
  readonly to: string;
  readonly polarity: Polarity;
  readonly quote: string;
  readonly weight: number;
  readonly confidence: number;
  readonly lagDays: number;
  readonly mechanism?: string | null;
}

/**
 * Suggestions from a source's text (domain/provenance/suggest-edges): sentences naming two
 * known entities with a causal cue, against the graph's ACTIVE edges; and the one call that
 * turns a suggestion into a proposal.
 */
export class SuggestionService {
  constructor(
    private readonly reads: GraphReads,
    private readonly index: CausalIndexSource,
    private readonly writer: GraphWriterService,
  ) {}

  async suggest(sourceId: string, first: number): Promise<EdgeSuggestion[]> {
    requireInRange('first', first, LIMITS.suggestEdges.first);
    const [source] = await this.reads.getSources([sourceId]);
    if (!source) throw new InvalidArgumentError('sourceId', `names no source (got "${sourceId}")`);
    const [text] = await this.reads.getSourceTexts([sourceId]);
    if (text === undefined) {
      throw new InvalidArgumentError('sourceId', `names source ${sourceId}, which has no text; give it one with setSourceText first`);
    }
    const graph = await this.index.causalGraph();
    const activeEdges = graph.links().filter((l) => !l.proposed);
    return suggestEdges({ text, entities: await this.allEntities(), activeEdges, first });
  }

  /**
   * A suggestion made a claim: evidence added to the ACTIVE edge that already makes it, or a
   * new edge (PROPOSED unless an admin writes it). The quote is checked against the source's
   * text like every other.
   */
  async propose(actor: Actor | undefined, choice: SuggestionChoice): Promise<CausalEdge> {
    try {
      return await this.proposeClaim(actor, choice);
    } catch (error) {
      // The client sent one quote, as input.quote: name it so.
      const prefix = error instanceof InvalidArgumentError ? /^(input\.evidence|patch\.addEvidence)\[0\]\./.exec(error.argument) : null;
      if (prefix) {
        const { argument, problem } = error as InvalidArgumentError;
        throw new InvalidArgumentError(`input.${argument.slice(prefix[0].length)}`, problem);
      }
      throw error;
    }
  }

  private async proposeClaim(actor: Actor | undefined, choice: SuggestionChoice): Promise<CausalEdge> {
    const evidence = [{ sourceId: choice.sourceId, quote: choice.quote }];
    const graph = await this.index.causalGraph();
    const existing = graph
      .links()
      .find((l) => !l.proposed && l.fromId === choice.from && l.toId === choice.to && l.polarity === choice.polarity);
    if (existing) {
      const [edge] = await this.reads.getEdges([existing.id]);
      if (edge?.evidence.some((e) => e.sourceId === choice.sourceId && e.quote === choice.quote)) return edge;
      if (edge) return this.writer.updateEdge(actor, edge.id, { addEvidence: evidence }, edge.revision, 'evidence from a suggestion');
    }
    const mechanism = choice.mechanism?.trim() || `Suggested from ${choice.sourceId}: ${choice.quote}`.slice(0, 500);
    const { from, to, polarity, weight, confidence, lagDays } = choice;
    return this.writer.addEdge(actor, { from, to, polarity, weight, confidence, lagDays, mechanism, evidence });
  }

  private async allEntities(): Promise<Entity[]> {
    const entities: Entity[] = [];
    let after: CursorKey | undefined;
    for (;;) {
      const page = await this.reads.searchEntities({ first: ENTITY_PAGE, after });
      entities.push(...page.items.map((r) => r.entity));
      if (!page.hasMore || page.items.length === 0) return entities;
      const last = page.items.at(-1)!;
      after = [last.rank, last.entity.id];
    }
  }
}
