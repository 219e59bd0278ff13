import { InvalidArgumentError } from '../../../src/domain/errors';
import { decodeCursor, encodeCursor } from '../../../src/domain/paging/cursor';

describe('cursors', () => {
  it('round-trip their key', () => {
    expect(decodeCursor('after', encodeCursor([2, 'usd-jpy']), ['number', 'string'])).toEqual([2, 'usd-jpy']);
  });

  it.each([
    ['not base64 of a cursor', 'hello'],
    ['an empty string', ''],
    ['a key of the wrong shape', encodeCursor(['usd-jpy'])],
    ['valid base64 of other JSON', Buffer.from('c1:{"a":1}').toString('base64url')],
    ['broken JSON', Buffer.from('c1:[1,').toString('base64url')],
  ])('reject %s, naming the argument', (_what, cursor) => {
    expect(() => decodeCursor('after', cursor, ['number', 'string'])).toThrow(
      new InvalidArgumentError('after', 'is not a cursor from this API; pass pageInfo.endCursor of the previous page'),
    );
  });
});
