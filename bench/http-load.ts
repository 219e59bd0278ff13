import autocannon from 'autocannon';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { healthy, startApi } from '../test/support/api-process';

export interface HttpRow {
  connections: number;
  query: string;
  requestsPerSecond: number;
  p99Ms: number;
  failed: number;
}

const QUERIES = {
  '{ __typename }': '{ __typename }',
  'BOJ hike, 3 hops': '{ propagate(shocks: [{ entityId: "boj-policy-rate", direction: UP }], maxHops: 3) { impacts { entity { id } direction strength } paths { entities { id } strength direction } } }',
};

/**
 * Section 2: the same server answers a trivial query and "BOJ hike, 3 hops" on the curated
 * graph under an HTTP load generator, at 1 and at 50 connections.
 */
export async function measureHttp(durationSeconds: number, log: (line: string) => void): Promise<HttpRow[]> {
  const api = await startApi({ DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-http-')), PLAYGROUND: 'off', EXPLORER: 'off' });
  try {
    await healthy(api);
    const rows: HttpRow[] = [];
    for (const connections of [1, 50]) {
      for (const [name, query] of Object.entries(QUERIES)) {
        const result = await autocannon({
          url: `${api.base}/graphql`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
          connections,
          duration: durationSeconds,
        });
        const row = { connections, query: name, requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, failed: result.errors + result.non2xx };
        log(`http ${connections} connection(s) ${name}: ${row.requestsPerSecond.toFixed(0)} req/s, p99 ${row.p99Ms} ms, ${row.failed} failed`);
        rows.push(row);
      }
    }
    return rows;
  } finally {
    api.child.kill('SIGTERM');
    await api.exited;
  }
}
