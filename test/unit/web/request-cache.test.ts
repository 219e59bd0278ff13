import { RequestCache } from '../../../web/explorer/request-cache';

describe('the request cache', () => {
  it('asks once per key, and asks again after a failure', async () => {
    const cache = new RequestCache();
    let calls = 0;
    const load = () => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve(calls);
    };
    await expect(cache.get('entity:a', load)).rejects.toThrow('down');
    await Promise.resolve();
    expect(await cache.get('entity:a', load)).toBe(2);
    expect(await cache.get('entity:a', load)).toBe(2);
    expect(calls).toBe(2);
  });
});
