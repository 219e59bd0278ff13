import type { Direction } from '../../domain/model/graph.model';

/**
 * Why a causal statement an article makes is deliberately not an edge:
 * - `negative-claim`: the article says X does not (or cannot) move Y;
 * - `counterfactual`: a road not taken or a hypothetical the article itself rejects;
 * - `magnitude-caveat`: a statement about size, limits or timing of a move the graph already carries;
 * - `out-of-scope`: a mechanism among things the graph does not model (another country's gilts, token projects, elections).
 */
export const SET_ASIDE_REASONS = ['negative-claim', 'counterfactual', 'magnitude-caveat', 'out-of-scope'] as const;
export type SetAsideReason = (typeof SET_ASIDE_REASONS)[number];

/** One end of a stated mechanism: the entity (when the graph has it), the article's words, how it moves. */
export interface InventoryEnd {
  readonly entityId?: string;
  readonly what?: string;
  readonly moves?: Direction;
}

/**
 * One causal statement of an article (X moves → Y moves, as the article says it) and what the
 * graph does with it: the chain of edges that carries it, a reason for leaving it out, or
 * neither (an open gap, with a note on what the graph lacks).
 */
export interface InventoryItem {
  readonly id: string;
  /** The seed file it was read from, relative to the seed folder, for messages. */
  readonly file: string;
  readonly sourceId: string;
  readonly quote: string;
  readonly from: InventoryEnd;
  readonly to: InventoryEnd;
  readonly edgeIds?: readonly string[];
  readonly setAside?: SetAsideReason;
  readonly note?: string;
}

export type InventoryStatus = 'MODELLED' | 'SET_ASIDE' | 'OPEN';

export function inventoryStatus(item: Pick<InventoryItem, 'edgeIds' | 'setAside'>): InventoryStatus {
  if (item.edgeIds !== undefined) return 'MODELLED';
  return item.setAside !== undefined ? 'SET_ASIDE' : 'OPEN';
}
