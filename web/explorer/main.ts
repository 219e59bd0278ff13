// The composition root: one store (machine.ts), the controllers that perform its effects
// (runs, selection, history, tabs), and the rendering of the state into the page.
//
// document.body.dataset.state is the state's status: 'idle' before the first run, 'loading'
// while a run is in flight, then 'ready' or 'error'; end-to-end tests wait on it (and on
// data-answer, the query string of the answer shown). Only runs change it.

import './style.css';
import type { Core } from 'cytoscape';
import { fetchDisagreements, fetchScenarios } from './api';
import { Controls } from './controls';
import { HistoryController } from './controllers/history';
import { LiveController } from './controllers/live';
import { RunController } from './controllers/runs';
import { SelectionController } from './controllers/selection';
import { TabController } from './controllers/tabs';
import { DetailsPanel } from './details';
import { opposites, type DisagreeingEdge } from './disagreements';
import { arrow, byId, debounce, h } from './dom';
import { download } from './download';
import { drawing, type Drawing } from './drawing';
import { answerJson, exportFileName, impactsCsv, pathsCsv } from './export-format';
import { graphPng, graphSvg } from './graph-export';
import { GraphView } from './graph-view';
import { liveUrl } from './live-change';
import { INITIAL_STATE, reduce, type Answer, type ExplorerEvent, type ExplorerState } from './machine';
import type { EntityDetails, Scenario } from './model';
import { Reads } from './reads';
import { hasQuery, readState, toSearch, type QueryState } from './state';
import { Store } from './store';
import { comparisonTab } from './tabs/comparison.tab';
import { channelsTab } from './tabs/channels.tab';
import type { ChainShape, TabContext } from './tabs/context';
import { impactsTab } from './tabs/impacts.tab';
import { LOOPS_TAB, loopsTab } from './tabs/loops.tab';
import { pathsTab } from './tabs/paths.tab';
import { responseTab } from './tabs/response.tab';
import { reviewTab } from './tabs/review.tab';

declare global {
  interface Window {
    /** The cytoscape instance, for end-to-end tests: node ids = entity ids, edge ids = edge ids. */
    explorerGraph: Core;
  }
}

const els = {
  error: byId('error'),
  graph: byId('graph'),
  tip: byId('graph-tip'),
  graphEmpty: byId('graph-empty'),
  graphLoading: byId('graph-loading'),
  notices: byId('notices'),
  drawnNote: byId('drawn-note'),
  details: byId('details'),
  layoutColumns: byId<HTMLButtonElement>('layout-columns'),
  layoutRings: byId<HTMLButtonElement>('layout-rings'),
  fit: byId<HTMLButtonElement>('fit'),
  summaryText: byId('query-summary-text'),
  editQuery: byId<HTMLButtonElement>('edit-query'),
  exports: {
    png: byId<HTMLButtonElement>('export-png'),
    svg: byId<HTMLButtonElement>('export-svg'),
    impactsCsv: byId<HTMLButtonElement>('export-impacts-csv'),
    pathsCsv: byId<HTMLButtonElement>('export-paths-csv'),
    json: byId<HTMLButtonElement>('export-json'),
  },
};

const store = new Store<ExplorerState, ExplorerEvent>(reduce, INITIAL_STATE);
const dispatch = (event: ExplorerEvent) => store.dispatch(event);
const reads = new Reads();

// ---------------------------------------------------------------------------- graph

const graph = new GraphView(els.graph, els.tip, {
  onNode: (id) => dispatch({ type: 'entity-selected', id }),
  onEdge: (id) => dispatch({ type: 'edge-selected', id }),
  onBackground: () => dispatch({ type: 'selection-cleared' }),
});
window.explorerGraph = graph.cy;

const drawings = new WeakMap<Answer, Drawing>();
function drawingOf(answer: Answer): Drawing {
  let drawn = drawings.get(answer);
  if (!drawn) {
    drawn = drawing({
      shocks: answer.shocks,
      impacts: answer.propagation.impacts,
      paths: answer.propagation.paths,
      connecting: answer.connecting,
      cutPaths: answer.propagation.comparison?.cutPaths,
      removed: answer.query.disableEntities,
    });
    drawings.set(answer, drawn);
  }
  return drawn;
}

/** A drawn entity's name (for loops through an entity whose details have not arrived). */
function nameOf(id: string): string | undefined {
  const node = graph.cy.getElementById(id);
  return node.nonempty() ? (node.data('name') as string) : undefined;
}

/** A view's own chain (the channels view's), shown when no loop is active and no path is pinned. */
let viewChain: ChainShape | null = null;

/** The graph's highlight as the state has it: an active loop, else a pinned chain, else a view's chain, else none. */
function applyHighlight(state: ExplorerState): void {
  const { loops, pinned } = state;
  if (loops.active != null && loops.loops[loops.active]) {
    graph.showLoop(loops.loops[loops.active]);
    return;
  }
  graph.removeLoopExtras();
  if (pinned) graph.highlight(pinned.nodeIds, pinned.edgeIds);
  else if (viewChain) graph.showLoop(viewChain, false);
  else graph.clearHighlight();
}

els.layoutColumns.addEventListener('click', () => dispatch({ type: 'layout-changed', layout: 'columns' }));
els.layoutRings.addEventListener('click', () => dispatch({ type: 'layout-changed', layout: 'rings' }));
els.fit.addEventListener('click', () => {
  graph.fit();
  renderDrawnNote(store.state.answer);
});
window.addEventListener(
  'resize',
  debounce(() => {
    graph.resized();
    renderDrawnNote(store.state.answer);
  }, 150),
);

// ---------------------------------------------------------------------------- form and runs

const controls = new Controls({
  entity: (id) => reads.entity(id),
  onSubmit: () => dispatch({ type: 'run-requested', origin: 'form' }),
  // A new count of paths is a new query: run it when there is one to run.
  onTopPaths: () => {
    if (store.state.query) dispatch({ type: 'run-requested', origin: 'control' });
  },
  onError: (error) => dispatch({ type: 'error-reported', message: error.message }),
});

const scenariosReady: Promise<Scenario[]> = fetchScenarios()
  .then((scenarios) => {
    controls.populateScenarios(scenarios);
    dispatch({ type: 'scenarios-loaded', scenarios });
    return scenarios;
  })
  .catch((error: unknown) => {
    dispatch({ type: 'error-reported', message: `Could not load the scenarios: ${(error as Error).message}` });
    return [];
  });

new RunController(store, {
  readForm: () => {
    controls.closeSuggestions();
    return controls.read();
  },
  scenarios: () => scenariosReady,
  nameOf: async (id) => {
    const known = controls.shock;
    if (known?.id === id && known.name !== id) return known.name;
    return (await reads.entity(id))?.name ?? null;
  },
});
new SelectionController(store, reads);
new HistoryController(store);

// ---------------------------------------------------------------------------- disagreements

/** For each edge in a disagreement (same entities, both polarities), the edges that contradict it. */
let disagreeing = new Map<string, DisagreeingEdge[]>();
let disagreementsAsked = 0;

/**
 * Reads `disagreements` (at start, and again after the graph changes) and marks the drawn
 * edges; document.body.dataset.disagreements is the count of pairs, for end-to-end tests.
 * A failure leaves the marks as they were: they are an extra, the drawing is right without.
 */
async function loadDisagreements(): Promise<void> {
  const asked = ++disagreementsAsked;
  try {
    const groups = await fetchDisagreements();
    if (asked !== disagreementsAsked) return;
    disagreeing = opposites(groups);
    graph.setDisagreements(disagreeing);
    document.body.dataset.disagreements = String(groups.length);
    if (store.state.selection?.kind === 'edge') renderDetails(store.state);
  } catch {
    // Kept as it was; the next change tries again.
  }
}
const reloadDisagreements = debounce(() => void loadDisagreements(), 300);
void loadDisagreements();

new LiveController(
  store,
  () => {
    reads.clear();
    reloadDisagreements();
  },
  liveUrl(window.location),
);

els.editQuery.addEventListener('click', () => dispatch({ type: 'form-toggled', open: !store.state.formOpen }));

// ---------------------------------------------------------------------------- tabs

const context: TabContext = {
  dispatch,
  reads,
  preview: (nodeIds, edgeIds) => {
    if (nodeIds) graph.highlight(nodeIds, edgeIds);
    else applyHighlight(store.state);
  },
  showChain: (chain) => {
    viewChain = chain;
    applyHighlight(store.state);
  },
  selectedEntity: () => (store.state.selection?.kind === 'entity' ? store.state.selection.id : null),
  drawingOf,
  removedLabels: () => controls.removedLabels(),
};
new TabController(store, byId('tab-strip'), byId('tab-panels'), [
  pathsTab(context),
  impactsTab(context),
  channelsTab(context),
  responseTab(context),
  loopsTab(context, nameOf),
  comparisonTab(context),
  reviewTab(),
]);

// ---------------------------------------------------------------------------- export

function exportAnswer(make: (answer: Answer) => [name: string, content: Blob | string, type?: string]): void {
  const answer = store.state.answer;
  if (!answer) return;
  try {
    const [name, content, type] = make(answer);
    download(name, content, type);
  } catch (error) {
    dispatch({ type: 'error-reported', message: `Could not export: ${(error as Error).message}` });
  }
}
const drawnIds = (answer: Answer) => new Set(drawingOf(answer).nodes.map((n) => n.id));
els.exports.png.addEventListener('click', () => exportAnswer((a) => [exportFileName(a.query, null, 'png'), graphPng(graph.cy)]));
els.exports.svg.addEventListener('click', () =>
  exportAnswer((a) => [exportFileName(a.query, null, 'svg'), graphSvg(graph.cy), 'image/svg+xml']),
);
els.exports.impactsCsv.addEventListener('click', () =>
  exportAnswer((a) => [exportFileName(a.query, 'impacts', 'csv'), impactsCsv(a, drawnIds(a)), 'text/csv']),
);
els.exports.pathsCsv.addEventListener('click', () =>
  exportAnswer((a) => [exportFileName(a.query, 'paths', 'csv'), pathsCsv(a), 'text/csv']),
);
els.exports.json.addEventListener('click', () =>
  exportAnswer((a) => [exportFileName(a.query, null, 'json'), answerJson(a), 'application/json']),
);

// ---------------------------------------------------------------------------- details

const details = new DetailsPanel(els.details);

const EXAMPLES: { label: string; state: Partial<QueryState> }[] = [
  { label: 'A BOJ hike, 3 hops', state: { shock: 'boj-policy-rate', direction: 'UP' } },
  { label: 'Scenario: Standing Repo Facility usage as stealth QE', state: { scenario: 'srf-stealth-qe' } },
  { label: 'Scenario: Liberation Day tariffs, 4 hops', state: { scenario: 'liberation-day-tariffs', hops: 4 } },
  {
    label: 'Counterfactual: a BOJ hike without the FIMA repo facility (5 hops, threshold 0.01)',
    state: { shock: 'boj-policy-rate', direction: 'UP', hops: 5, minStrength: 0.01, disableEntities: ['fima-repo-facility'] },
  },
];

// The examples run in place rather than reloading the page.
els.details.addEventListener('click', (event) => {
  const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('.examples a');
  if (!link) return;
  event.preventDefault();
  dispatch({ type: 'run-requested', origin: 'example', query: readState(new URL(link.href).search) });
});

const entityActions = {
  onShock(entity: EntityDetails) {
    controls.chooseShock(entity);
    dispatch({ type: 'run-requested', origin: 'action' });
  },
  onRemove(entity: EntityDetails) {
    controls.addRemovedEntity(entity);
    dispatch({ type: 'run-requested', origin: 'action' });
  },
  onLoops() {
    dispatch({ type: 'tab-changed', tab: LOOPS_TAB });
  },
};

function renderDetails(state: ExplorerState): void {
  const { selection, answer } = state;
  if (selection) {
    const what = selection.kind === 'entity' ? 'the entity' : 'the edge';
    const d = selection.details;
    if (d.status === 'loading') details.loading(selection.kind === 'entity' ? 'the entity' : 'the edge and its evidence');
    else if (d.status === 'missing') details.message(`There is no ${selection.kind} “${selection.id}”.`);
    else if (d.status === 'failed') details.message(`Could not load ${what}.`);
    else if (d.status === 'entity') {
      const impact = answer?.propagation.impacts.find((i) => i.entity.id === d.entity.id) ?? null;
      const shock = answer?.shocks.find((s) => s.id === d.entity.id);
      details.entity(d.entity, impact, shock?.direction ?? null, entityActions);
    } else {
      details.edge(
        d.edge,
        {
          onEntity: (id) => dispatch({ type: 'entity-selected', id, centre: true }),
          onDisableEdge: (edge) => {
            controls.addRemovedEdge(edge.id);
            dispatch({ type: 'run-requested', origin: 'action' });
          },
        },
        disagreeing.get(d.edge.id) ?? [],
      );
    }
    return;
  }
  if (answer) {
    details.summary({
      scenario: answer.scenario,
      shocks: answer.shocks,
      impacts: answer.propagation.impacts.length,
      paths: answer.propagation.paths.length,
      removed: controls.removedLabels(),
    });
  } else if (state.status === 'error' && state.query) {
    details.message('The query failed: see the error above.');
  } else if (state.status !== 'loading') {
    // Nothing run yet (or only a form that could not be read): the examples.
    details.intro(EXAMPLES.map((e) => ({ label: e.label, href: toSearch({ ...readState(''), ...e.state }) })));
  }
}

// ---------------------------------------------------------------------------- rendering

function querySummary(answer: Answer): string {
  const { query } = answer;
  const subject = answer.scenario?.title ?? answer.shocks.map((s) => `${s.name} ${arrow(s.direction)}`).join(', ');
  const removed = query.disableEntities.length + query.disableEdges.length;
  return [
    subject,
    `${query.hops} hop${query.hops === 1 ? '' : 's'}`,
    `threshold ${query.minStrength}`,
    removed ? `${removed} removed` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** What the drawing leaves out: entities without a path, or the part out of view. */
function renderDrawnNote(answer: Answer | null): void {
  const notes: string[] = [];
  const undrawn = answer ? drawingOf(answer).undrawn.length : 0;
  if (answer && undrawn) {
    notes.push(
      `${undrawn} reached ${undrawn === 1 ? 'entity is' : 'entities are'} not drawn: their strongest paths could not be fetched${answer.connectingError ? ` (${answer.connectingError})` : ''}. See Impacts.`,
    );
  }
  if (answer && !graph.wholeInView) notes.push('Zoomed in to keep the labels readable: drag to see the rest, or Fit to see it all.');
  els.drawnNote.textContent = notes.join(' ');
  els.drawnNote.hidden = notes.length === 0;
}

function renderGraph(state: ExplorerState, previous: ExplorerState | null): void {
  const answer = state.answer;
  if (answer !== previous?.answer) {
    if (answer) {
      const drawn = drawingOf(answer);
      graph.render(drawn);
      els.graphEmpty.hidden = answer.propagation.impacts.length > 0;
      els.graphEmpty.textContent = 'Nothing is reached above the threshold: lower it or allow more hops.';
      renderDrawnNote(answer);
    } else {
      graph.clear();
      els.graphEmpty.hidden = false;
      els.graphEmpty.textContent = state.status === 'error' ? 'No result: see the error above.' : 'Choose a shock or a scenario, then Run.';
      renderDrawnNote(null);
    }
    document.body.classList.toggle('has-comparison', Boolean(answer?.propagation.comparison));
    for (const button of Object.values(els.exports)) button.disabled = !answer;
  }
  if (state.layout !== previous?.layout) {
    if (previous) {
      graph.setMode(state.layout);
      renderDrawnNote(answer);
    }
    els.layoutColumns.classList.toggle('active', state.layout === 'columns');
    els.layoutRings.classList.toggle('active', state.layout === 'rings');
  }
  const selectedId = state.selection?.id ?? null;
  if (selectedId !== (previous?.selection?.id ?? null) || answer !== previous?.answer) graph.select(selectedId);
  if (
    !previous ||
    answer !== previous.answer ||
    state.pinned !== previous.pinned ||
    state.loops.active !== previous.loops.active ||
    state.loops.loops !== previous.loops.loops ||
    state.layout !== previous.layout
  ) {
    applyHighlight(state);
  }
}

function renderNotices(state: ExplorerState): void {
  if (!state.stale || !state.answer) {
    els.notices.replaceChildren();
    return;
  }
  const query = state.answer.query;
  els.notices.replaceChildren(
    h(
      'div',
      { class: 'notice stale', role: 'status' },
      h('span', {}, state.stale),
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => dispatch({ type: 'run-requested', origin: 'action', query }) },
        'Run again',
      ),
    ),
  );
}

const narrow = window.matchMedia('(max-width: 699px)');

function render(state: ExplorerState, event: ExplorerEvent | null, previous: ExplorerState | null): void {
  const body = document.body;
  body.dataset.state = state.status;
  if (state.answer && state.status === 'ready') body.dataset.answer = toSearch(state.answer.query);
  else delete body.dataset.answer;

  els.error.textContent = state.error ?? '';
  els.error.hidden = !state.error;
  els.graphLoading.hidden = state.status !== 'loading';

  if (event?.type === 'run-started') controls.sync(event.query);
  if (event?.type === 'history-popped' && !event.query) controls.sync(readState(''));
  if (event?.type === 'entity-selected' && event.centre) graph.centre(event.id);
  // On a phone the details sit below the graph and the lists: bring them into view.
  if ((event?.type === 'entity-selected' || event?.type === 'edge-selected') && narrow.matches) {
    els.details.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  const folded = !state.formOpen && Boolean(state.answer);
  body.classList.toggle('form-closed', folded);
  els.editQuery.setAttribute('aria-expanded', String(!folded));
  els.editQuery.textContent = folded ? 'Edit query' : 'Hide query';
  if (state.answer !== previous?.answer) els.summaryText.textContent = state.answer ? querySummary(state.answer) : '';
  body.classList.toggle('has-answer', Boolean(state.answer));

  renderGraph(state, previous);
  if (!previous || state.selection !== previous.selection || state.answer !== previous.answer || state.status !== previous.status) {
    renderDetails(state);
  }
  if (!previous || state.stale !== previous.stale || state.answer !== previous.answer) renderNotices(state);
}

store.subscribe((state, event, previous) => render(state, event, previous));
render(store.state, null, null);

// ---------------------------------------------------------------------------- start

const initial = readState(window.location.search);
controls.sync(initial);
if (hasQuery(initial)) dispatch({ type: 'run-requested', origin: 'initial', query: initial });
