// What the tab views get from the page (main.ts): the store's dispatch, the cached reads, the
// graph's hover preview and the drawing of the answer.

import type { Dispatch } from '../controllers/types';
import type { Drawing } from '../drawing';
import type { Answer } from '../machine';
import type { FeedbackLoop } from '../model';
import type { Reads } from '../reads';

/** Entities and edges to bring out in the graph, drawing those the answer left out (a loop has this shape). */
export type ChainShape = Pick<FeedbackLoop, 'entities' | 'edges'>;

export interface TabContext {
  dispatch: Dispatch;
  reads: Reads;
  /** Highlights a chain in the graph while the pointer is on it; null puts back what the state says. */
  preview: (nodeIds: string[] | null, edgeIds: string[]) => void;
  /**
   * Draws and highlights a chain while a view wants it (channels), under a pinned path or an
   * active loop; null takes it away.
   */
  showChain: (chain: ChainShape | null) => void;
  /** The entity selected, if any (the response view draws it first). */
  selectedEntity: () => string | null;
  /** The answer as drawn (memoised: one drawing per answer). */
  drawingOf: (answer: Answer) => Drawing;
  /** What the counterfactual removed, as the form names it. */
  removedLabels: () => string[];
}
