import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The pure core: it knows no Svelte, no DOM, no IndexedDB, no Node, and nothing above it. A new
 * pure folder under src/lib is one line here and one in the include of tsconfig.core.json, which
 * type-checks the same folders without the DOM or Node types (tests/unit/architecture checks both).
 */
const coreFolders = ['question-types', 'content', 'quiz', 'study', 'share'];
const core = coreFolders.map((folder) => `src/lib/${folder}/**`);

/** Globals the core may not touch: what it needs from the browser or Node is passed in. */
const impureGlobals = {
	window: 'The core is pure: it sees no window. Pass in what it needs.',
	self: 'The core is pure: it sees no global scope. Pass in what it needs.',
	document: 'The core is pure: it touches no DOM. Return data and let a component render it.',
	navigator: 'The core is pure: it reads no navigator. Pass in what it needs.',
	location: 'The core is pure: it reads no location. Pass in the URL or the value it needs.',
	history: 'The core is pure: it does not navigate. Return data and let the app navigate.',
	localStorage: 'The core is pure: it stores nothing. Return data and let src/lib/storage keep it.',
	sessionStorage:
		'The core is pure: it stores nothing. Return data and let src/lib/storage keep it.',
	indexedDB: 'The core is pure: it stores nothing. Return data and let src/lib/storage keep it.',
	caches: 'The core is pure: it caches nothing. Leave caching to the service worker.',
	fetch: 'The core is pure: it loads nothing. Pass in the data the app has loaded.',
	XMLHttpRequest: 'The core is pure: it loads nothing. Pass in the data the app has loaded.',
	process: 'The core runs in the browser too: no process. Pass in what it needs.',
	Buffer: 'The core runs in the browser too: no Buffer. Use Uint8Array and @noble/hashes/utils.',
	global: 'The core runs in the browser too: no Node global. Pass in what it needs.',
	require: 'The core runs in the browser too: no require. Import core modules.',
	__dirname: 'The core runs in the browser too: no file paths. Pass in the data instead.',
	__filename: 'The core runs in the browser too: no file paths. Pass in the data instead.',
	structuredClone: 'The core is plain ES: no structuredClone. Copy the data explicitly.',
	crypto:
		'The core is plain ES: no crypto. Hash with @noble/hashes; pass in random values or a seed.',
	performance: 'The core is pure: it reads no clock. Pass in the time.',
	setTimeout: 'The core is pure: it schedules nothing. Let the app decide when to call it.',
	setInterval: 'The core is pure: it schedules nothing. Let the app decide when to call it.',
	clearTimeout: 'The core is pure: it schedules nothing. Let the app decide when to call it.',
	clearInterval: 'The core is pure: it schedules nothing. Let the app decide when to call it.',
	queueMicrotask: 'The core is pure: it schedules nothing. Let the app decide when to call it.',
	requestAnimationFrame:
		'The core is pure: it schedules nothing. Let the app decide when to call it.',
	console: 'The core is pure: it logs nothing. Return the problem and let the caller report it.'
};

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node, __BYLINE_VERSION__: 'readonly' }
		},
		rules: {
			// `const { left, ...kept } = x` is how a field is dropped from a copy.
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }]
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
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['svelte', 'svelte/*', '$app/*', '$env/*', '$service-worker', '@sveltejs/*'],
							message: 'The core imports no Svelte.'
						},
						{
							group: ['idb', 'fake-indexeddb', '$lib/storage', '$lib/storage/*'],
							message: 'The core imports no storage.'
						},
						{
							group: ['*.svelte', '$lib/components', '$lib/components/*'],
							message: 'The core imports no components.'
						},
						{
							group: ['$lib/app', '$lib/app/*'],
							message: 'The core imports nothing from the app layer: the app imports the core.'
						},
						{
							group: ['$lib/server', '$lib/server/*'],
							message: 'The core imports nothing from the server: the server imports the core.'
						},
						{
							// Relative paths into the layers above, however they are reached:
							// '../storage/db', '../../lib/app/x', './components/Foo.svelte'.
							regex: '^\\.\\.?/(?:.*/)?(?:app|server|storage|components)(?:/|$)',
							message:
								'The core imports only the core: no app, server, storage or components, even by a relative path.'
						},
						{
							group: ['node:*', 'fs', 'path', 'yaml'],
							message: 'The core runs in the browser too: no Node APIs, no YAML parser.'
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				...Object.entries(impureGlobals).map(([name, message]) => ({ name, message }))
			]
		}
	},
	{
		// The deliberately impure core fixture: tests/unit/architecture lints it as if it were core.
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'dist/',
			'tests/fixtures/core-boundary/',
			'.probe/'
		]
	}
);
