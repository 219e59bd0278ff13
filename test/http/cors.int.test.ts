import { get, type IncomingMessage } from 'node:http';
import { ApolloClient, gql as apolloGql, HttpLink, InMemoryCache } from '@apollo/client';
import { Client, fetchExchange, gql } from '@urql/core';
import { TokenRegistry } from '../../src/http/auth/token-registry';
import type { CorsOrigins } from '../../src/http/cors';
import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { FIXTURE } from '../support/fixture-graph';
import { serveApp, type Running } from '../support/serve-app';

const APP = 'http://localhost:5173';
const OTHER = 'https://evil.example';
const TOKEN = 'cors-test-token';

/** The app in process over real HTTP on 127.0.0.1, with `corsOrigins` and a researcher token. */
const serve = (corsOrigins?: CorsOrigins): Promise<Running> =>
  serveApp(SqliteGraphStore.inMemory(FIXTURE), { corsOrigins, tokens: TokenRegistry.parse(`${TOKEN}:researcher:ada`) });

/** The headers Chromium adds to a fetch() from a page on `origin` to another site. */
const fromPage = (origin: string) => ({ origin, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' });

const preflight = (base: string, origin: string, method = 'POST', headers = 'content-type,authorization') =>
  fetch(`${base}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });

const corsHeaders = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

const QUERY = '{ entity(id: "boj-policy-rate") { id name } }';
const MUTATION = 'mutation { upsertEntity(input: { id: "cors-probe", name: "CORS probe", kind: OTHER }) { id } }';

describe('CORS with a list of origins (CORS_ORIGINS=http://localhost:5173)', () => {
  let api: Running;
  beforeAll(async () => {
    api = await serve([APP]);
  });
  afterAll(() => api.close());

  it('answers a listed origin’s preflight with its origin, credentials, methods, headers and max age', async () => {
    const r = await preflight(api.base, APP);
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe(APP);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    expect(r.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(r.headers.get('access-control-allow-headers')?.split(',')).toEqual(expect.arrayContaining(['content-type', 'authorization']));
    expect(r.headers.get('access-control-max-age')).toBe('600');
    expect(r.headers.get('vary')).toMatch(/Origin/);
  });

  it('refuses another origin’s preflight with 403 and no CORS header', async () => {
    const r = await preflight(api.base, OTHER);
    expect(r.status).toBe(403);
    expect(corsHeaders(r)).toEqual([]);
    expect(((await r.json()) as any).errors[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('CORS_ORIGINS'),
    });
  });

  it('gives a listed origin its answer with readable request-id and rate-limit headers', async () => {
    const r = await fetch(`${api.base}/graphql`, {
      method: 'POST',
      headers: { ...fromPage(APP), 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe(APP);
    expect(r.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/);
    expect(((await r.json()) as any).data.entity.id).toBe('boj-policy-rate');
  });

  it('runs nothing for a page on another origin, even a simple GET it could not read (403, no CORS header)', async () => {
    for (const headers of [fromPage(OTHER), { origin: OTHER }, { ...fromPage(OTHER), 'sec-fetch-mode': 'no-cors' }]) {
      const r = await fetch(`${api.base}/graphql?query=${encodeURIComponent(QUERY)}`, { headers });
      expect(r.status).toBe(403);
      expect(corsHeaders(r)).toEqual([]);
    }
  });

  it('answers clients that are not browsers (no Origin), and a user following a link, without CORS headers', async () => {
    const plain = await fetch(`${api.base}/graphql?query=${encodeURIComponent(QUERY)}`);
    expect(plain.status).toBe(200);
    expect(corsHeaders(plain)).toEqual([]);
    // node:http, since fetch sets Sec-Fetch-Mode itself.
    const link = await new Promise<IncomingMessage>((resolve, reject) =>
      get(
        `${api.base}/graphql?query=${encodeURIComponent(QUERY)}`,
        { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } },
        resolve,
      ).once('error', reject),
    );
    link.resume();
    expect(link.statusCode).toBe(200);
  });

  it('serves its own pages (same origin) as before', async () => {
    const r = await fetch(`${api.base}/graphql`, {
      method: 'POST',
      headers: { origin: api.base, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(r.status).toBe(200);
  });

  it('also lets a listed origin read /health', async () => {
    const r = await fetch(`${api.base}/health`, { headers: fromPage(APP) });
    expect(r.headers.get('access-control-allow-origin')).toBe(APP);
  });
});

describe('CORS_ORIGINS=* (a public read-only deployment)', () => {
  let api: Running;
  beforeAll(async () => {
    api = await serve('*');
  });
  afterAll(() => api.close());

  it('answers every origin with * and never with credentials', async () => {
    const pre = await preflight(api.base, OTHER);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const r = await fetch(`${api.base}/graphql?query=${encodeURIComponent(QUERY)}`, { headers: fromPage(OTHER) });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('without CORS_ORIGINS (the default)', () => {
  let api: Running;
  beforeAll(async () => {
    api = await serve();
  });
  afterAll(() => api.close());

  it('gives no origin CORS headers and refuses every preflight', async () => {
    const r = await preflight(api.base, APP);
    expect(r.status).toBe(403);
    expect(corsHeaders(r)).toEqual([]);
    const answer = await fetch(`${api.base}/graphql?query=${encodeURIComponent(QUERY)}`, { headers: fromPage(APP) });
    expect(answer.status).toBe(403);
    expect(corsHeaders(answer)).toEqual([]);
  });
});

describe('GET for queries, never for mutations (CSRF prevention replaced)', () => {
  let api: Running;
  beforeAll(async () => {
    api = await serve([APP]);
  });
  afterAll(() => api.close());

  it('runs a query sent as GET without a content type or preflight header (urql’s default)', async () => {
    const r = await fetch(`${api.base}/graphql?query=${encodeURIComponent(QUERY)}`, {
      headers: { accept: 'application/graphql-response+json, application/json' },
    });
    expect(r.status).toBe(200);
    expect(((await r.json()) as any).data.entity.name).toBe('BOJ policy rate');
  });

  it('refuses a mutation sent as GET with 405, even with a valid token, and writes nothing', async () => {
    const r = await fetch(`${api.base}/graphql?query=${encodeURIComponent(MUTATION)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
    const body: any = await r.json();
    expect(body.errors[0]).toMatchObject({
      extensions: { code: 'BAD_REQUEST' },
      message: expect.stringMatching(/GET requests only support query operations/),
    });
    const check: any = await (await fetch(`${api.base}/graphql?query=${encodeURIComponent('{ entity(id: "cors-probe") { id } }')}`)).json();
    expect(check.data.entity).toBeNull();
  });

  it('refuses a POST that is not JSON (what an HTML form on another site can send) and writes nothing', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const r = await fetch(`${api.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${TOKEN}` },
        body: type === 'text/plain' ? JSON.stringify({ query: MUTATION }) : `query=${encodeURIComponent(MUTATION)}`,
      });
      expect(r.status).toBe(400);
    }
    const check: any = await (await fetch(`${api.base}/graphql?query=${encodeURIComponent('{ entity(id: "cors-probe") { id } }')}`)).json();
    expect(check.data.entity).toBeNull();
  });

  it('works with urql’s defaults from a listed origin: the query goes as GET without a content type', async () => {
    const sent: Array<{ method: string; headers: Headers }> = [];
    const browserLike: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(fromPage(APP))) headers.set(name, value);
      sent.push({ method: init?.method ?? 'GET', headers });
      return fetch(input, { ...init, headers });
    };
    const client = new Client({ url: `${api.base}/graphql`, exchanges: [fetchExchange], fetch: browserLike });
    const result = await client.query(gql(QUERY), {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ entity: { id: 'boj-policy-rate', name: 'BOJ policy rate' } });
    expect(sent[0].method).toBe('GET');
    expect(sent[0].headers.get('content-type')).toBeNull();
    // A mutation goes as POST with JSON, so it is preflighted and runs with the token.
    const written = await client
      .mutation(gql(MUTATION), {}, { fetchOptions: { headers: { authorization: `Bearer ${TOKEN}` } } })
      .toPromise();
    expect(written.error).toBeUndefined();
    expect(written.data).toEqual({ upsertEntity: { id: 'cors-probe' } });
    expect(sent[1].method).toBe('POST');
  });

  it('works with Apollo Client’s defaults from a listed origin: POST with JSON', async () => {
    const sent: string[] = [];
    const browserLike: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(fromPage(APP))) headers.set(name, value);
      sent.push(`${init?.method} ${headers.get('content-type')}`);
      return fetch(input, { ...init, headers });
    };
    const client = new ApolloClient({ link: new HttpLink({ uri: `${api.base}/graphql`, fetch: browserLike }), cache: new InMemoryCache() });
    const result = await client.query({ query: apolloGql(QUERY) });
    expect(result.data).toEqual({ entity: { __typename: 'Entity', id: 'boj-policy-rate', name: 'BOJ policy rate' } });
    expect(sent).toEqual(['POST application/json']);
    client.stop();
  });
});
