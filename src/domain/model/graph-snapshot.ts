import { ID_PATTERN, MAX_QUOTE_LENGTH, type CausalEdge, type Entity, type Source } from './graph.model';

/** A whole graph as plain records: what a seed holds and what an adapter loads. */
export interface GraphSnapshot {
  readonly entities: readonly Entity[];
  readonly edges: readonly CausalEdge[];
  readonly sources: readonly Source[];
}

/**
 * The rules DOMAIN.md sets for a graph as a whole, beyond each record's own shape:
 * unique kebab-case ids, edges and evidence that point at things that exist, weights
 * in range, evidence on every edge, a measure on every entity an edge touches, and one
 * edge per claim (from, to, polarity): a second source for a claim is more evidence on it.
 * Returns one readable line per problem; an empty list means the graph is sound.
 */
export function findGraphProblems(graph: GraphSnapshot): string[] {
  const problems: string[] = [];
  const entityIds = uniqueIds('entity', graph.entities, problems);
  const sourceIds = uniqueIds('source', graph.sources, problems);
  uniqueIds('edge', graph.edges, problems);

  for (const entity of graph.entities) {
    if (entity.partOf !== undefined && !entityIds.has(entity.partOf)) {
      problems.push(`entity ${entity.id}: partOf names no entity (${entity.partOf})`);
    }
  }
  const needsMeasure = new Set<string>();
  const claims = new Map<string, string>();
  for (const edge of graph.edges) {
    const at = `edge ${edge.id}`;
    const claim = `${edge.fromId} ${edge.toId} ${edge.polarity}`;
    const twin = claims.get(claim);
    if (twin !== undefined) {
      problems.push(`${at}: repeats edge ${twin} (same from, to and polarity); merge its evidence into ${twin}`);
    } else claims.set(claim, edge.id);
    for (const [end, id] of [['from', edge.fromId], ['to', edge.toId]] as const) {
      if (!entityIds.has(id)) problems.push(`${at}: ${end} names no entity (${id})`);
      needsMeasure.add(id);
    }
    if (edge.fromId === edge.toId) problems.push(`${at}: from and to are the same entity`);
    if (!(edge.weight > 0 && edge.weight <= 1)) problems.push(`${at}: weight must be in (0, 1] (got ${edge.weight})`);
    if (!(edge.confidence > 0 && edge.confidence <= 1)) {
      problems.push(`${at}: confidence must be in (0, 1] (got ${edge.confidence})`);
    }
    if (!Number.isInteger(edge.lagDays) || edge.lagDays < 0) {
      problems.push(`${at}: lagDays must be a whole number ≥ 0 (got ${edge.lagDays})`);
    }
    if (edge.mechanism.trim() === '') problems.push(`${at}: mechanism is empty`);
    if (edge.evidence.length === 0) problems.push(`${at}: has no evidence`);
    edge.evidence.forEach((ev, i) => {
      if (!sourceIds.has(ev.sourceId)) problems.push(`${at}: evidence[${i}] cites no known source (${ev.sourceId})`);
      if (ev.quote.trim() === '') problems.push(`${at}: evidence[${i}] quote is empty`);
      if (ev.quote.length > MAX_QUOTE_LENGTH) {
        problems.push(`${at}: evidence[${i}] quote is ${ev.quote.length} characters; at most ${MAX_QUOTE_LENGTH}`);
      }
    });
  }
  for (const entity of graph.entities) {
    if (needsMeasure.has(entity.id) && !entity.measure?.trim()) {
      problems.push(`entity ${entity.id}: takes part in causal edges but has no measure`);
    }
  }
  return problems;
}

function uniqueIds(what: string, records: readonly { id: string }[], problems: string[]): Set<string> {
  const ids = new Set<string>();
  for (const { id } of records) {
    if (!ID_PATTERN.test(id)) problems.push(`${what} id "${id}" is not kebab-case (a-z, 0-9, single hyphens)`);
    if (ids.has(id)) problems.push(`${what} id "${id}" is used twice`);
    ids.add(id);
  }
  return ids;
}
