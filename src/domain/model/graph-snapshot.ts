import { claimKey, type EdgeRecord, type Entity, type Source } from './graph.model';
import { evidenceProblem, idProblem, lagProblem, mechanismProblem, unitIntervalProblem } from './rules';

/** A whole graph as plain records: what a seed holds and what an adapter loads. */
export interface GraphSnapshot {
  readonly entities: readonly Entity[];
  readonly edges: readonly EdgeRecord[];
  readonly sources: readonly Source[];
  /** Source texts by source id (each source with text names its SHA-256 in `textSha256`). */
  readonly texts?: ReadonlyMap<string, string>;
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
    const claim = claimKey(edge);
    const twin = claims.get(claim);
    if (edge.status === 'RETRACTED') {
      // A retracted edge may share its claim with the active one that replaced it.
    } else if (twin !== undefined) {
      problems.push(`${at}: repeats edge ${twin} (same from, to and polarity); merge its evidence into ${twin}`);
    } else claims.set(claim, edge.id);
    for (const [end, id] of [
      ['from', edge.fromId],
      ['to', edge.toId],
    ] as const) {
      if (!entityIds.has(id)) problems.push(`${at}: ${end} names no entity (${id})`);
      needsMeasure.add(id);
    }
    if (edge.fromId === edge.toId) problems.push(`${at}: from and to are the same entity`);
    const fieldProblems: Array<[string, string | undefined]> = [
      ['weight', unitIntervalProblem(edge.weight)],
      ['confidence', unitIntervalProblem(edge.confidence)],
      ['lagDays', lagProblem(edge.lagDays)],
      ['mechanism', mechanismProblem(edge.mechanism)],
      ['evidence', edge.evidence.length === 0 ? 'must cite at least one source' : undefined],
      ...edge.evidence.map((ev, i): [string, string | undefined] => [`evidence[${i}]`, evidenceProblem(ev, sourceIds)]),
    ];
    for (const [field, problem] of fieldProblems) if (problem) problems.push(`${at}: ${field} ${problem}`);
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
    const problem = idProblem(id);
    if (problem) problems.push(`${what} id "${id}" ${problem}`);
    if (ids.has(id)) problems.push(`${what} id "${id}" is used twice`);
    ids.add(id);
  }
  return ids;
}
