/** Typed access to neo4j-server/launcher.js (plain JavaScript, so `npm run neo4j` needs no build). */
export interface RunningNeo4j {
  readonly uri: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  dataDir?: string;
  log?: (line: string) => void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const launcher = require('../../neo4j-server/launcher.js') as { startNeo4j(this: void, options?: StartOptions): Promise<RunningNeo4j> };

export const startNeo4j = launcher.startNeo4j;
