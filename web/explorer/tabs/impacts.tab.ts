// Every reached entity with its net effect and agreement, sortable by strength, net effect,
// agreement or name (the API's order first); those the graph could not draw are marked.

import { DEFAULT_IMPACT_SORT, nextSort, sortImpacts, type ImpactSort, type ImpactSortKey } from '../answer-views';
import type { TabView } from '../controllers/tabs';
import { h } from '../dom';
import type { ExplorerState } from '../machine';
import { renderImpacts } from '../panels';
import type { TabContext } from './context';

const COLUMNS: { key: ImpactSortKey; label: string; title: string }[] = [
  { key: 'name', label: 'Entity', title: 'by name' },
  { key: 'strength', label: 'Strongest path', title: 'by the strength of the strongest path (the API’s order)' },
  { key: 'netEffect', label: 'Net', title: 'by the size of the net effect: the signed sum over every path that ends there' },
  { key: 'agreement', label: 'Agree', title: 'by agreement: |net effect| / the sum of the paths’ strengths' },
];

export function impactsTab(ctx: TabContext): TabView {
  let sort: ImpactSort = DEFAULT_IMPACT_SORT;
  let shown: ExplorerState | null = null;
  const list = h(
    'ul',
    { id: 'impacts', class: 'impact-list' },
    h('li', { class: 'empty' }, 'Run a shock to list every entity it reaches.'),
  );
  const buttons = COLUMNS.map((column) =>
    h(
      'button',
      {
        type: 'button',
        class: 'sort',
        'data-sort': column.key,
        title: `Sort ${column.title}`,
        onclick: () => {
          sort = nextSort(sort, column.key);
          draw();
        },
      },
      column.label,
    ),
  );
  const header = h('div', { class: 'impact-sort', role: 'group', 'aria-label': 'Sort the impacts', hidden: true }, 'Sort:', ...buttons);

  function draw(): void {
    const answer = shown?.answer;
    header.hidden = !answer?.propagation.impacts.length;
    for (const button of buttons) {
      const active = button.dataset.sort === sort.key;
      button.classList.toggle('active', active);
      button.setAttribute('aria-pressed', String(active));
      button.dataset.order = active ? sort.order : '';
      button.textContent = `${COLUMNS.find((c) => c.key === button.dataset.sort)!.label}${active ? (sort.order === 'desc' ? ' ↓' : ' ↑') : ''}`;
    }
    if (!answer) {
      list.replaceChildren();
      return;
    }
    const undrawn = new Set(ctx.drawingOf(answer).undrawn.map((i) => i.entity.id));
    renderImpacts(list, sortImpacts(answer.propagation.impacts, sort), undrawn, (id) =>
      ctx.dispatch({ type: 'entity-selected', id, centre: true }),
    );
  }

  return {
    id: 'impacts',
    label: 'Impacts',
    mount: (panel) => panel.append(header, list),
    count: (state) => (state.answer ? String(state.answer.propagation.impacts.length) : ''),
    render(state: ExplorerState, previous: ExplorerState | null) {
      if (previous && state.answer === previous.answer) return;
      shown = state;
      draw();
    },
  };
}
