import { Agent, request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { healthy, startApi } from '../support/api-process';

/** One POST /graphql over `agent`; resolves with the status code (or the transport error). */
function post(base: string, agent: Agent, query: string): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = request(`${base}/graphql`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
    });
    req.on('error', (error) => resolve({ error: error.message }));
    req.end(JSON.stringify({ query }));
  });
}

describe('SIGTERM', () => {
  it('finishes every request already in flight, with no 5xx, then exits 0', async () => {
    // NODE_ENV as `npm start` has it, not Jest's "test" (libraries behave differently under it).
    const api = await startApi({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'shutdown-')),
      RATE_LIMIT_PER_MINUTE: '0',
      RESPONSE_CACHE_MB: '0',
      // One client sends all 30 at once here: no per-client share, and room on the pool's queue.
      HEAVY_WORK_PER_CLIENT: '30',
      HEAVY_WORK_QUEUE_MS: '60000',
      ANALYSIS_THREADS: '2',
      // Thirty 8-hop walks on a loaded machine: this test is about shutdown, not the deadline.
      REQUEST_TIMEOUT_MS: '60000',
      NODE_ENV: '',
    });
    await healthy(api);
    const connections = 30;
    const agent = new Agent({ keepAlive: true, maxSockets: connections });
    try {
      // Open the connections first, so the requests below travel on sockets the server holds.
      await Promise.all(Array.from({ length: connections }, () => post(api.base, agent, '{ __typename }')));
      // The largest answers the API gives (~50 ms each), queued behind one another on one core.
      const slow = (topPaths: number) =>
        `{ propagate(shocks: [{ entityId: "boj-policy-rate" }], maxHops: 8, minStrength: 0, topPaths: ${topPaths}) { paths { entities { id name } edges { id weight } strength } } }`;
      const inFlight = Array.from({ length: connections }, (_, i) => post(api.base, agent, slow(1000 - i)));
      const first = await Promise.race(inFlight);
      expect(first.status).toBe(200);
      api.child.kill('SIGTERM');
      const answers = await Promise.all(inFlight);
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      expect(await api.exited).toBe(0);
      expect(api.output()).toMatch(/SIGTERM: finishing in-flight requests/);
      expect(api.output()).toMatch(/"msg":"stopped"/);
    } finally {
      agent.destroy();
      api.child.kill('SIGKILL');
    }
  }, 60_000);
});
