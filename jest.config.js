/** Two projects: `core` needs nothing; `neo4j` starts a real Neo4j (test/neo4j/global-setup.ts) unless NEO4J_URI is set. */
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
    { ...base, displayName: 'core', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['\\.neo4j\\.test\\.ts$'] },
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
