import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** The pure core: it knows no Svelte, no DOM, no IndexedDB, and nothing above it. */
const core = ['src/lib/question-types/**', 'src/lib/content/**', 'src/lib/quiz/**'];

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node, __BYLINE_VERSION__: 'readonly' }
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: core,
		languageOptions: { globals: {} },
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['svelte', 'svelte/*', '$app/*', '@sveltejs/*'],
							message: 'The core imports no Svelte.'
						},
						{
							group: ['idb', 'fake-indexeddb', '*/storage/*', '$lib/storage/*'],
							message: 'The core imports no storage.'
						},
						{
							group: ['*.svelte', '*/components/*', '$lib/components/*'],
							message: 'The core imports no components.'
						},
						{
							group: ['node:*', 'fs', 'path', 'yaml'],
							message: 'The core runs in the browser too: no Node APIs, no YAML parser.'
						}
					]
				}
			]
		}
	},
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'dist/']
	}
);
