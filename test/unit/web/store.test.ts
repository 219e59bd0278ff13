import { Store } from '../../../web/explorer/store';

describe('the explorer store', () => {
  it('lets every listener hear an event before the events the listeners dispatch', () => {
    const store = new Store<number[], number>((state, event) => [...state, event], []);
    const heard: string[] = [];
    store.subscribe((_s, event) => {
      heard.push(`first:${event}`);
      if (event === 1) store.dispatch(2);
    });
    store.subscribe((state, event, previous) => heard.push(`second:${event}:${previous.length}->${state.length}`));
    store.dispatch(1);
    expect(heard).toEqual(['first:1', 'second:1:0->1', 'first:2', 'second:2:1->2']);
    expect(store.state).toEqual([1, 2]);
  });

  it('stops telling a listener once it unsubscribed', () => {
    const store = new Store<number, number>((s, e) => s + e, 0);
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.dispatch(1);
    stop();
    store.dispatch(1);
    expect(calls).toBe(1);
    expect(store.state).toBe(2);
  });
});
