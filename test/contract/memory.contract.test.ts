import { MemoryGraphStore } from '../../src/storage/memory/memory-graph-store';
import { describeReadContract } from './read-contract';
import { describeWriteContract } from './write-contract';
import { describeAnalysisContract } from './analysis-contract';
import { describeRetryContract } from './retry-contract';

describeReadContract('memory', async (snapshot) => new MemoryGraphStore(snapshot));
describeWriteContract('memory', async (snapshot) => new MemoryGraphStore(snapshot));
describeAnalysisContract('memory', async (snapshot) => new MemoryGraphStore(snapshot));
describeRetryContract('memory', async (snapshot) => new MemoryGraphStore(snapshot));
