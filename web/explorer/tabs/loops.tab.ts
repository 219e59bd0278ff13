// Feedback loops through the selected entity (or the first shock): fetched when the tab is
// shown and when the selection changes while it is; a click draws and highlights a loop.

import type { TabView } from '../controllers/tabs';
import { h } from '../dom';
import { loopsTarget, type ExplorerState } from '../machine';
import { renderLoops } from '../panels';
import type { TabContext } from './context';

export const LOOPS_TAB = 'loops';

export function loopsTab(ctx: TabContext, nameOf: (id: string) => string | undefined): TabView {
  const header = h('p', { id: 'loops-header', class: 'panel-header' }, 'Feedback loops');
  const list = h(
    'ul',
    { id: 'loops', class: 'loop-list' },
    h('li', { class: 'empty' }, 'Run a shock or select an entity, then open this tab to see the loops through it.'),
  );
  const onLoop = (index: number) => ctx.dispatch({ type: 'loop-toggled', index });
  return {
    id: LOOPS_TAB,
    label: 'Loops',
    mount: (panel) => panel.append(header, list),
    render(state: ExplorerState, previous: ExplorerState | null) {
      if (previous && state.loops === previous.loops) return;
      renderLoops(list, header, state.loops, onLoop);
    },
    react(state, event, previous) {
      if (state.tab !== LOOPS_TAB) return;
      const shown = previous.tab !== LOOPS_TAB;
      const selected = state.selection?.kind === 'entity' && state.selection.id !== previous.selection?.id;
      if (shown || selected || event.type === 'run-succeeded') {
        ctx.dispatch({ type: 'loops-requested', through: loopsTarget(state, nameOf) });
      }
      if (event.type === 'loops-requested' && state.loops !== previous.loops && state.loops.through) {
        const through = state.loops.through.id;
        ctx.reads
          .loops(through)
          .then((loops) => ctx.dispatch({ type: 'loops-loaded', throughId: through, loops }))
          .catch((error: Error) => ctx.dispatch({ type: 'loops-failed', throughId: through, message: error.message }));
      }
    },
  };
}
