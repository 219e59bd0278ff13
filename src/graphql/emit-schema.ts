import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config';
import { buildApiSchema } from './build-schema';
import { printApiSchema } from './print-schema';

const target = join(PROJECT_ROOT, 'schema', 'schema.graphql');
writeFileSync(target, printApiSchema(buildApiSchema()));
console.log(`wrote ${target}`);
