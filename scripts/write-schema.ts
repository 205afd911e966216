/**
 * Writes the JSON Schemas that editors use to check content files as they type them, from the
 * same valibot schemas the build checks against. `npm run schema` rewrites them; a test fails if
 * the committed files fall behind.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { contentJsonSchemas } from '../src/lib/server/json-schema';

mkdirSync('questions/schema', { recursive: true });
for (const [name, schema] of Object.entries(contentJsonSchemas()))
	writeFileSync(`questions/schema/${name}.schema.json`, JSON.stringify(schema, null, '\t') + '\n');
console.log('Wrote questions/schema/{source,story,bank,register}.schema.json');
