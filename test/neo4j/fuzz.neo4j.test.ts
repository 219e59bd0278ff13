import { describeFuzzContract } from '../fuzz/fuzz-contract';
import { describeWithNeo4j, openNeo4jStore } from '../support/neo4j-test-store';

describeWithNeo4j('Neo4j backend', () => {
  describeFuzzContract('neo4j', openNeo4jStore, 300);
});
