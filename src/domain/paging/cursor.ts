import { InvalidArgumentError } from '../errors';

/**
 * Opaque page cursors. A cursor is the sort key of the last item of a page; the next page
 * starts after it, so pages stay stable while items are added elsewhere in the order.
 */
export type CursorKey = readonly (string | number)[];

const PREFIX = 'c1:';

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(PREFIX + JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor` whose key has the given shape.
 * @throws InvalidArgumentError naming `argument` when it is not one.
 */
export function decodeCursor(argument: string, cursor: string, shape: readonly ('string' | 'number')[]): CursorKey {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  let key: unknown;
  try {
    key = text.startsWith(PREFIX) ? JSON.parse(text.slice(PREFIX.length)) : undefined;
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((v, i) => typeof v !== shape[i])) {
    throw new InvalidArgumentError(argument, 'is not a cursor from this API; pass pageInfo.endCursor of the previous page');
  }
  return key as CursorKey;
}

export interface PageRequest {
  readonly first: number;
  readonly after?: string | null;
}

export interface Page<T> {
  readonly nodes: readonly T[];
  /** One per node: the cursor to pass as `after` to continue after that node. */
  readonly cursors: readonly string[];
  readonly hasNextPage: boolean;
  /** True when the page starts after a cursor (items came before it). */
  readonly hasPreviousPage: boolean;
  readonly endCursor: string | null;
  readonly totalCount: number;
}
