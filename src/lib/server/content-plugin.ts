import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorPayload, Logger, Plugin, ViteDevServer } from 'vite';
import { formatIssue, type ContentIssue } from '../content/check';
import { CONTENT_ROOT, ContentError, forgetCheckedBundles, loadContent } from './content-files';

const NAME = 'byline-content-check';

/** How long to wait after a change, so a save that touches several files checks once. */
export const RECHECK_DELAY_MS = 100;

/**
 * This plugin is bundled into vite.config, so its copy of content-files is not the one the
 * endpoints use: those are loaded through the dev server's SSR module graph, and that copy's
 * cache is the one to clear.
 */
const CONTENT_FILES_MODULE = fileURLToPath(new URL('./content-files.ts', import.meta.url));

function errorPayload(issues: ContentIssue[]): ErrorPayload {
	return {
		type: 'error',
		err: {
			message: new ContentError(issues).message,
			stack: '',
			plugin: NAME,
			id: issues[0]?.file
		}
	};
}

/** Prints the issues, one a line, under a heading that counts them. */
function logIssues(logger: Logger, issues: ContentIssue[]) {
	logger.error(new ContentError(issues).message, { timestamp: true });
}

/**
 * Checks the question content before every build and dev start: a broken bank never ships.
 * In dev it checks again whenever a content file changes: a problem shows in the terminal and
 * the browser's error overlay; good content reloads the pages with the new data.
 */
export function contentCheck(contentRoot = CONTENT_ROOT): Plugin {
	const root = resolve(contentRoot);
	let command: 'build' | 'serve' = 'build';
	let logger: Logger | undefined;
	let issues: ContentIssue[] = [];

	const isContent = (file: string) => {
		const rel = relative(root, resolve(file));
		return rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
	};

	return {
		name: NAME,
		configResolved(config) {
			command = config.command;
			logger = config.logger;
		},
		buildStart() {
			const loaded = loadContent(root);
			issues = loaded.issues;
			for (const warning of loaded.warnings)
				(logger ?? console).warn(`Warning: ${formatIssue(warning)}`);
			if (!issues.length) return;
			// A dev server stays up with broken content, saying what is wrong, until it is fixed.
			if (command === 'serve' && logger) logIssues(logger, issues);
			else throw new ContentError(issues);
		},
		configureServer(server: ViteDevServer) {
			const { logger } = server.config;
			let timer: ReturnType<typeof setTimeout> | undefined;

			const recheck = async () => {
				const loaded = loadContent(root);
				issues = loaded.issues;
				forgetCheckedBundles();
				try {
					const endpoints = (await server.ssrLoadModule(CONTENT_FILES_MODULE)) as {
						forgetCheckedBundles(): void;
					};
					endpoints.forgetCheckedBundles();
				} catch (e) {
					logger.error(`${NAME}: could not clear the content cache: ${(e as Error).message}`, {
						timestamp: true
					});
				}
				if (issues.length) {
					logIssues(logger, issues);
					server.ws.send(errorPayload(issues));
				} else {
					const questions = loaded.bundles.reduce((n, b) => n + b.questions.length, 0);
					logger.info(`content checked: ${loaded.bundles.length} stories, ${questions} questions`, {
						timestamp: true
					});
					server.ws.send({ type: 'full-reload' });
				}
			};

			const changed = (file: string) => {
				if (!isContent(file)) return;
				clearTimeout(timer);
				timer = setTimeout(() => void recheck(), RECHECK_DELAY_MS);
			};

			server.watcher.add(root);
			// Editors' swap and backup files are not content: only YAML files and folders count.
			for (const event of ['add', 'change', 'unlink'] as const)
				server.watcher.on(event, (file: string) => {
					if (/\.ya?ml$/.test(file)) changed(file);
				});
			for (const event of ['addDir', 'unlinkDir'] as const) server.watcher.on(event, changed);
			// A page opened (or reloaded) while the content is broken still shows what is wrong.
			server.ws.on('connection', () => {
				if (issues.length) server.ws.send(errorPayload(issues));
			});
		}
	};
}
