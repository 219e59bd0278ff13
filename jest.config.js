/**
 * Four projects, selected by file name (npm run test:unit runs the first alone):
 * - `unit` (`*.test.ts`): in process only — no child process, network port, Neo4j or browser
 *   (test/support/unit-guard.ts makes a process or a port fail the test);
 * - `integration` (`*.int.test.ts`): the built API and CLIs as processes, over HTTP;
 * - `neo4j` (`*.neo4j.test.ts`): a real Neo4j started by test/neo4j/global-setup.ts unless
 *   NEO4J_URI is set;
 * - `browser` (`*.browser.test.ts`): Debian's chromium against the built API.
 */
const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFiles: ['reflect-metadata'],
};

/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['\\.(int|neo4j|browser)\\.test\\.ts$'],
      setupFilesAfterEnv: ['<rootDir>/test/support/unit-guard.ts'],
    },
    { ...base, displayName: 'integration', testMatch: ['**/*.int.test.ts'] },
    {
      ...base,
      displayName: 'browser',
      testMatch: ['**/*.browser.test.ts'],
      globalSetup: '<rootDir>/test/browser/global-setup.ts',
      globalTeardown: '<rootDir>/test/browser/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/neo4j/setup-timeout.ts'],
    },
    {
      ...base,
      displayName: 'neo4j',
      testMatch: ['**/*.neo4j.test.ts'],
      globalSetup: '<rootDir>/test/neo4j/global-setup.ts',
      globalTeardown: '<rootDir>/test/neo4j/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/neo4j/setup-timeout.ts'],
    },
  ],
};
