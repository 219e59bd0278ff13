// Browser history: every run asked for by the user is a history entry (its query string),
// the first run replaces the entry the page was opened with, and back/forward (popstate)
// become `history-popped`, which shows that entry's query again without pushing anything.

import { hasQuery, readState, toSearch } from '../state';
import type { ExplorerStore } from './types';

export class HistoryController {
  constructor(store: ExplorerStore) {
    store.subscribe((_state, event) => {
      if (event.type !== 'run-started' || event.origin === 'history') return;
      const search = toSearch(event.query);
      const url = `${window.location.pathname}${search}${window.location.hash}`;
      if (event.origin === 'initial') window.history.replaceState(null, '', url);
      else if (window.location.search !== search) window.history.pushState(null, '', url);
    });
    window.addEventListener('popstate', () => {
      const query = readState(window.location.search);
      store.dispatch({ type: 'history-popped', query: hasQuery(query) ? query : null });
    });
  }
}
