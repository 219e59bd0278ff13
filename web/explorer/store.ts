// Holds the one state object and moves it with a reducer. Listeners (views, controllers)
// hear every event after it was applied. An event dispatched while listeners are still
// hearing the previous one waits its turn, so every listener hears events in one order.

export type Listener<S, E> = (state: S, event: E, previous: S) => void;

export class Store<S, E> {
  private current: S;
  private readonly listeners: Listener<S, E>[] = [];
  private readonly queue: E[] = [];
  private dispatching = false;

  constructor(
    private readonly reducer: (state: S, event: E) => S,
    initial: S,
  ) {
    this.current = initial;
  }

  get state(): S {
    return this.current;
  }

  subscribe(listener: Listener<S, E>): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  dispatch(event: E): void {
    this.queue.push(event);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
        const previous = this.current;
        this.current = this.reducer(previous, next);
        for (const listener of [...this.listeners]) listener(this.current, next, previous);
      }
    } finally {
      this.dispatching = false;
      this.queue.length = 0;
    }
  }
}
