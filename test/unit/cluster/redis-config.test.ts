import { readConfig } from '../../../src/config';

describe('REDIS_URL and the settings around it', () => {
  it('leaves everything as one process when REDIS_URL is unset', () => {
    expect(readConfig({}).redis).toBeUndefined();
    expect(readConfig({ REDIS_PREFIX: 'x:', CLUSTER_CATCH_UP_MS: '1000' }).redis).toBeUndefined();
  });

  it('reads the URL, the prefix and the timings, with their defaults', () => {
    expect(readConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      prefix: 'macro-graph:',
      catchUpMs: 5_000,
      commandTimeoutMs: 500,
    });
    expect(
      readConfig({
        REDIS_URL: 'rediss://cache:6380/2',
        REDIS_PREFIX: 'staging:',
        CLUSTER_CATCH_UP_MS: '250',
        REDIS_COMMAND_TIMEOUT_MS: '50',
      }).redis,
    ).toEqual({ url: 'rediss://cache:6380/2', prefix: 'staging:', catchUpMs: 250, commandTimeoutMs: 50 });
  });

  it('refuses a bad value, naming the variable and what it allows', () => {
    expect(() => readConfig({ REDIS_URL: 'http://cache:6379' })).toThrow(
      'REDIS_URL must be a redis:// or rediss:// URL (got "http://cache:6379")',
    );
    expect(() => readConfig({ REDIS_URL: 'redis://cache', CLUSTER_CATCH_UP_MS: '10' })).toThrow(
      'CLUSTER_CATCH_UP_MS must be a whole number from 100 to 3600000 (got "10")',
    );
    expect(() => readConfig({ REDIS_URL: 'redis://cache', REDIS_COMMAND_TIMEOUT_MS: 'soon' })).toThrow(
      'REDIS_COMMAND_TIMEOUT_MS must be a whole number from 10 to 60000 (got "soon")',
    );
  });

  it('reads PERSISTED_OPERATIONS as a path', () => {
    expect(readConfig({}).persistedOperationsFile).toBeUndefined();
    expect(readConfig({ PERSISTED_OPERATIONS: '/etc/api/operations.json' }).persistedOperationsFile).toBe('/etc/api/operations.json');
  });
});
