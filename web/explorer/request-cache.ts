// The one cache of read requests (entities, edges, loops), keyed by kind and id: the details
// panel, the path steps and the form's name look-ups share it. A failure is not remembered.
// It lives as long as the page: the graph's reads change only with writes, and each write
// the live subscription announces empties it (controllers/live.ts).

export class RequestCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    let promise = this.entries.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = load();
      this.entries.set(key, promise);
      promise.catch(() => this.entries.delete(key));
    }
    return promise;
  }

  clear(): void {
    this.entries.clear();
  }
}
