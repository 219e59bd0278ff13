import { SqliteGraphStore } from '../../src/storage/sqlite/sqlite-graph-store';
import { describeFuzzContract } from './fuzz-contract';

describeFuzzContract('embedded', async (snapshot) => SqliteGraphStore.inMemory(snapshot), 1_000);
