import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly seedDir: string;
}

/** The repository root: the nearest folder above this file with a package.json (works from src/ and dist/). */
export const PROJECT_ROOT = findRoot(__dirname);

/** Reads the environment once; a bad value stops start-up with a message naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number from 0 to 65535 (got "${env.PORT}")`);
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    seedDir: env.SEED_DIR || join(PROJECT_ROOT, 'seed'),
  };
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
