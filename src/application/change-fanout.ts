import type { GraphChange } from '../domain/model/graph-change.model';
import type { ChangeFeed, ChangeListener } from './ports/change-feed.port';

/**
 * The in-process change feed: delivers each published change to every listener, in
 * publish order. A listener that throws is reported through `onError` and does not stop
 * the others or the write that published the change.
 */
export class ChangeFanout implements ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly onError: (error: unknown) => void = () => {}) {}

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(change: GraphChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
