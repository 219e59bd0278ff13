import { basename } from 'node:path';
import type { Direction, EdgeRecord } from '../../domain/model/graph.model';
import { inventoryStatus, type InventoryItem } from './inventory.model';
import type { Seed } from './read-seed';

/**
 * The inventory's rules, checked without the articles: every item names a known source (and
 * sits in that source's file), known entities and known edges; the edges an item names run
 * from its `from` entity to its `to` entity and their signs give the moves it states; and every
 * evidence quote of every edge is accounted for by an item that names the edge and quotes the
 * same passage (one quote within the other), for every source that has an inventory.
 * Returns one line per problem, naming the file.
 */
export function findInventoryProblems(seed: Pick<Seed, 'sources' | 'entities' | 'edges' | 'inventory'>): string[] {
  const sources = new Set(seed.sources.map((s) => s.id));
  const entities = new Set(seed.entities.map((e) => e.id));
  const edges = new Map(seed.edges.map((e) => [e.id, e]));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const item of seed.inventory) {
    const at = `${item.file}: ${item.id}`;
    if (seen.has(item.id)) problems.push(`${at}: id is used twice`);
    seen.add(item.id);
    if (!sources.has(item.sourceId)) problems.push(`${at}: source names no source (${item.sourceId})`);
    else if (basename(item.file, '.yaml') !== item.sourceId) problems.push(`${at}: belongs in inventory/${item.sourceId}.yaml`);
    for (const [end, { entityId }] of [
      ['from', item.from],
      ['to', item.to],
    ] as const) {
      if (entityId !== undefined && !entities.has(entityId)) problems.push(`${at}: ${end} names no entity (${entityId})`);
    }
    if (inventoryStatus(item) === 'MODELLED') problems.push(...chainProblems(item, edges).map((p) => `${at}: ${p}`));
  }
  problems.push(...uncoveredQuotes(seed));
  return problems;
}

/** An item's edges must form a chain from its `from` entity to its `to` entity with the stated signs. */
function chainProblems(item: InventoryItem, edges: ReadonlyMap<string, EdgeRecord>): string[] {
  const { from, to } = item;
  if (from.entityId === undefined || to.entityId === undefined || from.moves === undefined || to.moves === undefined) {
    return ['an item that names edges needs `entity` and `moves` at both ends'];
  }
  const unknown = item.edgeIds!.filter((id) => !edges.has(id));
  if (unknown.length > 0) return unknown.map((id) => `names no edge (${id})`);
  const chain = item.edgeIds!.map((id) => edges.get(id)!);
  let at = from.entityId;
  let moves: Direction = from.moves;
  for (const edge of chain) {
    if (edge.fromId !== at)
      return [`edge ${edge.id} starts at ${edge.fromId}, not at ${at}: the edges must run from ${from.entityId} to ${to.entityId}`];
    at = edge.toId;
    if (edge.polarity === 'NEGATIVE') moves = moves === 'UP' ? 'DOWN' : 'UP';
  }
  if (at !== to.entityId) return [`the edges end at ${at}, not at ${to.entityId}`];
  if (moves !== to.moves) {
    return [
      `says ${from.entityId} ${from.moves} → ${to.entityId} ${to.moves}, but ${item.edgeIds!.join(', ')} carry it to ${to.entityId} ${moves}`,
    ];
  }
  return [];
}

/**
 * Every edge quote is covered by an item of its source that names the edge and quotes the same
 * passage. Sources with no inventory yet are not held to it (the seed test requires one for each).
 */
function uncoveredQuotes(seed: Pick<Seed, 'edges' | 'inventory'>): string[] {
  const inventoried = new Set(seed.inventory.map((item) => item.sourceId));
  const byEdge = new Map<string, InventoryItem[]>();
  for (const item of seed.inventory) {
    for (const id of item.edgeIds ?? []) byEdge.set(id, [...(byEdge.get(id) ?? []), item]);
  }
  const problems: string[] = [];
  for (const edge of seed.edges) {
    edge.evidence.forEach((ev, i) => {
      const covered =
        !inventoried.has(ev.sourceId) ||
        (byEdge.get(edge.id) ?? []).some(
          (item) => item.sourceId === ev.sourceId && (item.quote.includes(ev.quote) || ev.quote.includes(item.quote)),
        );
      if (!covered) {
        problems.push(`inventory/${ev.sourceId}.yaml: no item names edge ${edge.id} with the passage of its evidence[${i}]: "${ev.quote}"`);
      }
    });
  }
  return problems;
}
