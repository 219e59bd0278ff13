import autocannon from 'autocannon';
import { healthy, startApi, until, type ApiProcess } from '../test/support/api-process';
import { startRedis } from '../test/support/redis-launcher';

export interface ReplicaRow {
  graph: string;
  replicas: number;
  connections: number;
  requestsPerSecond: number;
  p99Ms: number;
  failed: number;
}

/**
 * Section 3, replicas: API processes on the Neo4j that holds `graph`, sharing a Redis
 * (started here), each answering a propagation with the response cache off (so every
 * request walks); the load generator spreads its connections evenly over the replicas, as
 * a round-robin proxy would. Throughput with one and with two replicas.
 */
export async function measureReplicas(
  uri: string,
  graph: string,
  shock: string,
  options: { seconds: number; connections: number },
  log: (line: string) => void,
): Promise<ReplicaRow[]> {
  const redis = await startRedis();
  const apis: ApiProcess[] = [];
  const rows: ReplicaRow[] = [];
  const query = `{ propagate(shocks: [{ entityId: "${shock}" }], maxHops: 3) { impacts { entity { id } strength } } }`;
  const load = (api: ApiProcess, connections: number, duration: number) =>
    autocannon({
      url: `${api.base}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      connections,
      duration,
    });
  try {
    for (const replicas of [1, 2]) {
      while (apis.length < replicas) {
        const api = await startApi({
          NEO4J_URI: uri,
          REDIS_URL: redis.url,
          RATE_LIMIT_PER_MINUTE: '0',
          RESPONSE_CACHE_MB: '0',
          PLAYGROUND: 'off',
          EXPLORER: 'off',
          LOG_LEVEL: 'warn',
        });
        apis.push(api);
        await until('the replica on Redis', async () => ((await healthy(api, 120_000)).redis === 'up' ? true : undefined), 120_000, api);
      }
      const each = Math.max(1, Math.round(options.connections / replicas));
      // A second's warm-up per replica (JIT, driver pool), not counted.
      await Promise.all(apis.map((api) => load(api, each, 1)));
      const results = await Promise.all(apis.map((api) => load(api, each, options.seconds)));
      const row: ReplicaRow = {
        graph,
        replicas,
        connections: each * replicas,
        requestsPerSecond: results.reduce((n, r) => n + r.requests.average, 0),
        p99Ms: Math.max(...results.map((r) => r.latency.p99)),
        failed: results.reduce((n, r) => n + r.errors + r.non2xx, 0),
      };
      log(`section 3 ${graph}: ${replicas} replica(s), ${row.connections} connections: ${row.requestsPerSecond.toFixed(0)} requests / s`);
      rows.push(row);
    }
  } finally {
    for (const api of apis) api.child.kill('SIGKILL');
    await Promise.all(apis.map((api) => api.exited));
    await redis.dispose();
  }
  return rows;
}
