// Selection: loads the details of the entity or edge just selected, through the one request
// cache. An answer for a selection that has since changed is dropped by the reducer.

import type { Reads } from '../reads';
import type { ExplorerStore } from './types';

export class SelectionController {
  constructor(store: ExplorerStore, reads: Reads) {
    store.subscribe((_state, event) => {
      if (event.type === 'entity-selected') {
        const { id } = event;
        reads
          .entity(id)
          .then((entity) => store.dispatch({ type: 'details-loaded', kind: 'entity', id, entity }))
          .catch((error: Error) => store.dispatch({ type: 'details-failed', kind: 'entity', id, message: error.message }));
      } else if (event.type === 'edge-selected') {
        const { id } = event;
        reads
          .edge(id)
          .then((edge) => store.dispatch({ type: 'details-loaded', kind: 'edge', id, edge }))
          .catch((error: Error) => store.dispatch({ type: 'details-failed', kind: 'edge', id, message: error.message }));
      }
    });
  }
}
