import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveStatic, type StaticServer } from '../../../scripts/static-server';

// Reading a file named boom.html fails, to show an error inside the handler ends in a 500.
vi.mock('node:fs', async (original) => {
	const fs = await original<typeof import('node:fs')>();
	return {
		...fs,
		readFileSync: ((...args: Parameters<typeof fs.readFileSync>) => {
			if (String(args[0]).endsWith('boom.html')) throw new Error('disk on fire');
			return fs.readFileSync(...args);
		}) as typeof fs.readFileSync
	};
});

const SECRET = 'TOP-SECRET-do-not-serve';

/** The served root, and what is in it. A secret file lies beside it, outside. */
const FILES: Record<string, string> = {
	'index.html': '<h1>home</h1>',
	'404.html': '<h1>not here</h1>',
	'progress.html': '<h1>progress</h1>',
	'a/b.html': '<h1>a/b</h1>',
	'docs/index.html': '<h1>docs</h1>',
	'data/x.json': '{"x":1}',
	'data/café menu.json': '{"menu":"café"}',
	'app.js': 'console.log(1);',
	'style.css': 'body{}',
	'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
	'img.png': '\x89PNG fake',
	'favicon.ico': 'ico',
	'manifest.webmanifest': '{"name":"Byline"}',
	'_app/immutable/chunk.js': 'export {};',
	'boom.html': 'never read'
};

let dir: string;
let server: StaticServer;
const logged = vi.spyOn(console, 'error').mockImplementation(() => {});

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'byline-static-'));
	writeFileSync(join(dir, 'secret'), SECRET);
	writeFileSync(join(dir, 'secret.html'), SECRET);
	for (const [path, text] of Object.entries(FILES)) {
		const full = join(dir, 'site', path);
		mkdirSync(dirname(full), { recursive: true });
		writeFileSync(full, text);
	}
	server = await serveStatic(join(dir, 'site'), 0);
});

afterAll(async () => {
	logged.mockRestore();
	await server?.close();
	rmSync(dir, { recursive: true, force: true });
});

interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

/** Sends the path exactly as written (fetch would normalise it). */
function send(path: string, method = 'GET', headers: Record<string, string> = {}): Promise<Reply> {
	return new Promise((done, fail) => {
		const req = request(
			{ host: '127.0.0.1', port: server.port, path, method, headers, agent: false },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
				);
				res.on('error', fail);
			}
		);
		req.on('error', fail);
		req.end();
	});
}

const served = (path: string) => FILES[path]!;

describe('serveStatic', () => {
	it('listens on the port the system chose for port 0, and says so in its url', () => {
		expect(server.port).toBeGreaterThan(0);
		expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
		expect(server.server.listening).toBe(true);
	});

	// Request → status, and for a 200 the file whose body it serves.
	const cases: [path: string, status: number, file?: string][] = [
		['/%ZZ', 400],
		['/%E0%A4%A', 400],
		['/%', 400],
		['/../package.json', 400],
		['/../secret', 400],
		['/%2e%2e/%2e%2e/etc/passwd', 400],
		['/..%2f..%2fetc%2fpasswd', 400],
		['/..%2fsecret', 400],
		['/a/..%5c..%5csecret', 400],
		['/a\\..\\..\\secret', 400],
		['/%00', 400],
		['/index.html%00.png', 400],
		['/etc/passwd', 404],
		['//etc/passwd', 404],
		['/%2fetc%2fpasswd', 404],
		[`/${'a'.repeat(3000)}`, 414],
		[`/${'a'.repeat(300)}`, 404],
		['/', 200, 'index.html'],
		['/index.html', 200, 'index.html'],
		['/index', 200, 'index.html'],
		['/index.html?x=1', 200, 'index.html'],
		['/?q=../../secret', 200, 'index.html'],
		['/index.html#frag', 200, 'index.html'],
		['/a/b', 200, 'a/b.html'],
		['/a/b.html', 200, 'a/b.html'],
		['/a/b?x=..%2f..%2fsecret', 200, 'a/b.html'],
		['/a/./b', 200, 'a/b.html'],
		['/a/../a/b', 200, 'a/b.html'],
		['/progress', 200, 'progress.html'],
		['/docs', 200, 'docs/index.html'],
		['/docs/', 200, 'docs/index.html'],
		['/data/x.json', 200, 'data/x.json'],
		['/data/caf%C3%A9%20menu.json', 200, 'data/café menu.json'],
		['/data', 404],
		['/data/', 404],
		['/a/b/', 404],
		['/missing', 404],
		['/secret', 404],
		['http://evil.example/a/b', 200, 'a/b.html'],
		['http://evil.example/../secret', 404],
		['http://[bad/a/b', 400],
		['*', 400],
		['/boom.html', 500]
	];

	it.each(cases)('GET %s → %i', async (path, status, file) => {
		const reply = await send(path);
		expect(reply.status).toBe(status);
		expect(reply.body.toString()).not.toContain(SECRET);
		if (file) expect(reply.body.toString()).toBe(served(file));
		if (status === 404) {
			expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
			expect(reply.body.toString()).toBe(served('404.html'));
		}
		if (status === 500) expect(logged).toHaveBeenCalled();
		if (status >= 400 && status !== 404) {
			expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
			expect(reply.body.length).toBeGreaterThan(0);
			expect(reply.body.length).toBeLessThan(100);
		}
	});

	it('refuses a path longer than Node takes in its headers, and stays up', async () => {
		const reply = await send(`/${'a'.repeat(20_000)}`).catch(() => null);
		expect(reply?.status ?? 431).not.toBe(200);
		expect((await send('/')).status).toBe(200);
	});

	it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'])(
		'%s / → 405 with Allow',
		async (method) => {
			const reply = await send('/', method);
			expect(reply.status).toBe(405);
			expect(reply.headers.allow).toBe('GET, HEAD');
		}
	);

	it('answers HEAD with the headers of GET and no body', async () => {
		const head = await send('/', 'HEAD');
		expect(head.status).toBe(200);
		expect(head.body.length).toBe(0);
		expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(head.headers['content-length']).toBe(String(Buffer.byteLength(served('index.html'))));
		const missing = await send('/missing', 'HEAD');
		expect(missing.status).toBe(404);
		expect(missing.body.length).toBe(0);
		const bad = await send('/%ZZ', 'HEAD');
		expect(bad.status).toBe(400);
		expect(bad.body.length).toBe(0);
	});

	it.each([
		['/index.html', 'text/html; charset=utf-8'],
		['/app.js', 'text/javascript; charset=utf-8'],
		['/style.css', 'text/css; charset=utf-8'],
		['/data/x.json', 'application/json; charset=utf-8'],
		['/icon.svg', 'image/svg+xml'],
		['/img.png', 'image/png'],
		['/manifest.webmanifest', 'application/manifest+json'],
		['/favicon.ico', 'image/x-icon']
	])('serves %s as %s', async (path, type) => {
		expect((await send(path)).headers['content-type']).toBe(type);
	});

	it('gzips what the client accepts, except PNG', async () => {
		const page = await send('/a/b', 'GET', { 'accept-encoding': 'gzip, deflate' });
		expect(page.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(page.body).toString()).toBe(served('a/b.html'));
		const refused = await send('/a/b', 'GET', { 'accept-encoding': 'gzip;q=0' });
		expect(refused.headers['content-encoding']).toBeUndefined();
		expect(refused.body.toString()).toBe(served('a/b.html'));
		const png = await send('/img.png', 'GET', { 'accept-encoding': 'gzip' });
		expect(png.headers['content-encoding']).toBeUndefined();
	});

	it('marks only immutable assets as cacheable for a year', async () => {
		expect((await send('/_app/immutable/chunk.js')).headers['cache-control']).toBe(
			'public, max-age=31536000, immutable'
		);
		expect((await send('/app.js')).headers['cache-control']).toBe('no-cache');
	});

	it('is still up after every bad request', async () => {
		for (const [path] of cases) await send(path);
		const reply = await send('/');
		expect(reply.status).toBe(200);
		expect(reply.body.toString()).toBe(served('index.html'));
	});
});
