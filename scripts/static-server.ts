import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.webmanifest': 'application/manifest+json'
};

/**
 * Serves a static build the way a plain static host does: files as they are, clean URLs
 * (/progress → progress.html), 404 otherwise. Its root can be swapped to publish a new version.
 */
export interface StaticServer {
	url: string;
	setRoot(root: string): void;
	close(): Promise<void>;
}

function resolveFile(root: string, pathname: string): string | null {
	const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
	const candidates = safe.endsWith('/')
		? [join(root, safe, 'index.html')]
		: [join(root, safe), join(root, `${safe}.html`), join(root, safe, 'index.html')];
	return (
		candidates.find((f) => f.startsWith(root) && existsSync(f) && statSync(f).isFile()) ?? null
	);
}

export function serveStatic(root: string, port: number): Promise<StaticServer> {
	let current = root;
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const file = resolveFile(current, url.pathname);
		if (!file) {
			const fallback = join(current, '404.html');
			res
				.writeHead(404, { 'content-type': TYPES['.html']! })
				.end(existsSync(fallback) ? readFileSync(fallback) : 'Not found');
			return;
		}
		const type = TYPES[extname(file)] ?? 'application/octet-stream';
		const immutable = url.pathname.includes('/_app/immutable/');
		const body = readFileSync(file);
		// Compressed as any real host would, so sizes and timings are realistic.
		const gzip = /gzip/.test(req.headers['accept-encoding'] ?? '') && !type.startsWith('image/png');
		res
			.writeHead(200, {
				'content-type': type,
				'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
				...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {})
			})
			.end(gzip ? gzipSync(body) : body);
	});
	return new Promise((resolveServer, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () =>
			resolveServer({
				url: `http://127.0.0.1:${port}`,
				setRoot: (next) => (current = next),
				close: () =>
					new Promise<void>((done) => {
						server.closeAllConnections();
						server.close(() => done());
					})
			})
		);
	});
}
