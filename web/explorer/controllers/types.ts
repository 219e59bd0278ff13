import type { ExplorerEvent, ExplorerState } from '../machine';
import type { Store } from '../store';

export type ExplorerStore = Store<ExplorerState, ExplorerEvent>;
export type Dispatch = (event: ExplorerEvent) => void;
