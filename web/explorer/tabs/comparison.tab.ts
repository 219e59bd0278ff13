// A counterfactual against the unchanged graph: what changed, and the top paths it cut. It
// comes forward for a counterfactual's answer.

import type { TabView } from '../controllers/tabs';
import { h } from '../dom';
import type { ExplorerState } from '../machine';
import { renderComparison } from '../panels';
import type { TabContext } from './context';

export function comparisonTab(ctx: TabContext): TabView {
  const root = h('div', { id: 'comparison' });
  const draw = (state: ExplorerState) => {
    const comparison = state.answer?.propagation.comparison;
    renderComparison(
      root,
      comparison ? { removed: ctx.removedLabels(), changes: comparison.changes, cutPaths: comparison.cutPaths } : null,
      {
        onPreview: ctx.preview,
        onPin: (key, nodeIds, edgeIds) => ctx.dispatch({ type: 'chain-pinned', chain: { key, nodeIds, edgeIds } }),
        onEntity: (id) => ctx.dispatch({ type: 'entity-selected', id, centre: true }),
        onEdge: (id) => ctx.dispatch({ type: 'edge-selected', id }),
      },
    );
  };
  return {
    id: 'comparison',
    label: 'Compare',
    mount: (panel) => panel.append(root),
    count: (state) => (state.answer?.propagation.comparison ? String(state.answer.propagation.comparison.changes.length) : ''),
    claims: (answer) => Boolean(answer.propagation.comparison),
    render(state, previous) {
      if (previous && state.answer === previous.answer && state.pinned === previous.pinned) return;
      if (!previous || state.answer !== previous.answer) draw(state);
      const key = state.pinned?.key;
      for (const item of root.querySelectorAll<HTMLElement>('[data-chain]')) item.classList.toggle('pinned', item.dataset.chain === key);
    },
  };
}
