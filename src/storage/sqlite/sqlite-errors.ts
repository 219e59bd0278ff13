import { StoreFailureError, StoreFullError } from '../store-errors';

/**
 * SQLite's failures in the store's terms. A full disk is its own error: the write was
 * refused and nothing of it stored, reads go on, and writes work again once there is room.
 */
export function translateSqliteError(error: unknown, file: string): Error {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'ENOSPC') {
    return new StoreFullError(`${file}: the disk is full or failing (${code}); the write was not stored`, { cause: error });
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new StoreFailureError(`${file} is damaged (${code}): ${(error as Error).message}`, { cause: error });
  }
  if (error instanceof StoreFailureError || !code.startsWith('SQLITE')) return error instanceof Error ? error : new Error(String(error));
  return new StoreFailureError(`${file}: ${code}: ${(error as Error).message}`, { cause: error });
}
