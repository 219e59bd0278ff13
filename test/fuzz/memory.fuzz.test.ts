import { MemoryGraphStore } from '../../src/storage/memory/memory-graph-store';
import { describeFuzzContract } from './fuzz-contract';

describeFuzzContract('memory', async (snapshot) => new MemoryGraphStore(snapshot), 1_000);
