import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryHash } from '../../src/graphql/persisted-operations';
import { healthy, startApi, type ApiProcess } from '../support/api-process';

const LISTED = 'query Bank { entity(id: "boj-policy-rate") { id } }';

async function post(base: string, body: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('PERSISTED_OPERATIONS: a locked-down deployment runs only its listed operations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'persisted-'));
  let api: ApiProcess;

  beforeAll(async () => {
    writeFileSync(join(dir, 'operations.json'), JSON.stringify({ [queryHash(LISTED)]: LISTED }));
    api = await startApi({ DATA_DIR: join(dir, 'data'), PERSISTED_OPERATIONS: join(dir, 'operations.json') });
    await healthy(api);
  }, 60_000);

  afterAll(() => {
    api?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a listed operation sent by its text or by its hash alone', async () => {
    const expected = { data: { entity: { id: 'boj-policy-rate' } } };
    expect(await post(api.base, { query: LISTED })).toEqual({ status: 200, body: expected });
    const byHash = await post(api.base, { extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(LISTED) } } });
    expect(byHash).toEqual({ status: 200, body: expected });
  });

  it('refuses any other operation with 403 OPERATION_NOT_ALLOWED, and registers nothing', async () => {
    const other = '{ entity(id: "gold") { id } }';
    const refused = await post(api.base, { query: other, extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(other) } } });
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([
      {
        message:
          'This server runs only its persisted operations (PERSISTED_OPERATIONS): send a listed query, or its sha256 hash in extensions.persistedQuery.',
        extensions: { code: 'OPERATION_NOT_ALLOWED' },
      },
    ]);
    const byHash = await post(api.base, { extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(other) } } });
    expect(byHash.status).toBe(403);
    expect(byHash.body.errors[0].extensions.code).toBe('OPERATION_NOT_ALLOWED');
  });

  it('stops start-up when a hash does not match its query, naming the variable', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ['0'.repeat(64)]: LISTED }));
    const failing = await startApi({ DATA_DIR: join(dir, 'data-bad'), PERSISTED_OPERATIONS: bad });
    expect(await failing.exited).toBe(1);
    expect(failing.output()).toMatch(/could not start: PERSISTED_OPERATIONS: 0{64} is not the sha256 of its query/);
  });
});
