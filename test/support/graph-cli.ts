import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

/** Runs the built `npm run graph` tool with extra environment. */
export function graphCli(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'cli', 'graph.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, IMPORT_USER: 'tester', ...env },
    timeout: 120_000,
  });
}

/** A CSV export with its rows as objects, and a writer for an edited copy. */
export const csvRow = (row: Record<string, string | number>) =>
  ['id', 'from', 'to', 'polarity', 'weight', 'confidence', 'lagDays', 'mechanism', 'sourceId', 'quote', 'status']
    .map((c) => JSON.stringify(String(row[c] ?? '')))
    .join(',');
