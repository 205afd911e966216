import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		// Absolute asset paths: 404.html is served at any depth (/a/b/c), and a relative path there
		// (the icons the layout adds, ./favicon.svg) would point into a folder that is not there.
		paths: { relative: false },
		// Styles are small: inline them, so the first paint waits on no stylesheet request.
		inlineStyleThreshold: Infinity,
		// 404.html is served by static hosts for unknown addresses, and by the service worker offline
		// for any page it has not stored: it renders the right route in the browser.
		adapter: adapter({
			strict: true,
			fallback: '404.html',
			// A test builds a second version elsewhere to publish it as an update.
			pages: process.env.BYLINE_OUT ?? 'build',
			assets: process.env.BYLINE_OUT ?? 'build'
		}),
		// A Content-Security-Policy on every page (a <meta> tag, as the pages are static): only this
		// origin, and SvelteKit's own inline bootstrap and inlined styles by hash. No inline scripts
		// of any other kind, no eval. Inline style attributes (a progress bar's width) are allowed.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		prerender: {
			handleHttpError: 'fail',
			handleMissingId: 'fail'
		}
	}
};

export default config;
