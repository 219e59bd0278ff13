import { freePort } from '../support/free-port';

import { startNeo4j } from '../support/neo4j-launcher';

/**
 * Gives the Neo4j tests a database: NEO4J_URI when set (the tests wipe it!), otherwise a
 * fresh Neo4j started here on a free port with a temporary data directory. Without Java or
 * Maven the tests are skipped with a warning — except with CI=true, where that fails the run.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_URI) {
    process.env.NEO4J_TEST_URI = process.env.NEO4J_URI;
    process.stderr.write(`\n[neo4j tests] using NEO4J_URI=${process.env.NEO4J_URI}; its graph will be wiped\n`);
    return;
  }
  const started = Date.now();
  try {
    const server = await startNeo4j({
      port: await freePort(),
      log: (line: string) => {
        if (/download|error|exception|missing|install/i.test(line)) process.stderr.write(`${line}\n`);
      },
    });
    (globalThis as { __NEO4J_SERVER__?: unknown }).__NEO4J_SERVER__ = server;
    process.env.NEO4J_TEST_URI = server.uri;
    process.stderr.write(`\n[neo4j tests] Neo4j up at ${server.uri} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    process.env.NEO4J_TESTS_SKIPPED = (error as Error).message;
    process.stderr.write(`\n[neo4j tests] SKIPPED: ${(error as Error).message}\n`);
  }
}
