import autocannon from 'autocannon';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { healthy, startApi } from '../test/support/api-process';

export interface HttpRow {
  /** The server's configuration: the default (response cache on) or the cache off. */
  server: string;
  connections: number;
  query: string;
  requestsPerSecond: number;
  p99Ms: number;
  failed: number;
}

const QUERIES = {
  '{ __typename }': '{ __typename }',
  'BOJ hike, 3 hops':
    '{ propagate(shocks: [{ entityId: "boj-policy-rate", direction: UP }], maxHops: 3) { impacts { entity { id } direction strength } paths { entities { id } strength direction } } }',
};

/**
 * Section 2: the same server answers a trivial query and "BOJ hike, 3 hops" on the curated
 * graph under an HTTP load generator, at 1 and at 50 connections. The API runs as
 * configured by default (whole answers cached per graph version); a second server with
 * the cache off shows what a first-time question costs.
 */
export async function measureHttp(durationSeconds: number, log: (line: string) => void): Promise<HttpRow[]> {
  const rows: HttpRow[] = [];
  const servers: Array<[string, Record<string, string>, string[]]> = [
    ['default', {}, Object.keys(QUERIES)],
    ['response cache off', { RESPONSE_CACHE_MB: '0' }, ['BOJ hike, 3 hops']],
  ];
  for (const [server, env, queries] of servers) {
    // No rate limit: the load generator is one client asking thousands of times a second.
    const api = await startApi({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-http-')),
      PLAYGROUND: 'off',
      EXPLORER: 'off',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      ...env,
    });
    try {
      await healthy(api);
      for (const connections of [1, 50]) {
        for (const name of queries) {
          const result = await autocannon({
            url: `${api.base}/graphql`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: QUERIES[name as keyof typeof QUERIES] }),
            connections,
            duration: durationSeconds,
          });
          const row = {
            server,
            connections,
            query: name,
            requestsPerSecond: result.requests.average,
            p99Ms: result.latency.p99,
            failed: result.errors + result.non2xx,
          };
          log(
            `http (${server}) ${connections} connection(s) ${name}: ${row.requestsPerSecond.toFixed(0)} req/s, p99 ${row.p99Ms} ms, ${row.failed} failed`,
          );
          rows.push(row);
        }
      }
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
    }
  }
  return rows;
}
