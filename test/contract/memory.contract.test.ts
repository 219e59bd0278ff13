import { MemoryGraphStore } from '../../src/storage/memory/memory-graph-store';
import { describeReadContract } from './read-contract';
import { describeWriteContract } from './write-contract';
import { describeAnalysisContract } from './analysis-contract';

describeReadContract('memory', async (snapshot) => new MemoryGraphStore(snapshot));
describeWriteContract('memory', async (snapshot) => new MemoryGraphStore(snapshot));
describeAnalysisContract('memory', async (snapshot) => new MemoryGraphStore(snapshot));
