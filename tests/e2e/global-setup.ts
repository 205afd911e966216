import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BASE, PORT } from './support';

/** Serves the production build (`npm run build` first) for the end-to-end tests. */
export default async function setup() {
	if (!existsSync('build/index.html'))
		throw new Error('No production build: run `npm run build` before the end-to-end tests.');
	const server: ChildProcess = spawn(
		'npx',
		['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
		{ stdio: ['ignore', 'pipe', 'pipe'], detached: true }
	);
	let exited: number | null = null;
	let output = '';
	server.stdout?.on('data', (d) => (output += d));
	server.stderr?.on('data', (d) => (output += d));
	server.on('exit', (code) => (exited = code ?? -1));
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (exited !== null)
			throw new Error(
				`The preview server stopped (exit ${exited}): is port ${PORT} taken?\n${output}`
			);
		try {
			if ((await fetch(BASE)).ok) break;
		} catch {
			// not up yet
		}
		if (Date.now() > deadline) throw new Error(`The preview server did not start on ${BASE}`);
		await new Promise((r) => setTimeout(r, 250));
	}
	return () => {
		try {
			if (server.pid) process.kill(-server.pid, 'SIGTERM');
		} catch {
			// already gone
		}
	};
}
