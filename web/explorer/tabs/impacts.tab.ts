// Every reached entity, strongest first; those the graph could not draw are marked.

import type { TabView } from '../controllers/tabs';
import { h } from '../dom';
import type { ExplorerState } from '../machine';
import { renderImpacts } from '../panels';
import type { TabContext } from './context';

export function impactsTab(ctx: TabContext): TabView {
  const list = h(
    'ul',
    { id: 'impacts', class: 'impact-list' },
    h('li', { class: 'empty' }, 'Run a shock to list every entity it reaches.'),
  );
  return {
    id: 'impacts',
    label: 'Impacts',
    mount: (panel) => panel.append(list),
    count: (state) => (state.answer ? String(state.answer.propagation.impacts.length) : ''),
    render(state: ExplorerState, previous: ExplorerState | null) {
      if (state.answer === previous?.answer) return;
      const answer = state.answer;
      if (!answer) {
        list.replaceChildren();
        return;
      }
      const undrawn = new Set(ctx.drawingOf(answer).undrawn.map((i) => i.entity.id));
      renderImpacts(list, answer.propagation.impacts, undrawn, (id) => ctx.dispatch({ type: 'entity-selected', id, centre: true }));
    },
  };
}
