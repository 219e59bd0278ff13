/**
 * npm run load -- [--seconds 60] [--connections 100] [--out DIR]
 *
 * A sustained mixed run against the built API on the embedded backend: reads (an entity
 * with its edges, a search), propagation ("BOJ hike, 3 hops" and a 5-hop variant) and writes
 * (each a new source), over `connections` connections with autocannon. It then checks:
 *   - no request failed (transport errors, non-2xx, GraphQL errors);
 *   - every acknowledged write is there — in the running API, and after a graceful restart
 *     from the write log.
 * Prints the p50/p99 latency over the mix and writes JSON + Markdown to DIR (default bench/results/). Exits 1
 * when a check fails. CI runs it for a few seconds (test/bench/load-smoke.test.ts).
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config';
import { graphql, healthy, startApi } from '../test/support/api-process';

const TOKEN = 'load-run-researcher-token';

interface Kind {
  name: string;
  body: (n: number) => string;
}

const KINDS: Kind[] = [
  {
    name: 'read: entity and its edges',
    body: () => JSON.stringify({ query: '{ entity(id: "boj-policy-rate") { id name outgoing { id weight to { id name } } } }' }),
  },
  {
    name: 'read: search',
    body: () => JSON.stringify({ query: '{ entities(search: "yen", first: 10) { nodes { id name } totalCount } }' }),
  },
  {
    name: 'propagation: BOJ hike, 3 hops',
    body: () =>
      JSON.stringify({
        query:
          '{ propagate(shocks: [{ entityId: "boj-policy-rate", direction: UP }], maxHops: 3) { impacts { entity { id } strength } paths { entities { id } strength } } }',
      }),
  },
  {
    name: 'propagation: Fed cut, 5 hops',
    body: () =>
      JSON.stringify({
        query:
          '{ propagate(shocks: [{ entityId: "fed-policy-rate", direction: DOWN }], maxHops: 5, minStrength: 0.02) { impacts { entity { id } strength } } }',
      }),
  },
  {
    name: 'write: addSource',
    body: (n) =>
      JSON.stringify({
        query: 'mutation($input: SourceInput!) { addSource(input: $input) { id } }',
        variables: { input: { id: `load-source-${n}`, title: `Load ${n}`, language: 'en' } },
      }),
  },
];

interface Result {
  at: string;
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: { transport: number; non2xx: number; graphqlErrors: number; timeouts: number };
  writes: { acknowledged: number; present: number; presentAfterRestart: number };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const seconds = Number(option('--seconds', '60'));
  const connections = Number(option('--connections', '100'));
  const out = option('--out', join(PROJECT_ROOT, 'bench', 'results'));
  const log = (line: string) => process.stderr.write(`[load] ${line}\n`);

  const env = {
    DATA_DIR: mkdtempSync(join(tmpdir(), 'load-')),
    API_TOKENS: `${TOKEN}:researcher`,
    RATE_LIMIT_PER_MINUTE: '0',
    PLAYGROUND: 'off',
    EXPLORER: 'off',
    LOG_LEVEL: 'warn',
  };
  let api = await startApi(env);
  await healthy(api);
  log(`API up at ${api.base}; ${connections} connections for ${seconds} s`);

  let written = 0;
  const acknowledged = new Set<string>();
  let graphqlErrors = 0;
  const result = await autocannon({
    url: `${api.base}/graphql`,
    method: 'POST',
    connections,
    duration: seconds,
    timeout: 15,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    requests: KINDS.map((kind) => ({
      method: 'POST' as const,
      setupRequest: (request: autocannon.Request) => ({ ...request, body: kind.body(written++) }),
      onResponse: (status: number, body: string) => {
        if (status !== 200) return;
        const parsed = JSON.parse(body) as { data?: { addSource?: { id: string } }; errors?: unknown[] };
        if (parsed.errors) graphqlErrors++;
        if (parsed.data?.addSource) acknowledged.add(parsed.data.addSource.id);
      },
    })),
  });

  const stored = async () =>
    new Set<string>(
      ((await graphql(api.base, '{ sources { id } }')) as { data: { sources: Array<{ id: string }> } }).data.sources.map((s) => s.id),
    );
  const ids = [...acknowledged];
  const now = await stored();
  api.child.kill('SIGTERM');
  const exit = await api.exited;
  const firstOutput = api.output();
  api = await startApi(env);
  await healthy(api);
  const restarted = await stored();
  api.child.kill('SIGTERM');
  await api.exited;

  const outcome: Result = {
    at: new Date().toISOString(),
    seconds,
    connections,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failed: { transport: result.errors, non2xx: result.non2xx, graphqlErrors, timeouts: result.timeouts },
    writes: {
      acknowledged: acknowledged.size,
      present: ids.filter((id) => now.has(id)).length,
      presentAfterRestart: ids.filter((id) => restarted.has(id)).length,
    },
  };
  const problems = [
    outcome.failed.transport + outcome.failed.non2xx + outcome.failed.graphqlErrors + outcome.failed.timeouts > 0
      ? `failed requests: ${JSON.stringify(outcome.failed)}`
      : '',
    outcome.writes.present !== outcome.writes.acknowledged
      ? `${outcome.writes.acknowledged - outcome.writes.present} acknowledged writes missing`
      : '',
    outcome.writes.presentAfterRestart !== outcome.writes.acknowledged
      ? `${outcome.writes.acknowledged - outcome.writes.presentAfterRestart} acknowledged writes missing after the restart`
      : '',
    exit !== 0 ? `the API exited ${exit} on SIGTERM; its last output: ${firstOutput.slice(-2000)}` : '',
    outcome.writes.acknowledged === 0 ? 'no write was acknowledged' : '',
  ].filter(Boolean);

  const markdown = [
    `# Load run — ${outcome.at}`,
    '',
    `${connections} connections for ${seconds} s, embedded backend; the mix cycles through: ${KINDS.map((k) => k.name).join('; ')}.`,
    '',
    '| requests | requests / s | p50 ms | p99 ms | failed | writes acknowledged | present | present after restart |',
    '|---|---|---|---|---|---|---|---|',
    `| ${outcome.requests} | ${outcome.requestsPerSecond.toFixed(0)} | ${outcome.p50Ms} | ${outcome.p99Ms} | ${outcome.failed.transport + outcome.failed.non2xx + outcome.failed.graphqlErrors + outcome.failed.timeouts} | ${outcome.writes.acknowledged} | ${outcome.writes.present} | ${outcome.writes.presentAfterRestart} |`,
    '',
    problems.length ? `**Failed:** ${problems.join('; ')}` : 'No failed request, no lost acknowledged write.',
    '',
  ].join('\n');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `load-${outcome.at.replace(/[:.]/g, '-')}.json`), `${JSON.stringify({ ...outcome, problems }, null, 2)}\n`);
  writeFileSync(join(out, 'load-latest.md'), markdown);
  console.log(markdown);
  if (problems.length) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
