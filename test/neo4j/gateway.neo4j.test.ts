import { Neo4jError } from 'neo4j-driver';
import { cypher } from '../../src/storage/neo4j/cypher/cypher-query';
import { Neo4jGateway } from '../../src/storage/neo4j/neo4j-gateway';
import { StoreFailureError, StoreUnavailableError } from '../../src/storage/store-errors';
import { describeWithNeo4j, testConnection } from '../support/neo4j-test-store';

describeWithNeo4j('the Neo4j gateway', () => {
  it('gives every transaction a timeout: a statement running past it is stopped by the server', async () => {
    const gateway = new Neo4jGateway({ ...testConnection(), transactionTimeoutMs: 300 });
    try {
      const started = Date.now();
      // Minutes of work if nothing stopped it.
      const slow = gateway.query(cypher('UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 1234567 RETURN count(x) AS n'));
      const error = await slow.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error instanceof StoreUnavailableError || error instanceof StoreFailureError).toBe(true);
      expect(Date.now() - started).toBeLessThan(10_000);
      // The connection is fine afterwards.
      expect(await gateway.query(cypher('RETURN 1 AS one'))).toEqual([{ one: 1 }]);
    } finally {
      await gateway.close();
    }
  });

  it('retries a transaction that fails with a transient error, so the caller sees it succeed once', async () => {
    const gateway = new Neo4jGateway(testConnection());
    try {
      let attempts = 0;
      const result = await gateway.read(async (run) => {
        attempts++;
        if (attempts === 1)
          throw new Neo4jError('deadlock detected (injected)', 'Neo.TransientError.Transaction.DeadlockDetected', 'N/A', 'N/A');
        return run(cypher('RETURN 42 AS answer'));
      });
      expect(result).toEqual([{ answer: 42 }]);
      expect(attempts).toBe(2);
    } finally {
      await gateway.close();
    }
  });
});
