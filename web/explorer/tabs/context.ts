// What the tab views get from the page (main.ts): the store's dispatch, the cached reads, the
// graph's hover preview and the drawing of the answer.

import type { Dispatch } from '../controllers/types';
import type { Drawing } from '../drawing';
import type { Answer } from '../machine';
import type { Reads } from '../reads';

export interface TabContext {
  dispatch: Dispatch;
  reads: Reads;
  /** Highlights a chain in the graph while the pointer is on it; null puts back what the state says. */
  preview: (nodeIds: string[] | null, edgeIds: string[]) => void;
  /** The answer as drawn (memoised: one drawing per answer). */
  drawingOf: (answer: Answer) => Drawing;
  /** What the counterfactual removed, as the form names it. */
  removedLabels: () => string[];
}
