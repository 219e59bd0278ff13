import { INITIAL_STATE, loopsTarget, reduce, type ExplorerEvent, type ExplorerState } from '../../../web/explorer/machine';
import type { FeedbackLoop } from '../../../web/explorer/model';
import { DEFAULTS, readState } from '../../../web/explorer/state';
import { answer } from './fixtures';

const run = (events: ExplorerEvent[], from: ExplorerState = INITIAL_STATE) => events.reduce(reduce, from);
const query = { ...DEFAULTS, shock: 'a' };
const loop: FeedbackLoop = { kind: 'REINFORCING', strength: 0.2, length: 2, entities: [], edges: [] };

describe('the explorer state machine', () => {
  it('starts idle, loads on a run request and is ready with the answer of that run', () => {
    const loading = reduce(INITIAL_STATE, { type: 'run-requested', origin: 'form' });
    expect(loading).toMatchObject({ status: 'loading', runId: 1, error: null });
    const started = reduce(loading, { type: 'run-started', runId: 1, origin: 'form', query });
    expect(started.query).toBe(query);
    const a = answer();
    const ready = reduce(started, { type: 'run-succeeded', runId: 1, answer: a });
    expect(ready).toMatchObject({ status: 'ready', answer: a, formOpen: false });
  });

  it('drops the answer and the failure of a run that a newer run replaced', () => {
    const twice = run([
      { type: 'run-requested', origin: 'form' },
      { type: 'run-requested', origin: 'control' },
    ]);
    expect(twice.runId).toBe(2);
    expect(reduce(twice, { type: 'run-succeeded', runId: 1, answer: answer() })).toBe(twice);
    expect(reduce(twice, { type: 'run-failed', runId: 1, message: 'late' })).toBe(twice);
    expect(reduce(twice, { type: 'run-started', runId: 1, origin: 'form', query })).toBe(twice);
  });

  it('shows a failed run as an error without an answer, and a form error without losing the answer', () => {
    const ready = run([
      { type: 'run-requested', origin: 'form' },
      { type: 'run-succeeded', runId: 1, answer: answer() },
    ]);
    const invalid = run(
      [
        { type: 'run-requested', origin: 'form' },
        { type: 'form-invalid', runId: 2, message: 'Choose an entity' },
      ],
      ready,
    );
    expect(invalid).toMatchObject({ status: 'error', error: 'Choose an entity', formOpen: true });
    expect(invalid.answer).toBe(ready.answer);
    const failed = run(
      [
        { type: 'run-requested', origin: 'form' },
        { type: 'run-failed', runId: 3, message: 'cost' },
      ],
      invalid,
    );
    expect(failed).toMatchObject({ status: 'error', answer: null, error: 'cost' });
  });

  it('re-runs the URL query on back/forward, and goes back to the start screen for a URL without one', () => {
    const ready = run([
      { type: 'run-requested', origin: 'form' },
      { type: 'run-succeeded', runId: 1, answer: answer() },
      { type: 'tab-changed', tab: 'impacts' },
    ]);
    const popped = reduce(ready, { type: 'history-popped', query: readState('?shock=b') });
    expect(popped).toMatchObject({ status: 'loading', runId: 2, query: readState('?shock=b') });
    const home = reduce(ready, { type: 'history-popped', query: null });
    expect(home).toMatchObject({ status: 'idle', answer: null, query: null, runId: 2, tab: 'impacts', formOpen: true });
  });

  it('drops details that arrive for a selection that has since changed', () => {
    const selected = run([
      { type: 'entity-selected', id: 'b' },
      { type: 'edge-selected', id: 'bc' },
    ]);
    const late = reduce(selected, { type: 'details-loaded', kind: 'entity', id: 'b', entity: null });
    expect(late).toBe(selected);
    const loaded = reduce(selected, {
      type: 'details-loaded',
      kind: 'edge',
      id: 'bc',
      edge: null,
    });
    expect(loaded.selection).toEqual({ kind: 'edge', id: 'bc', details: { status: 'missing' } });
  });

  it('pins a chain, unpins it on a second click, and a loop replaces a pinned chain', () => {
    const chain = { key: 'path:0', nodeIds: ['a', 'b'], edgeIds: ['ab'] };
    const pinned = reduce(INITIAL_STATE, { type: 'chain-pinned', chain });
    expect(pinned.pinned).toBe(chain);
    expect(reduce(pinned, { type: 'chain-pinned', chain }).pinned).toBeNull();
    const withLoops = run(
      [
        { type: 'loops-requested', through: { id: 'a', name: 'A' } },
        { type: 'loops-loaded', throughId: 'a', loops: [loop] },
        { type: 'loop-toggled', index: 0 },
      ],
      pinned,
    );
    expect(withLoops).toMatchObject({ pinned: null, loops: { status: 'ready', active: 0 } });
    expect(reduce(withLoops, { type: 'loop-toggled', index: 0 }).loops.active).toBeNull();
    expect(reduce(withLoops, { type: 'loop-toggled', index: 5 })).toBe(withLoops);
  });

  it('asks for the loops through an entity once, and drops loops for an entity no longer asked about', () => {
    const asked = reduce(INITIAL_STATE, { type: 'loops-requested', through: { id: 'a', name: 'A' } });
    expect(asked.loops.status).toBe('loading');
    expect(reduce(asked, { type: 'loops-requested', through: { id: 'a', name: 'A' } })).toBe(asked);
    const moved = reduce(asked, { type: 'loops-requested', through: { id: 'b', name: 'B' } });
    expect(reduce(moved, { type: 'loops-loaded', throughId: 'a', loops: [loop] })).toBe(moved);
  });

  it('marks the answer stale only when there is one, and a new answer clears the mark', () => {
    expect(reduce(INITIAL_STATE, { type: 'answer-stale', reason: 'changed' })).toBe(INITIAL_STATE);
    const ready = run([
      { type: 'run-requested', origin: 'form' },
      { type: 'run-succeeded', runId: 1, answer: answer() },
      { type: 'answer-stale', reason: 'The graph changed' },
    ]);
    expect(ready.stale).toBe('The graph changed');
    const again = run(
      [
        { type: 'run-requested', origin: 'action' },
        { type: 'run-succeeded', runId: 2, answer: answer() },
      ],
      ready,
    );
    expect(again.stale).toBeNull();
  });

  it('runs loops through the selected entity, else through the first shock', () => {
    const ready = run([
      { type: 'run-requested', origin: 'form' },
      { type: 'run-succeeded', runId: 1, answer: answer() },
    ]);
    expect(loopsTarget(ready, () => undefined)).toEqual({ id: 'a', name: 'A', direction: 'UP' });
    const selected = reduce(ready, { type: 'entity-selected', id: 'c' });
    expect(loopsTarget(selected, (id) => (id === 'c' ? 'C name' : undefined))).toEqual({ id: 'c', name: 'C name' });
  });
});
