import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { API_TYPES_FILE, apiTypes } from './api-types.ts';

writeFileSync(API_TYPES_FILE, await apiTypes());
process.stdout.write(`wrote ${fileURLToPath(API_TYPES_FILE)}\n`);
