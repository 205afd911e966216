import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '$lib/content/model';
import { questionTypeNames } from '$lib/question-types';
import { contentJsonSchemas } from '$lib/server/json-schema';

const KINDS = ['source', 'story', 'bank', 'register'] as const;

function committed(kind: (typeof KINDS)[number]): unknown {
	const path = fileURLToPath(
		new URL(`../../../questions/schema/${kind}.schema.json`, import.meta.url)
	);
	return JSON.parse(readFileSync(path, 'utf8'));
}

interface JsonSchema {
	type?: string;
	title?: string;
	const?: unknown;
	enum?: unknown[];
	properties?: Record<string, JsonSchema>;
	required?: string[];
	additionalProperties?: boolean | JsonSchema;
	items?: JsonSchema;
	oneOf?: JsonSchema[];
	anyOf?: JsonSchema[];
}

/** The schema for one question in the bank, per type. */
function questionSchemas(bank: JsonSchema): JsonSchema[] {
	const item = bank.properties?.questions?.items;
	return item?.oneOf ?? item?.anyOf ?? [];
}

describe('the JSON Schemas for editors', () => {
	const generated = contentJsonSchemas();

	it('generates exactly the source, story, bank and register schemas', () => {
		expect(Object.keys(generated).sort()).toEqual([...KINDS].sort());
	});

	it.each(KINDS)('questions/schema/%s.schema.json matches the valibot schema', (kind) => {
		expect(
			committed(kind),
			`questions/schema/${kind}.schema.json is stale: run \`npm run schema\` and commit the result`
		).toEqual(generated[kind]);
	});

	it('gives each schema a title', () => {
		for (const kind of KINDS) expect((generated[kind] as JsonSchema).title).toMatch(/^Byline /);
	});

	it('lists all 9 question types in the bank schema, one branch each', () => {
		for (const bank of [generated.bank, committed('bank')] as JsonSchema[]) {
			const types = questionSchemas(bank).map((q) => q.properties?.type?.const);
			expect(types).toHaveLength(9);
			expect([...types].sort()).toEqual([...questionTypeNames].sort());
		}
	});

	it('requires the common fields in every question and allows no others', () => {
		for (const q of questionSchemas(generated.bank as JsonSchema)) {
			const type = String(q.properties?.type?.const);
			for (const field of [
				'id',
				'category',
				'type',
				'prompt',
				'explanation',
				'difficulty',
				'evidence'
			])
				expect(q.required, `${type} requires ${field}`).toContain(field);
			expect(q.additionalProperties, type).toBe(false);
			expect(q.properties?.category?.enum).toEqual([...CATEGORIES]);
			expect(q.properties?.difficulty?.enum).toEqual([1, 2, 3]);
		}
	});

	it('lets files name their schema with $schema', () => {
		for (const kind of KINDS) {
			const schema = generated[kind] as JsonSchema;
			expect(schema.properties?.$schema?.type).toBe('string');
			expect(schema.required ?? []).not.toContain('$schema');
		}
	});
});
