// The listed (and drawn) paths, strongest first; hover previews one in the graph, a click pins it.

import type { TabView } from '../controllers/tabs';
import { h } from '../dom';
import { totalPaths } from '../drawing';
import type { ExplorerState } from '../machine';
import { renderPaths } from '../panels';
import type { TabContext } from './context';

export function pathsTab(ctx: TabContext): TabView {
  const list = h(
    'ol',
    { id: 'paths', class: 'path-list' },
    h('li', { class: 'empty' }, 'Run a shock to list its transmission paths, strongest first.'),
  );
  return {
    id: 'paths',
    label: 'Paths',
    mount: (panel) => panel.append(list),
    count: (state) => (state.answer ? String(state.answer.propagation.paths.length) : ''),
    render(state: ExplorerState, previous: ExplorerState | null) {
      if (state.answer !== previous?.answer) {
        const answer = state.answer;
        if (!answer) list.replaceChildren();
        else
          renderPaths(list, answer.propagation.paths, totalPaths(answer.propagation.impacts), {
            onPreview: ctx.preview,
            onPin: (key, nodeIds, edgeIds) => ctx.dispatch({ type: 'chain-pinned', chain: { key, nodeIds, edgeIds } }),
            onEntity: (id) => ctx.dispatch({ type: 'entity-selected', id, centre: true }),
            onEdge: (id) => ctx.dispatch({ type: 'edge-selected', id }),
            edges: (ids) => Promise.all(ids.map((id) => ctx.reads.edge(id))),
          });
      }
      if (state.pinned !== previous?.pinned || state.answer !== previous?.answer) {
        const key = state.pinned?.key;
        for (const item of list.querySelectorAll<HTMLElement>('[data-chain]')) item.classList.toggle('pinned', item.dataset.chain === key);
      }
    },
  };
}
