import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serveStatic } from '../../scripts/static-server';
import { PORT } from './support';

/** Serves the production build (`npm run build` first) as a static host would. */
export default async function setup() {
	if (!existsSync('build/index.html'))
		throw new Error('No production build: run `npm run build` before the end-to-end tests.');
	const server = await serveStatic(resolve('build'), PORT);
	return () => server.close();
}
