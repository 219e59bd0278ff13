import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, healthy, startApi, until } from '../support/api-process';

const TOKEN = 'durability-researcher-token';
const ADD = `mutation($input: CausalEdgeInput!) { addEdge(input: $input) { id revision } }`;
const edgeInput = (i: number) => ({
  from: 'usd-liquidity',
  to: 'gold',
  polarity: i % 2 === 0 ? 'POSITIVE' : 'NEGATIVE',
  weight: 0.3,
  confidence: 0.3,
  mechanism: `Write number ${i}.`,
  evidence: [{ sourceId: 'hayes-2025-ski-cut', quote: `quote ${i}` }],
});

describe('the embedded backend keeps every acknowledged write', () => {
  it('survives kill -9 of the API the moment after a write returned, and the restart serves it to propagation', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'durability-'));
    const env = { DATA_DIR: dataDir, API_TOKENS: `${TOKEN}:admin` }; // an admin's writes are ACTIVE at once
    const first = await startApi(env);
    await healthy(first);
    const added = await graphql(first.base, ADD, { input: edgeInput(0) }, TOKEN);
    expect(added.data.addEdge).toEqual({ id: 'usd-liquidity-lifts-gold', revision: 1 });
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startApi(env);
    try {
      await healthy(second);
      const { data } = await graphql(
        second.base,
        '{ edge(id: "usd-liquidity-lifts-gold") { revision createdBy } propagate(shocks: [{ entityId: "usd-liquidity" }], maxHops: 1, minStrength: 0.3) { paths { edges { id } } } }',
      );
      expect(data.edge).toEqual({ revision: 1, createdBy: expect.stringMatching(/^admin-/) });
      expect(data.propagate.paths.map((p: any) => p.edges[0].id)).toContain('usd-liquidity-lifts-gold');
    } finally {
      second.child.kill('SIGKILL');
    }
  }, 60_000);

  it('answers writes over HTTP only with a valid bearer token', async () => {
    const api = await startApi({ DATA_DIR: mkdtempSync(join(tmpdir(), 'auth-')), API_TOKENS: `${TOKEN}:researcher` });
    try {
      await healthy(api);
      expect((await graphql(api.base, ADD, { input: edgeInput(0) })).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await graphql(api.base, ADD, { input: edgeInput(0) }, 'wrong-token-123')).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await graphql(api.base, ADD, { input: edgeInput(0) }, TOKEN)).data.addEdge.id).toBe('usd-liquidity-lifts-gold');
      expect(api.output()).not.toContain(TOKEN);
    } finally {
      api.child.kill('SIGKILL');
    }
  }, 60_000);

  it('logs one JSON line per request with its id, status and time, and never a header, body or token', async () => {
    const api = await startApi({ DATA_DIR: mkdtempSync(join(tmpdir(), 'logs-')), API_TOKENS: `${TOKEN}:researcher` });
    try {
      await healthy(api);
      const secretQuote = 'a quote only the request body holds';
      const response = await fetch(`${api.base}/graphql?pad=querystring-secret`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'x-request-id': 'req-logged-1' },
        body: JSON.stringify({
          query: ADD,
          variables: { input: { ...edgeInput(0), evidence: [{ sourceId: 'hayes-2025-ski-cut', quote: secretQuote }] } },
        }),
      });
      expect(response.headers.get('x-request-id')).toBe('req-logged-1');
      await until('the request to be logged', async () => (api.output().includes('req-logged-1') ? true : undefined), 5_000);
      const lines = api
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
      const line = lines.find((l) => l.req?.id === 'req-logged-1');
      expect(line).toMatchObject({
        level: 30,
        req: { id: 'req-logged-1', method: 'POST', path: '/graphql' },
        res: { status: 200 },
        responseTime: expect.any(Number),
      });
      expect(line.msg).toMatch(/^POST \/graphql 200 in \d+ ms$/);
      for (const secret of [TOKEN, secretQuote, 'querystring-secret', 'authorization']) expect(api.output()).not.toContain(secret);
    } finally {
      api.child.kill('SIGKILL');
    }
  }, 60_000);
});
