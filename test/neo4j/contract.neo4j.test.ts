import { describeReadContract } from '../contract/read-contract';
import { describeWriteContract } from '../contract/write-contract';
import { describeAnalysisContract } from '../contract/analysis-contract';
import { describeRetryContract } from '../contract/retry-contract';
import { describeReviewContract } from '../contract/review-contract';
import { describeWithNeo4j, openNeo4jStore } from '../support/neo4j-test-store';

describeWithNeo4j('Neo4j backend', () => {
  describeReadContract('neo4j', openNeo4jStore);
  describeWriteContract('neo4j', openNeo4jStore);
  describeAnalysisContract('neo4j', openNeo4jStore);
  describeRetryContract('neo4j', openNeo4jStore);
  describeReviewContract('neo4j', openNeo4jStore);
});
