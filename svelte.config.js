import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
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
		prerender: {
			handleHttpError: 'fail',
			handleMissingId: 'fail'
		}
	}
};

export default config;
