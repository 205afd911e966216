import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
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

/** Longer paths than any page of the build has are refused before they reach the file system. */
const MAX_PATH = 2048;

/**
 * Serves a static build the way a plain static host does: files as they are, clean URLs
 * (/progress → progress.html), 404 otherwise. Its root can be swapped to publish a new version.
 */
export interface StaticServer {
	url: string;
	/** The port it listens on: the one asked for, or the one the system chose for port 0. */
	port: number;
	server: Server;
	setRoot(root: string): void;
	close(): Promise<void>;
}

/** A request the server refuses before looking for a file: malformed or reaching outside root. */
class Refused extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

/** The path of an absolute-form target, or '' (refused) if it is no URL. */
function absolutePath(target: string): string {
	try {
		return new URL(target).pathname;
	} catch {
		return '';
	}
}

/**
 * The decoded path of a request target, its dot segments resolved, as segments. Query and hash
 * play no part. Throws Refused for anything a browser would never send for a file of the site.
 */
function requestPath(target: string): { segments: string[]; directory: boolean } {
	// Absolute form (GET http://host/path) is legal HTTP; only its path counts.
	const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(target)
		? absolutePath(target)
		: target.split(/[?#]/, 1)[0]!;
	if (!raw.startsWith('/')) throw new Refused(400, 'Bad request');
	if (raw.length > MAX_PATH) throw new Refused(414, 'URI too long');
	let decoded: string;
	try {
		decoded = decodeURIComponent(raw);
	} catch {
		throw new Refused(400, 'Bad request: malformed percent-encoding');
	}
	if (/[\0\\]/.test(decoded)) throw new Refused(400, 'Bad request');
	const segments: string[] = [];
	const parts = decoded.split('/');
	for (const part of parts) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (segments.length === 0) throw new Refused(400, 'Bad request');
			segments.pop();
		} else segments.push(part);
	}
	const last = parts[parts.length - 1];
	return { segments, directory: last === '' || last === '.' || last === '..' };
}

/** Whether the path is a regular file; false for folders, missing files and bad names. */
function isFile(path: string): boolean {
	try {
		return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
	} catch {
		return false;
	}
}

/** Whether the path lies inside root (root itself excluded). */
function inside(root: string, path: string): boolean {
	const rel = relative(root, path);
	return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function resolveFile(root: string, segments: string[], directory: boolean): string | null {
	const base = join(root, ...segments);
	const candidates =
		directory || segments.length === 0
			? [join(base, 'index.html')]
			: [base, `${base}.html`, join(base, 'index.html')];
	return candidates.find((f) => inside(root, f) && isFile(f)) ?? null;
}

/** Whether the client takes gzip: named (or `*`) in Accept-Encoding and not with q=0. */
function acceptsGzip(header: string | undefined): boolean {
	return (header ?? '').split(',').some((entry) => {
		const [coding, ...params] = entry.trim().toLowerCase().split(';');
		if (coding?.trim() !== 'gzip' && coding?.trim() !== '*') return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	});
}

/** Ends the response with a length, and without the body when the request was HEAD. */
function send(
	req: IncomingMessage,
	res: ServerResponse,
	status: number,
	headers: Record<string, string>,
	body: string | Buffer
) {
	const bytes = typeof body === 'string' ? Buffer.from(body) : body;
	res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
	res.end(req.method === 'HEAD' ? undefined : bytes);
}

function plain(req: IncomingMessage, res: ServerResponse, status: number, message: string) {
	send(req, res, status, { 'content-type': 'text/plain; charset=utf-8' }, `${message}\n`);
}

function handle(root: string, req: IncomingMessage, res: ServerResponse) {
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		res.setHeader('allow', 'GET, HEAD');
		plain(req, res, 405, 'Method not allowed');
		return;
	}
	const target = req.url ?? '/';
	let path: ReturnType<typeof requestPath>;
	try {
		path = requestPath(target);
	} catch (error) {
		if (!(error instanceof Refused)) throw error;
		plain(req, res, error.status, error.message);
		return;
	}
	const file = resolveFile(root, path.segments, path.directory);
	if (!file) {
		const fallback = join(root, '404.html');
		send(
			req,
			res,
			404,
			{ 'content-type': TYPES['.html']! },
			isFile(fallback) ? readFileSync(fallback) : 'Not found'
		);
		return;
	}
	const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
	const immutable = `/${path.segments.join('/')}`.includes('/_app/immutable/');
	const body = readFileSync(file);
	// Compressed as any real host would, so sizes and timings are realistic.
	const compressible = !type.startsWith('image/png');
	const gzip = compressible && acceptsGzip(req.headers['accept-encoding']);
	send(
		req,
		res,
		200,
		{
			'content-type': type,
			'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
			...(compressible ? { vary: 'accept-encoding' } : {}),
			...(gzip ? { 'content-encoding': 'gzip' } : {})
		},
		gzip ? gzipSync(body) : body
	);
}

export function serveStatic(root: string, port: number): Promise<StaticServer> {
	let current = resolve(root);
	const server: Server = createServer((req, res) => {
		try {
			handle(current, req, res);
		} catch (error) {
			console.error(`static server: ${req.method} ${req.url}:`, error);
			if (res.headersSent) res.destroy();
			else {
				for (const name of res.getHeaderNames()) res.removeHeader(name);
				plain(req, res, 500, 'Internal server error');
			}
		}
	});
	return new Promise((resolveServer, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			// Once listening, a server error is logged: it must not end the process.
			server.on('error', (error) => console.error('static server:', error));
			const actual = (server.address() as AddressInfo).port;
			resolveServer({
				url: `http://127.0.0.1:${actual}`,
				port: actual,
				server,
				setRoot: (next) => (current = resolve(next)),
				close: () =>
					new Promise<void>((done) => {
						server.closeAllConnections();
						server.close(() => done());
					})
			});
		});
	});
}
