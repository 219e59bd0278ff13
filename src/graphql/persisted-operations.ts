import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** The allow-list file may hold at most this many operations, and be at most this large. */
export const MAX_PERSISTED_OPERATIONS = 10_000;
export const MAX_PERSISTED_OPERATIONS_BYTES = 16 * 2 ** 20;

/** The operations a locked-down deployment runs: sha256 hash (hex, of the query text) → query. */
export type PersistedOperations = ReadonlyMap<string, string>;

export function queryHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

/**
 * Reads PERSISTED_OPERATIONS: a JSON object whose keys are the sha256 hashes (lower-case
 * hex) of the queries that are their values, as Apollo Client's persisted-query manifest
 * generators write them. A hash that does not match its query stops start-up.
 */
export function readPersistedOperations(file: string): PersistedOperations {
  const size = statSync(file).size;
  if (size > MAX_PERSISTED_OPERATIONS_BYTES)
    throw new Error(`PERSISTED_OPERATIONS: ${file} is over ${MAX_PERSISTED_OPERATIONS_BYTES / 2 ** 20} MB`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`PERSISTED_OPERATIONS: ${file} is not JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`PERSISTED_OPERATIONS: ${file} must be a JSON object of sha256 hash → query`);
  }
  const entries = Object.entries(parsed);
  if (entries.length > MAX_PERSISTED_OPERATIONS)
    throw new Error(`PERSISTED_OPERATIONS: more than ${MAX_PERSISTED_OPERATIONS} operations in ${file}`);
  const operations = new Map<string, string>();
  for (const [hash, query] of entries) {
    if (typeof query !== 'string') throw new Error(`PERSISTED_OPERATIONS: the value for ${hash} is not a query string`);
    if (queryHash(query) !== hash)
      throw new Error(`PERSISTED_OPERATIONS: ${hash} is not the sha256 of its query (it is ${queryHash(query)})`);
    operations.set(hash, query);
  }
  return operations;
}

/**
 * The persisted-query cache of a locked-down deployment: the allow-list itself, read-only.
 * A client may send just the hash of a listed operation; nothing new is ever registered.
 */
export class AllowListCache implements KeyValueCache<string> {
  constructor(private readonly operations: PersistedOperations) {}

  get(key: string): Promise<string | undefined> {
    // Apollo prefixes persisted-query keys with "apq:".
    return Promise.resolve(this.operations.get(key.replace(/^apq:/, '')));
  }

  set(): Promise<void> {
    return Promise.resolve();
  }

  delete(): Promise<boolean> {
    return Promise.resolve(false);
  }
}
