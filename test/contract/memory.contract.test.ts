import { MemoryGraphStore } from '../../src/storage/memory/memory-graph-store';
import { describeReadContract } from './read-contract';

describeReadContract('memory', async (snapshot) => new MemoryGraphStore(snapshot));
