import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { readFileSync } from 'node:fs';
import { PRECACHE_FILE_LIMIT } from './src/lib/server/content-files';
import { contentCheck } from './src/lib/server/content-plugin';

/** What the settings page shows as the version; a test build sets its own to make an update. */
const version =
	process.env.BYLINE_VERSION ?? JSON.parse(readFileSync('package.json', 'utf8')).version;

export default defineConfig({
	define: { __BYLINE_VERSION__: JSON.stringify(version) },
	plugins: [
		process.env.VITEST ? [] : contentCheck(),
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			// Absolute, so a page deep in the site registers /sw.js, not a path relative to itself.
			base: '/',
			scope: '/',
			kit: { adapterFallback: '404.html', spa: true },
			injectRegister: false,
			// Icons at every size, maskable and Apple's included, from the one SVG.
			pwaAssets: {
				image: 'static/favicon.svg',
				preset: 'minimal-2023',
				overrideManifestIcons: true
			},
			manifest: {
				name: 'Byline: learn from the news',
				short_name: 'Byline',
				description:
					'Quizzes built from news reporting. Every answer is backed by the passage it rests on. Works offline.',
				lang: 'en',
				theme_color: '#1d3557',
				background_color: '#fbfaf7',
				display: 'standalone',
				start_url: '/',
				scope: '/',
				id: '/'
			},
			workbox: {
				// Everything a student can open: pages, question banks, scripts, styles, icons.
				globPatterns: [
					'client/**/*.{js,css,svg,png,ico,webmanifest}',
					'prerendered/**/*.{html,json}'
				],
				// The QR reader (ZXing's wasm, about 1 MB, in its worker: src/lib/app/qr-reader.worker.ts)
				// is for teachers only: never part of a student's download. SvelteKit names a worker's
				// files _app/immutable/workers/…, so the name leaves them out.
				globIgnores: ['client/_app/immutable/workers/**', 'client/**/*.wasm'],
				// …and the gradebook stores them on first use. Their names carry a hash, so a stored
				// copy never goes stale; an older version's copies are dropped as new ones come in.
				runtimeCaching: [
					{
						urlPattern: /\/_app\/immutable\/workers\//,
						handler: 'CacheFirst',
						options: {
							cacheName: 'byline-scanner',
							expiration: { maxEntries: 12 },
							cacheableResponse: { statuses: [200] }
						}
					}
				],
				// A quiz page is opened as /quiz?attempt=…: the page is the same whatever the query.
				ignoreURLParametersMatching: [/.*/],
				// Any other navigation gets the app shell, which renders the route in the browser.
				navigateFallback: '404.html',
				cleanupOutdatedCaches: true,
				// The content check warns, naming the story, long before a bank reaches this.
				maximumFileSizeToCacheInBytes: PRECACHE_FILE_LIMIT,
				// On the very first visit, take charge at once so the page already works offline.
				// Later versions still wait for the student to accept them.
				clientsClaim: true
			}
		})
	],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'content-policy',
					environment: 'node',
					include: ['tests/content-policy/**/*.test.ts']
				}
			},
			{
				extends: true,
				plugins: [svelteTesting()],
				test: {
					name: 'component',
					environment: 'jsdom',
					include: ['tests/component/**/*.test.ts'],
					setupFiles: ['tests/component/setup.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					// A real browser on a loaded 2-core machine: one retry absorbs timing noise; a real
					// failure still fails twice.
					retry: 1,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
