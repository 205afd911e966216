/**
 * Serves the production build as a plain static host would (gzip, clean URLs, 404.html for
 * unknown addresses), so the service worker can store every file and the app works offline.
 * `npm start` builds, then runs this. PORT sets the port (default 4173).
 */
import { resolve } from 'node:path';
import { serveStatic } from './static-server';

const port = Number(process.env.PORT ?? 4173);
const server = await serveStatic(resolve('build'), port);
console.log(`Byline is served at ${server.url.replace('127.0.0.1', 'localhost')} (Ctrl+C to stop)`);
