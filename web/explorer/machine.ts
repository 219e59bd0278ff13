// The explorer's state, in one object, moved only by named events through `reduce`. Pure:
// no DOM, no fetch. Controllers (controllers/*.ts) perform the effects an event asks for
// (requests, history, tabs) and report back with further events; views render the state.
//
// Runs are numbered: `run-requested` takes the next number and every later event of that run
// carries it, so an answer to a run that a newer one replaced is dropped here, in one place.

import type { ConnectingPath, EdgeDetails, EntityDetails, EntityRef, FeedbackLoop, Propagation, Scenario, ShockNode } from './model';
import type { QueryState } from './state';

export type Status = 'idle' | 'loading' | 'ready' | 'error';
export type LayoutMode = 'columns' | 'rings';
/** Where a run was asked for: history entries are pushed for user actions only. */
export type RunOrigin = 'form' | 'control' | 'action' | 'example' | 'initial' | 'history';

/** A finished run: what was asked and what the API answered. */
export interface Answer {
  query: QueryState;
  scenario: Scenario | null;
  shocks: ShockNode[];
  propagation: Propagation;
  /** The strongest paths of reached entities that the listed paths miss: drawn, not listed. */
  connecting: ConnectingPath[];
  /** Why those could not be fetched, when they could not (the answer is shown all the same). */
  connectingError: string | null;
}

export type Details =
  | { status: 'loading' }
  | { status: 'entity'; entity: EntityDetails }
  | { status: 'edge'; edge: EdgeDetails }
  | { status: 'missing' }
  | { status: 'failed' };

export interface Selection {
  kind: 'entity' | 'edge';
  id: string;
  details: Details;
}

/** A chain (path or cut path) pinned from a list: highlighted in the graph until unpinned. */
export interface Chain {
  key: string;
  nodeIds: string[];
  edgeIds: string[];
}

export interface LoopsState {
  through: EntityRef | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loops: FeedbackLoop[];
  /** The loop drawn and highlighted, by index. */
  active: number | null;
}

export interface ExplorerState {
  status: Status;
  /** The number of the latest run; answers to older ones are dropped. */
  runId: number;
  /** The query of the latest run, once known (a run from the form reads it first). */
  query: QueryState | null;
  answer: Answer | null;
  /** Shown above the graph; cleared by the next run. */
  error: string | null;
  selection: Selection | null;
  pinned: Chain | null;
  /** The id of the tab shown (tabs/registry.ts). */
  tab: string;
  layout: LayoutMode;
  loops: LoopsState;
  scenarios: Scenario[];
  /** Narrow screens fold the query form away once there is an answer to look at. */
  formOpen: boolean;
  /** Set when the answer no longer matches the graph (e.g. a write since the run). */
  stale: string | null;
}

export type ExplorerEvent =
  | { type: 'scenarios-loaded'; scenarios: Scenario[] }
  | { type: 'run-requested'; origin: RunOrigin; query?: QueryState }
  | { type: 'run-started'; runId: number; origin: RunOrigin; query: QueryState }
  | { type: 'run-succeeded'; runId: number; answer: Answer }
  | { type: 'run-failed'; runId: number; message: string }
  /** The form could not be read into a query: the error is shown, the answer stays. */
  | { type: 'form-invalid'; runId: number; message: string }
  /** Back or forward: the URL's query (null: none) is shown again without a new history entry. */
  | { type: 'history-popped'; query: QueryState | null }
  | { type: 'entity-selected'; id: string; centre?: boolean }
  | { type: 'edge-selected'; id: string }
  | { type: 'selection-cleared' }
  | { type: 'details-loaded'; kind: 'entity'; id: string; entity: EntityDetails | null }
  | { type: 'details-loaded'; kind: 'edge'; id: string; edge: EdgeDetails | null }
  | { type: 'details-failed'; kind: 'entity' | 'edge'; id: string; message: string }
  | { type: 'chain-pinned'; chain: Chain }
  | { type: 'tab-changed'; tab: string }
  | { type: 'layout-changed'; layout: LayoutMode }
  | { type: 'loops-requested'; through: EntityRef | null }
  | { type: 'loops-loaded'; throughId: string; loops: FeedbackLoop[] }
  | { type: 'loops-failed'; throughId: string; message: string }
  | { type: 'loop-toggled'; index: number }
  | { type: 'form-toggled'; open: boolean }
  | { type: 'answer-stale'; reason: string }
  /** A failure outside runs (a search, a name lookup): shown, nothing else changes. */
  | { type: 'error-reported'; message: string };

export type EventType = ExplorerEvent['type'];

const NO_LOOPS: LoopsState = { through: null, status: 'idle', loops: [], active: null };

export const INITIAL_STATE: ExplorerState = {
  status: 'idle',
  runId: 0,
  query: null,
  answer: null,
  error: null,
  selection: null,
  pinned: null,
  tab: 'paths',
  layout: 'columns',
  loops: NO_LOOPS,
  scenarios: [],
  formOpen: true,
  stale: null,
};

export function reduce(state: ExplorerState, event: ExplorerEvent): ExplorerState {
  switch (event.type) {
    case 'scenarios-loaded':
      return { ...state, scenarios: event.scenarios };

    case 'run-requested':
      return { ...state, status: 'loading', runId: state.runId + 1, error: null, query: event.query ?? state.query };

    case 'run-started':
      if (event.runId !== state.runId) return state;
      return { ...state, query: event.query };

    case 'run-succeeded':
      if (event.runId !== state.runId) return state;
      return {
        ...state,
        status: 'ready',
        query: event.answer.query,
        answer: event.answer,
        error: null,
        selection: null,
        pinned: null,
        loops: NO_LOOPS,
        formOpen: false,
        stale: null,
      };

    case 'run-failed':
      if (event.runId !== state.runId) return state;
      return { ...state, status: 'error', answer: null, error: event.message, selection: null, pinned: null, loops: NO_LOOPS, stale: null };

    case 'form-invalid':
      if (event.runId !== state.runId) return state;
      return { ...state, status: 'error', error: event.message, formOpen: true };

    case 'history-popped':
      if (event.query) return reduce(state, { type: 'run-requested', origin: 'history', query: event.query });
      // Back to the page without a query: the start screen, and any run in flight is dropped.
      return {
        ...INITIAL_STATE,
        runId: state.runId + 1,
        scenarios: state.scenarios,
        layout: state.layout,
        tab: state.tab,
      };

    case 'entity-selected':
      return { ...state, selection: { kind: 'entity', id: event.id, details: { status: 'loading' } } };

    case 'edge-selected':
      return { ...state, selection: { kind: 'edge', id: event.id, details: { status: 'loading' } } };

    case 'selection-cleared':
      return { ...state, selection: null, pinned: null, loops: { ...state.loops, active: null } };

    case 'details-loaded': {
      const selection = state.selection;
      if (!selection || selection.kind !== event.kind || selection.id !== event.id) return state;
      const details: Details =
        event.kind === 'entity'
          ? event.entity
            ? { status: 'entity', entity: event.entity }
            : { status: 'missing' }
          : event.edge
            ? { status: 'edge', edge: event.edge }
            : { status: 'missing' };
      return { ...state, selection: { ...selection, details } };
    }

    case 'details-failed': {
      const selection = state.selection;
      if (!selection || selection.kind !== event.kind || selection.id !== event.id) return state;
      return { ...state, selection: { ...selection, details: { status: 'failed' } }, error: event.message };
    }

    case 'chain-pinned': {
      const again = state.pinned?.key === event.chain.key;
      return { ...state, pinned: again ? null : event.chain, loops: { ...state.loops, active: null } };
    }

    case 'tab-changed':
      return state.tab === event.tab ? state : { ...state, tab: event.tab };

    case 'layout-changed':
      return { ...state, layout: event.layout, loops: { ...state.loops, active: null } };

    case 'loops-requested': {
      const { loops } = state;
      if (loops.through?.id === event.through?.id && loops.status !== 'failed') return state;
      return { ...state, loops: { through: event.through, status: event.through ? 'loading' : 'idle', loops: [], active: null } };
    }

    case 'loops-loaded':
      if (state.loops.through?.id !== event.throughId) return state;
      return { ...state, loops: { ...state.loops, status: 'ready', loops: event.loops, active: null } };

    case 'loops-failed':
      if (state.loops.through?.id !== event.throughId) return state;
      return { ...state, loops: { ...state.loops, status: 'failed', loops: [], active: null }, error: event.message };

    case 'loop-toggled': {
      if (event.index < 0 || event.index >= state.loops.loops.length) return state;
      const active = state.loops.active === event.index ? null : event.index;
      return { ...state, pinned: null, loops: { ...state.loops, active } };
    }

    case 'form-toggled':
      return { ...state, formOpen: event.open };

    case 'answer-stale':
      return state.answer ? { ...state, stale: event.reason } : state;

    case 'error-reported':
      return { ...state, error: event.message };
  }
}

/** Loops run through the selected entity, or else the (first) shocked one. */
export function loopsTarget(state: ExplorerState, nameOf: (id: string) => string | undefined): EntityRef | null {
  const selection = state.selection;
  if (selection?.kind === 'entity') {
    const name = selection.details.status === 'entity' ? selection.details.entity.name : (nameOf(selection.id) ?? selection.id);
    return { id: selection.id, name };
  }
  return state.answer?.shocks[0] ?? null;
}
