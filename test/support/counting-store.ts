import type { GraphBackend } from '../../src/application/ports/graph-backend';

/** Wraps a real store and counts calls per method, to prove batching. */
export function countingStore(store: GraphBackend): { store: GraphBackend; calls: Map<string, number>; reset(): void } {
  const calls = new Map<string, number>();
  const wrapped = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(key), (calls.get(String(key)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: wrapped, calls, reset: () => calls.clear() };
}
