// Wiring: controls → URL state → propagate → graph, lists and details.
//
// document.body.dataset.state is 'idle' before the first run, 'loading' while a run is in
// flight, then 'ready' or 'error'; end-to-end tests wait on it. Only runs change it: the
// details, loops and search requests do not.

import './style.css';
import type { Core } from 'cytoscape';
import {
  fetchEdge,
  fetchEntity,
  fetchLoops,
  fetchScenarios,
  propagate,
  type EdgeDetails,
  type EntityDetails,
  type EntityRef,
  type FeedbackLoop,
  type Propagation,
  type Scenario,
} from './api';
import { Controls } from './controls';
import { DetailsPanel } from './details';
import { byId } from './dom';
import { GraphView, type GhostElements, type ShockNode } from './graph-view';
import { renderComparison, renderImpacts, renderLoops, renderPaths, type ChainHandlers, type LoopsView } from './panels';
import { hasQuery, readState, toSearch, writeState, type QueryState } from './state';

declare global {
  interface Window {
    /** The cytoscape instance, for end-to-end tests: node ids = entity ids, edge ids = edge ids. */
    explorerGraph: Core;
  }
}

/** How many of the strongest paths to list and draw. */
const TOP_PATHS = 100;

const els = {
  error: byId('error'),
  graph: byId('graph'),
  tip: byId('graph-tip'),
  graphEmpty: byId('graph-empty'),
  graphLoading: byId('graph-loading'),
  paths: byId('paths'),
  impacts: byId('impacts'),
  loops: byId('loops'),
  loopsHeader: byId('loops-header'),
  comparison: byId('comparison'),
  details: byId('details'),
  pathsCount: byId('paths-count'),
  impactsCount: byId('impacts-count'),
  comparisonCount: byId('comparison-count'),
  layoutColumns: byId<HTMLButtonElement>('layout-columns'),
  layoutRings: byId<HTMLButtonElement>('layout-rings'),
  fit: byId<HTMLButtonElement>('fit'),
};

interface RunResult {
  state: QueryState;
  scenario: Scenario | null;
  shocks: ShockNode[];
  propagation: Propagation;
}

let scenarios: Scenario[] = [];
let current: RunResult | null = null;
let runSeq = 0;
let selected: { kind: 'node' | 'edge'; id: string } | null = null;
let pinnedChain: string | null = null;
let pinnedIds: { nodeIds: string[]; edgeIds: string[] } = { nodeIds: [], edgeIds: [] };
let loopsView: LoopsView = { through: null, loops: null };

const entityCache = new Map<string, Promise<EntityDetails | null>>();
const edgeCache = new Map<string, Promise<EdgeDetails | null>>();
const loopsCache = new Map<string, Promise<FeedbackLoop[]>>();

function cached<T>(cache: Map<string, Promise<T>>, id: string, load: (id: string) => Promise<T>): Promise<T> {
  let promise = cache.get(id);
  if (!promise) {
    promise = load(id);
    cache.set(id, promise);
    promise.catch(() => cache.delete(id)); // a failure is not remembered
  }
  return promise;
}

// ---------------------------------------------------------------------------- errors

function showError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  els.error.textContent = message;
  els.error.hidden = false;
}

function clearError(): void {
  els.error.textContent = '';
  els.error.hidden = true;
}

// ---------------------------------------------------------------------------- graph

const graph = new GraphView(els.graph, els.tip, {
  onNode: (id) => void selectEntity(id, false),
  onEdge: (id) => void selectEdge(id),
  onBackground: () => {
    selected = null;
    graph.select(null);
    unpin();
    showSummary();
  },
});
window.explorerGraph = graph.cy;

function setLayout(mode: 'columns' | 'rings'): void {
  clearLoopHighlight();
  graph.setMode(mode);
  els.layoutColumns.classList.toggle('active', mode === 'columns');
  els.layoutRings.classList.toggle('active', mode === 'rings');
}
els.layoutColumns.addEventListener('click', () => setLayout('columns'));
els.layoutRings.addEventListener('click', () => setLayout('rings'));
els.fit.addEventListener('click', () => graph.fit());

// ---------------------------------------------------------------------------- tabs

const tabs = [...document.querySelectorAll<HTMLButtonElement>('.tabs .tab')];

function showTab(panelId: string): void {
  for (const tab of tabs) {
    const active = tab.dataset.panel === panelId;
    tab.setAttribute('aria-selected', String(active));
    tab.classList.toggle('active', active);
    byId(tab.dataset.panel!).hidden = !active;
  }
}

function activeTab(): string {
  return tabs.find((t) => t.getAttribute('aria-selected') === 'true')?.dataset.panel ?? 'paths-panel';
}

for (const tab of tabs) {
  tab.addEventListener('click', () => {
    showTab(tab.dataset.panel!);
    if (tab.id === 'loops-button') void loadLoops(loopsTarget());
  });
}
showTab('paths-panel');

// ---------------------------------------------------------------------------- controls

const controls = new Controls({
  entity: (id) => cached(entityCache, id, fetchEntity),
  onSubmit: () => void runFromControls(),
  onError: showError,
});

async function runFromControls(): Promise<void> {
  // Synchronously, so that a test that clicks Run never sees the previous run's 'ready'.
  document.body.dataset.state = 'loading';
  controls.closeSuggestions();
  let state: QueryState;
  try {
    state = await controls.read();
  } catch (error) {
    runSeq++; // a run still in flight must not report 'ready' over this error
    runFailed(error);
    return;
  }
  await run(state);
}

// ---------------------------------------------------------------------------- runs

const scenariosReady: Promise<void> = fetchScenarios()
  .then((list) => {
    scenarios = list;
    controls.populateScenarios(list);
  })
  .catch((error: unknown) => showError(`Could not load the scenarios: ${(error as Error).message}`));

function runFailed(error: unknown): void {
  document.body.dataset.state = 'error';
  els.graphLoading.hidden = true;
  showError(error);
}

async function run(state: QueryState): Promise<void> {
  const seq = ++runSeq;
  document.body.dataset.state = 'loading';
  els.graphLoading.hidden = false;
  clearError();
  writeState(state);
  const disable =
    state.disableEntities.length || state.disableEdges.length
      ? {
          ...(state.disableEntities.length ? { entities: state.disableEntities } : {}),
          ...(state.disableEdges.length ? { edges: state.disableEdges } : {}),
        }
      : undefined;
  try {
    const [propagation] = await Promise.all([
      propagate({
        ...(state.scenario ? { scenario: state.scenario } : { shocks: [{ entityId: state.shock!, direction: state.direction }] }),
        maxHops: state.hops,
        minStrength: state.minStrength,
        topPaths: TOP_PATHS,
        horizonDays: state.horizonDays ?? undefined,
        disable,
        compare: Boolean(disable),
      }),
      scenariosReady,
    ]);
    const scenario = state.scenario ? (scenarios.find((s) => s.id === state.scenario) ?? null) : null;
    const shocks = await shockNodes(state, scenario, propagation);
    if (seq !== runSeq) return; // a newer run started meanwhile
    current = { state, scenario, shocks, propagation };
    show(current);
    document.body.dataset.state = 'ready';
  } catch (error) {
    if (seq !== runSeq) return;
    current = null;
    clearResults();
    runFailed(error);
  } finally {
    if (seq === runSeq) els.graphLoading.hidden = true;
  }
}

async function shockNodes(state: QueryState, scenario: Scenario | null, propagation: Propagation): Promise<ShockNode[]> {
  if (scenario) return scenario.shocks.map((s) => ({ id: s.entity.id, name: s.entity.name, direction: s.direction }));
  if (state.shock) {
    const known = controls.shock;
    const entity = known?.id === state.shock && known.name !== state.shock ? known : await cached(entityCache, state.shock, fetchEntity);
    return [{ id: state.shock, name: entity?.name ?? state.shock, direction: state.direction }];
  }
  // A scenario the list did not have (it failed to load): its shocks start the paths.
  const seen = new Map<string, ShockNode>();
  for (const path of propagation.paths) {
    const first = path.entities[0];
    if (!seen.has(first.id)) seen.set(first.id, { id: first.id, name: first.name, direction: 'UP' });
  }
  return [...seen.values()];
}

/** Entities and edges that only the unchanged graph had: drawn greyed in a counterfactual. */
function ghostsOf(result: RunResult): GhostElements | undefined {
  const comparison = result.propagation.comparison;
  if (!comparison) return undefined;
  const removed = new Set(result.state.disableEntities);
  const depth = new Map<string, { name: string; depth: number }>();
  const note = (id: string, name: string, d: number) => {
    const known = depth.get(id);
    if (!known || d < known.depth) depth.set(id, { name, depth: d });
  };
  for (const change of comparison.changes) {
    if (change.kind === 'VANISHED' && change.before) note(change.entity.id, change.entity.name, change.before.hops);
  }
  const edges: GhostElements['edges'] = [];
  for (const path of comparison.cutPaths) {
    path.entities.forEach((e, i) => note(e.id, e.name, i));
    path.edges.forEach((edge, i) =>
      edges.push({
        id: edge.id,
        source: path.entities[i].id,
        target: path.entities[i + 1].id,
        weight: edge.weight,
        polarity: edge.polarity,
      }),
    );
  }
  return {
    nodes: [...depth].map(([id, { name, depth: d }]) => ({ id, name, depth: d, removed: removed.has(id) })),
    edges,
  };
}

function show(result: RunResult): void {
  const { propagation, state } = result;
  controls.sync(state);
  selected = null;
  pinnedChain = null;
  graph.render({ shocks: result.shocks, impacts: propagation.impacts, paths: propagation.paths, ghosts: ghostsOf(result) });
  els.graphEmpty.hidden = propagation.impacts.length > 0;
  els.graphEmpty.textContent = 'Nothing is reached above the threshold: lower it or allow more hops.';

  const totalPaths = propagation.impacts.reduce((sum, impact) => sum + impact.pathCount, 0);
  renderPaths(els.paths, propagation.paths, totalPaths, chainHandlers);
  renderImpacts(els.impacts, propagation.impacts, (id) => void selectEntity(id, true));
  els.pathsCount.textContent = String(propagation.paths.length);
  els.impactsCount.textContent = String(propagation.impacts.length);

  const comparison = propagation.comparison;
  renderComparison(
    els.comparison,
    comparison
      ? {
          removed: controls.removedLabels(),
          changes: comparison.changes,
          cutPaths: comparison.cutPaths,
        }
      : null,
    chainHandlers,
  );
  els.comparisonCount.textContent = comparison ? String(comparison.changes.length) : '';
  document.body.classList.toggle('has-comparison', Boolean(comparison));
  if (comparison) showTab('comparison-panel');
  else if (activeTab() === 'comparison-panel') showTab('paths-panel');

  loopsView = { through: null, loops: null };
  if (activeTab() === 'loops-panel') void loadLoops(loopsTarget());
  else renderLoops(els.loops, els.loopsHeader, loopsView, onLoop);
  showSummary();
}

function clearResults(): void {
  graph.cy.elements().remove();
  els.graphEmpty.hidden = false;
  els.graphEmpty.textContent = 'No result: see the error above.';
  for (const list of [els.paths, els.impacts, els.loops]) list.replaceChildren();
  renderComparison(els.comparison, null, chainHandlers);
  for (const count of [els.pathsCount, els.impactsCount, els.comparisonCount]) count.textContent = '';
  details.message('The query failed: see the error above.');
}

// ---------------------------------------------------------------------------- paths and highlights

function unpin(): void {
  pinnedChain = null;
  document.querySelectorAll('[data-chain].pinned').forEach((el) => el.classList.remove('pinned'));
  clearLoopHighlight();
  graph.clearHighlight();
}

const chainHandlers: ChainHandlers = {
  onPreview(nodeIds, edgeIds) {
    if (nodeIds) graph.highlight(nodeIds, edgeIds);
    else if (pinnedChain) graph.highlight(pinnedIds.nodeIds, pinnedIds.edgeIds);
    else if (loopsView.activeIndex != null && loopsView.loops) {
      const loop = loopsView.loops[loopsView.activeIndex];
      graph.highlight(
        loop.entities.map((e) => e.id),
        loop.edges.map((e) => e.id),
      );
    } else graph.clearHighlight();
  },
  onPin(key, nodeIds, edgeIds) {
    const again = pinnedChain === key;
    unpin();
    if (again) return;
    pinnedChain = key;
    pinnedIds = { nodeIds, edgeIds };
    document.querySelector(`[data-chain="${key}"]`)?.classList.add('pinned');
    graph.highlight(nodeIds, edgeIds);
  },
  onEntity: (id) => void selectEntity(id, true),
  onEdge: (id) => void selectEdge(id),
};

// ---------------------------------------------------------------------------- details

const details = new DetailsPanel(els.details);

function showSummary(): void {
  if (!current) return;
  details.summary({
    scenario: current.scenario,
    shocks: current.shocks,
    impacts: current.propagation.impacts.length,
    paths: current.propagation.paths.length,
    removed: controls.removedLabels(),
  });
}

async function selectEntity(id: string, centre: boolean): Promise<void> {
  selected = { kind: 'node', id };
  graph.select(id);
  const node = graph.cy.getElementById(id);
  if (centre && node.nonempty()) graph.cy.animate({ center: { eles: node }, duration: 200 });
  details.loading('the entity');
  try {
    const entity = await cached(entityCache, id, fetchEntity);
    if (selected?.id !== id) return;
    if (!entity) {
      details.message(`There is no entity “${id}”.`);
      return;
    }
    const impact = current?.propagation.impacts.find((i) => i.entity.id === id) ?? null;
    const shock = current?.shocks.find((s) => s.id === id);
    details.entity(entity, impact, shock?.direction ?? null, entityActions);
    if (activeTab() === 'loops-panel') void loadLoops(entity);
  } catch (error) {
    if (selected?.id !== id) return;
    details.message('Could not load the entity.');
    showError(error);
  }
}

async function selectEdge(id: string): Promise<void> {
  selected = { kind: 'edge', id };
  graph.select(id);
  details.loading('the edge and its evidence');
  try {
    const edge = await cached(edgeCache, id, fetchEdge);
    if (selected?.id !== id) return;
    if (!edge) {
      details.message(`There is no edge “${id}”.`);
      return;
    }
    details.edge(edge, {
      onEntity: (entityId) => void selectEntity(entityId, true),
      onDisableEdge: (e) => {
        controls.addRemovedEdge(e.id);
        void runFromControls();
      },
    });
  } catch (error) {
    if (selected?.id !== id) return;
    details.message('Could not load the edge.');
    showError(error);
  }
}

const entityActions = {
  onShock(entity: EntityDetails) {
    controls.chooseShock(entity);
    void runFromControls();
  },
  onRemove(entity: EntityDetails) {
    controls.addRemovedEntity(entity);
    void runFromControls();
  },
  onLoops(entity: EntityDetails) {
    showTab('loops-panel');
    void loadLoops(entity);
  },
};

// ---------------------------------------------------------------------------- loops

/** Loops run through the selected entity, or else the (first) shocked one. */
function loopsTarget(): EntityRef | null {
  if (selected?.kind === 'node') {
    const node = graph.cy.getElementById(selected.id);
    return { id: selected.id, name: node.nonempty() ? (node.data('name') as string) : selected.id };
  }
  if (current?.shocks.length) return current.shocks[0];
  return controls.shock;
}

async function loadLoops(target: EntityRef | null): Promise<void> {
  if (loopsView.through?.id === target?.id && loopsView.loops) return;
  clearLoopHighlight();
  loopsView = { through: target, loops: null, loading: Boolean(target) };
  renderLoops(els.loops, els.loopsHeader, loopsView, onLoop);
  if (!target) return;
  try {
    const loops = await cached(loopsCache, target.id, fetchLoops);
    if (loopsView.through?.id !== target.id) return;
    loopsView = { through: target, loops, activeIndex: null };
  } catch (error) {
    if (loopsView.through?.id !== target.id) return;
    loopsView = { through: target, loops: [] };
    showError(error);
  }
  renderLoops(els.loops, els.loopsHeader, loopsView, onLoop);
}

function onLoop(index: number): void {
  const again = loopsView.activeIndex === index;
  unpin();
  const loops = loopsView.loops;
  if (again || !loops) return;
  loopsView = { ...loopsView, activeIndex: index };
  graph.showLoop(loops[index]);
  renderLoops(els.loops, els.loopsHeader, loopsView, onLoop);
}

function clearLoopHighlight(): void {
  graph.removeLoopExtras();
  if (loopsView.activeIndex != null) {
    loopsView = { ...loopsView, activeIndex: null };
    renderLoops(els.loops, els.loopsHeader, loopsView, onLoop);
  }
}

// ---------------------------------------------------------------------------- start

const EXAMPLES: { label: string; state: Partial<QueryState> }[] = [
  { label: 'A BOJ hike, 3 hops', state: { shock: 'boj-policy-rate', direction: 'UP' } },
  { label: 'Scenario: Standing Repo Facility usage as stealth QE', state: { scenario: 'srf-stealth-qe' } },
  { label: 'Scenario: Liberation Day tariffs, 4 hops', state: { scenario: 'liberation-day-tariffs', hops: 4 } },
  {
    label: 'Counterfactual: a BOJ hike without the FIMA repo facility (5 hops, threshold 0.01)',
    state: { shock: 'boj-policy-rate', direction: 'UP', hops: 5, minStrength: 0.01, disableEntities: ['fima-repo-facility'] },
  },
];

function start(): void {
  const initial = readState();
  controls.sync(initial);
  if (hasQuery(initial)) {
    void run(initial);
    return;
  }
  details.intro(EXAMPLES.map((e) => ({ label: e.label, href: toSearch({ ...readState(''), ...e.state }) })));
  // The examples run in place rather than reloading the page.
  els.details.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('.examples a');
    if (!link) return;
    event.preventDefault();
    const state = readState(new URL(link.href).search);
    controls.sync(state);
    void run(state);
  });
}

start();
