// Live: follows the API's `graphChanged` subscription (graphql-ws on /graphql). Each change
// empties the read cache (details are read afresh) and marks the answer on screen stale,
// with a "Run again" button (machine.ts, `answer-stale`); a run that succeeds clears it.
// The connection retries by itself; document.body.dataset.live says whether it is up
// ('on' or 'off'), for the page's indicator and for end-to-end tests.

import { createClient, type Client } from 'graphql-ws';
import { GRAPH_CHANGED, staleReason, type GraphChange } from '../live-change';
import type { ExplorerStore } from './types';

export class LiveController {
  private readonly client: Client;
  /** Changes since the answer on screen was fetched. */
  private changes: GraphChange[] = [];

  constructor(
    private readonly store: ExplorerStore,
    private readonly onChange: () => void,
    url: string,
  ) {
    store.subscribe((_state, event) => {
      if (event.type === 'run-started') this.changes = [];
    });
    this.client = createClient({
      url,
      lazy: false,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      on: {
        connected: () => (document.body.dataset.live = 'on'),
        closed: () => (document.body.dataset.live = 'off'),
      },
    });
    this.client.subscribe<{ graphChanged: GraphChange }>(
      { query: GRAPH_CHANGED },
      {
        next: ({ data }) => data && this.changed(data.graphChanged),
        // The client reconnects by itself; there is nothing for the user to do.
        error: () => {},
        complete: () => {},
      },
    );
  }

  private changed(change: GraphChange): void {
    this.onChange();
    // A bounded list: the notice names the count and the last change only.
    this.changes = [...this.changes.slice(-99), change];
    this.store.dispatch({ type: 'answer-stale', reason: staleReason(this.changes) });
  }
}
