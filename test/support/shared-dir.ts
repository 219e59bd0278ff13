import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

/** A path in the team's shared folder (articles/, docs/): SHARED_DIR, or `../shared` beside the checkout, where CI puts it. */
export function sharedPath(...parts: string[]): string {
  return join(process.env.SHARED_DIR ?? join(PROJECT_ROOT, '..', 'shared'), ...parts);
}

/** Reads a shared file; missing, it fails with where it looked and how to point elsewhere. */
export function readShared(...parts: string[]): string {
  const path = sharedPath(...parts);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: the suite reads the shared articles and docs from ../shared beside the checkout; clone next to it, or set SHARED_DIR`,
    );
  }
  return readFileSync(path, 'utf8');
}
