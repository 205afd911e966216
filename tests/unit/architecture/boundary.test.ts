import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The pure core is held by the compiler (tsconfig.core.json: ES2023 only, no DOM, no Node types)
 * and by the linter (eslint.config.js: no-restricted-imports and no-restricted-globals). These
 * tests show that both really reject impure code, and that both cover the same folders.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(root, 'tests/fixtures/core-boundary');
const coreConfigPath = join(root, 'tsconfig.core.json');

function readCoreConfig(): { options: ts.CompilerOptions; include: string[] } {
	const { config, error } = ts.readConfigFile(coreConfigPath, ts.sys.readFile);
	if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
	const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, coreConfigPath);
	if (parsed.errors.length > 0)
		throw new Error(
			parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n')
		);
	return { options: parsed.options, include: config.include };
}

/** The core folders under src/lib, as tsconfig.core.json names them. */
function coreFolders(include: string[]): string[] {
	return include.map((pattern) => {
		const folder = /^src\/lib\/([\w-]+)\/\*\*\/\*\.ts$/.exec(pattern)?.[1];
		if (!folder)
			throw new Error(`tsconfig.core.json include "${pattern}" is not src/lib/<folder>/**/*.ts`);
		return folder;
	});
}

function typeCheck(file: string, options: ts.CompilerOptions) {
	const program = ts.createProgram([file], options);
	return ts.getPreEmitDiagnostics(program).map((d) => ({
		file: d.file ? d.file.fileName.slice(root.length + 1) : undefined,
		line:
			d.file && d.start !== undefined
				? d.file.getLineAndCharacterOfPosition(d.start).line + 1
				: undefined,
		code: d.code,
		text: ts.flattenDiagnosticMessageText(d.messageText, '\n')
	}));
}

describe('tsconfig.core.json', () => {
	const { options } = readCoreConfig();

	it('leaves out the DOM and the Node types', () => {
		expect(options.lib).toEqual(['lib.es2023.d.ts']);
		expect(options.types).toEqual([]);
		expect(options.strict).toBe(true);
		expect(options.noUncheckedIndexedAccess).toBe(true);
	});

	it('rejects a core module that uses the DOM and IndexedDB', () => {
		const diagnostics = typeCheck(join(fixtures, 'bad-core.ts'), options);
		// TS2304 "Cannot find name", or TS2584 when the compiler knows the name is in the DOM lib.
		const missing = diagnostics
			.filter((d) => d.file === 'tests/fixtures/core-boundary/bad-core.ts')
			.filter((d) => d.code === 2304 || d.code === 2584)
			.map((d) => /^Cannot find name '(\w+)'/.exec(d.text)?.[1]);
		expect(missing).toEqual(['document', 'localStorage', 'indexedDB']);
		// The storage module it imports is dragged in and fails on its own.
		expect(diagnostics.some((d) => d.file === 'src/lib/storage/db.ts')).toBe(true);
	}, 60_000);

	it('accepts a core module that uses only ES2023, the core and its libraries', () => {
		expect(typeCheck(join(fixtures, 'good-core.ts'), options)).toEqual([]);
	}, 60_000);
});

describe('eslint.config.js on the core', () => {
	let eslint: ESLint;
	beforeAll(() => {
		eslint = new ESLint({ cwd: root });
	});

	async function problems(code: string, filePath: string) {
		const [result] = await eslint.lintText(code, { filePath });
		expect(result?.fatalErrorCount).toBe(0);
		return (result?.messages ?? [])
			.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
			.map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }));
	}

	const imports = [
		"import { openDB } from 'idb';",
		"import { IDBFactory } from 'fake-indexeddb';",
		"import x from '$lib/storage/db';",
		"import { DB_NAME } from '../storage/db';",
		"import { y } from '../../lib/app/x';",
		"import { progressStore } from '$lib/app/progress.svelte';",
		"import { loadContent } from '$lib/server/content-files';",
		"import { z } from '../server/content-files';",
		"import Foo from '$lib/components/Foo.svelte';",
		"import Bar from '../components/Bar.svelte';",
		"import { page } from '$app/state';",
		"import { mount } from 'svelte';",
		"import { writable } from 'svelte/store';",
		"import { sveltekit } from '@sveltejs/kit/vite';",
		"import { readFileSync } from 'node:fs';",
		"import { join } from 'path';",
		"import { parse } from 'yaml';"
	];
	const globals = [
		'document.title = "x";',
		"localStorage.setItem('a', 'b');",
		"indexedDB.open('byline');",
		'window.scrollTo(0, 0);',
		"fetch('/questions.json');",
		'process.exit(1);',
		'structuredClone({});',
		'crypto.randomUUID();',
		'setTimeout(() => {}, 1);',
		"console.log('x');"
	];
	const probe = [...imports, '', ...globals, ''].join('\n');

	it('rejects each import from above the core and each browser or Node global', async () => {
		const found = await problems(probe, 'src/lib/quiz/__boundary_probe__.ts');
		const lines = (rule: string) => [
			...new Set(found.filter((p) => p.rule === rule).map((p) => p.line))
		];
		expect(lines('no-restricted-imports')).toEqual(imports.map((_, i) => i + 1));
		expect(lines('no-restricted-globals')).toEqual(globals.map((_, i) => imports.length + 2 + i));
		expect(found.find((p) => p.line === 1)?.message).toMatch(/The core imports no storage/);
		expect(found.find((p) => p.line === imports.length + 2)?.message).toMatch(/The core is pure/);
	});

	it('rejects the impure fixture as core', async () => {
		const code = readFileSync(join(fixtures, 'bad-core.ts'), 'utf8');
		const found = await problems(code, 'src/lib/quiz/__boundary_probe__.ts');
		expect(found.filter((p) => p.rule === 'no-restricted-imports')).toHaveLength(1);
		expect(found.filter((p) => p.rule === 'no-restricted-globals').map((p) => p.message)).toEqual([
			expect.stringMatching(/^Unexpected use of 'document'\. The core is pure/),
			expect.stringMatching(/^Unexpected use of 'localStorage'\. The core is pure/),
			expect.stringMatching(/^Unexpected use of 'indexedDB'\. The core is pure/)
		]);
	});

	it('lets the core import the core and its libraries', async () => {
		const code = [
			"import * as v from 'valibot';",
			"import { sha256 } from '@noble/hashes/sha2.js';",
			"import { typeOf } from '../question-types';",
			"import type { Question } from '../content/model';",
			"import { shuffle } from './random';",
			"import { CATEGORIES } from '$lib/content/categories';",
			'export const all = [v, sha256, typeOf, shuffle, CATEGORIES] as unknown as Question[];'
		].join('\n');
		expect(await problems(code, 'src/lib/quiz/__boundary_probe__.ts')).toEqual([]);
	});

	it('lets the app layer use all of it', async () => {
		expect(await problems(probe, 'src/lib/app/__probe__.ts')).toEqual([]);
	});

	it('covers exactly the folders tsconfig.core.json checks, whether or not they exist yet', async () => {
		const folders = coreFolders(readCoreConfig().include);
		expect(folders).toEqual(expect.arrayContaining(['question-types', 'content', 'quiz']));
		const asCore = await problems(probe, 'src/lib/quiz/__boundary_probe__.ts');
		for (const folder of folders) {
			const found = await problems(probe, `src/lib/${folder}/__boundary_probe__.ts`);
			expect(found, `src/lib/${folder} is linted as core`).toEqual(asCore);
		}
		const onDisk = readdirSync(join(root, 'src/lib'), { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name);
		for (const folder of onDisk.filter((name) => !folders.includes(name))) {
			const found = await problems(probe, `src/lib/${folder}/__boundary_probe__.ts`);
			expect(found, `src/lib/${folder} is not core, so not linted as core`).toEqual([]);
		}
		expect(folders.filter((folder) => existsSync(join(root, 'src/lib', folder)))).toEqual(
			expect.arrayContaining(['question-types', 'content', 'quiz'])
		);
	});
});
