/**
 * Three projects: `core` needs nothing; `neo4j` starts a real Neo4j (test/neo4j/global-setup.ts)
 * unless NEO4J_URI is set; `browser` drives Debian's chromium against the built API.
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
    { ...base, displayName: 'core', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['\\.(neo4j|browser)\\.test\\.ts$'] },
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
