import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { describeReadContract } from './read-contract';
import { describeWriteContract } from './write-contract';
import { describeAnalysisContract } from './analysis-contract';
import { describeRetryContract } from './retry-contract';
import { describeReviewContract } from './review-contract';

describeReadContract('embedded', async (snapshot) => SqliteGraphStore.inMemory(snapshot));
describeWriteContract('embedded', async (snapshot) => SqliteGraphStore.inMemory(snapshot));
describeAnalysisContract('embedded', async (snapshot) => SqliteGraphStore.inMemory(snapshot));
describeRetryContract('embedded', async (snapshot) => SqliteGraphStore.inMemory(snapshot));
describeReviewContract('embedded', async (snapshot) => SqliteGraphStore.inMemory(snapshot));
