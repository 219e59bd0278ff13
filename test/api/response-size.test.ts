import { jsonBytesUpTo } from '../../src/graphql/response-size';
import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { FIXTURE } from '../support/fixture-graph';
import { createTestApi } from '../support/test-api';

describe('the bound on an answer (MAX_RESPONSE_BYTES)', () => {
  it('counts the bytes of the JSON text without building it, and stops at the bound', () => {
    const values = [
      { a: 'plain', b: [1, 2.5, -3e-7, null, true, false], c: { d: 'quote " and \\ backslash', e: 'control \u0001 and tab \t' } },
      ['日本銀行', 'é', 'ascii'],
      { nested: [[[]], {}, { x: [] }] },
    ];
    for (const value of values) expect(jsonBytesUpTo(value, 1e9)).toBe(Buffer.byteLength(JSON.stringify(value)));
    const big = { list: Array.from({ length: 10_000 }, (_, i) => ({ id: `entity-${i}` })) };
    expect(jsonBytesUpTo(big, 1_000)).toBe(Infinity);
  });

  it('answers RESPONSE_TOO_LARGE, naming the bound, instead of an answer over it; smaller answers pass', async () => {
    const api = createTestApi(SqliteGraphStore.inMemory(FIXTURE), [], { maxResponseBytes: 300 });
    const big = await api.run('{ entities(first: 100) { nodes { id name description } } }');
    expect(big.data).toBeUndefined();
    expect(big.errors).toEqual([
      {
        message: expect.stringMatching(/over 300 bytes \(MAX_RESPONSE_BYTES\)/),
        extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes: 300 },
      },
    ]);
    const small = await api.data('{ entity(id: "usd-jpy") { id name } }');
    expect(small.entity.id).toBe('usd-jpy');
  });
});
