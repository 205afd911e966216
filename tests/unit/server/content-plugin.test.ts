import { EventEmitter } from 'node:events';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HotPayload, Plugin, ResolvedConfig, ViteDevServer } from 'vite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentCheck, RECHECK_DELAY_MS } from '$lib/server/content-plugin';

const dirs: string[] = [];
afterEach(() => {
	vi.useRealTimers();
	dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A copy of the shipped content, to break on purpose. */
function copyOfContent(): string {
	const dir = mkdtempSync(join(tmpdir(), 'byline-plugin-'));
	dirs.push(dir);
	cpSync('questions', dir, { recursive: true });
	return dir;
}

function runBuildStart(root: string) {
	const plugin = contentCheck(root);
	return () => (plugin.buildStart as () => void).call({});
}

describe('the build', () => {
	it('goes ahead with the shipped content', () => {
		expect(runBuildStart(copyOfContent())).not.toThrow();
	});

	it('fails on a bad evidence quote, naming the file, the question and the field', () => {
		const root = copyOfContent();
		const { bank, id } = firstBankWithQuote(root);
		const text = readFileSync(bank, 'utf8');
		const broken = text.replace(/quote: (.+)\n/, 'quote: A sentence no outlet ever wrote\n');
		expect(broken).not.toBe(text);
		writeFileSync(bank, broken);
		const file = bank.split('/').slice(-2).join('/');
		expect(runBuildStart(root)).toThrow(
			new RegExp(
				`${file.replace('.', '\\.')} › ${id} › evidence\\[\\d+\\]\\.quote: not found word for word`
			)
		);
	});

	it('fails on a bank that is not valid YAML', () => {
		const root = copyOfContent();
		const { bank } = firstBankWithQuote(root);
		writeFileSync(join(bank, '..', 'broken.yaml'), 'questions: [\n');
		expect(runBuildStart(root)).toThrow(/broken\.yaml: not valid YAML/);
	});
});

/** The first question bank in the content, and the id of its first question with a quote. */
function firstBankWithQuote(root: string): { bank: string; id: string } {
	const stories = readdirSync(join(root, 'stories')).sort();
	for (const story of stories) {
		const dir = join(root, 'stories', story, 'questions');
		for (const file of readdirSync(dir)
			.filter((f) => f.endsWith('.yaml'))
			.sort()) {
			const bank = join(dir, file);
			const text = readFileSync(bank, 'utf8');
			const quote = text.search(/quote: .+\n/);
			if (quote < 0) continue;
			const id = [...text.slice(0, quote).matchAll(/\bid: ['"]?([\w-]+)/g)].at(-1)?.[1];
			if (id) return { bank, id };
		}
	}
	throw new Error('no question bank with a quote in the content');
}

/** A dev server as the plugin sees it: a watcher to emit on, and spies for the browser and terminal. */
function fakeServer() {
	const watcher = Object.assign(new EventEmitter(), { add: vi.fn() });
	const ws = Object.assign(new EventEmitter(), { send: vi.fn<(payload: HotPayload) => void>() });
	const log = () => vi.fn<(message: string, options?: unknown) => void>();
	const logger = { info: log(), warn: log(), error: log() };
	const forgetCheckedBundles = vi.fn();
	const ssrLoadModule = vi.fn(async () => ({ forgetCheckedBundles }));
	const server = { watcher, ws, config: { logger }, ssrLoadModule } as unknown as ViteDevServer;
	return { server, watcher, ws, logger, ssrLoadModule, forgetCheckedBundles };
}

function startDev(root: string) {
	const plugin = contentCheck(root);
	const fake = fakeServer();
	(plugin.configResolved as (c: ResolvedConfig) => void).call({}, {
		command: 'serve',
		logger: fake.logger
	} as unknown as ResolvedConfig);
	(plugin.configureServer as (s: ViteDevServer) => void).call({}, fake.server);
	return { plugin, ...fake };
}

/** Lets the debounce run, and the check after it. */
async function settle() {
	await vi.advanceTimersByTimeAsync(RECHECK_DELAY_MS + 10);
}

const breakQuote = (bank: string) => {
	const text = readFileSync(bank, 'utf8');
	const broken = text.replace(/quote: (.+)\n/, 'quote: A sentence no outlet ever wrote\n');
	expect(broken).not.toBe(text);
	writeFileSync(bank, broken);
	return text;
};

describe('the dev server', () => {
	it('watches the content folder', () => {
		const root = copyOfContent();
		const { watcher } = startDev(root);
		expect(watcher.add).toHaveBeenCalledWith(root);
	});

	it('shows a broken quote in the terminal and the overlay, then reloads once it is fixed', async () => {
		vi.useFakeTimers();
		const root = copyOfContent();
		const { bank, id } = firstBankWithQuote(root);
		const { watcher, ws, logger, forgetCheckedBundles } = startDev(root);

		const good = breakQuote(bank);
		watcher.emit('change', bank);
		await settle();

		const where = new RegExp(
			`questions/[^/]+\\.yaml › ${id} › evidence\\[\\d+\\]\\.quote: not found word for word`
		);
		const bankFile = bank.split(/[\\/]/).slice(-3).join('/');
		expect(ws.send).toHaveBeenCalledTimes(1);
		expect(ws.send.mock.lastCall?.[0]).toEqual({
			type: 'error',
			err: {
				message: expect.stringMatching(/has 1 problem:\n.*/),
				stack: '',
				plugin: 'byline-content-check',
				id: expect.stringMatching(new RegExp(`${bankFile}$`))
			}
		});
		expect(ws.send.mock.lastCall?.[0]).toMatchObject({
			err: { message: expect.stringMatching(where) }
		});
		expect(logger.error).toHaveBeenCalledTimes(1);
		expect(logger.error.mock.lastCall?.[0]).toMatch(/has 1 problem:/);
		expect(logger.error.mock.lastCall?.[0]).toMatch(where);
		expect(forgetCheckedBundles).toHaveBeenCalledTimes(1);

		writeFileSync(bank, good);
		watcher.emit('change', bank);
		await settle();

		expect(ws.send).toHaveBeenCalledTimes(2);
		expect(ws.send).toHaveBeenLastCalledWith({ type: 'full-reload' });
		expect(logger.info).toHaveBeenCalledWith(
			expect.stringMatching(/^content checked: \d+ stories, \d+ questions$/),
			expect.anything()
		);
		expect(forgetCheckedBundles).toHaveBeenCalledTimes(2);
	});

	it('checks once for a save that touches several files', async () => {
		vi.useFakeTimers();
		const root = copyOfContent();
		const { bank } = firstBankWithQuote(root);
		const { watcher, ws } = startDev(root);
		watcher.emit('change', bank);
		await vi.advanceTimersByTimeAsync(RECHECK_DELAY_MS / 2);
		watcher.emit('add', join(root, 'sources', 'new.yaml'));
		watcher.emit('unlink', join(root, 'stories', 'gone.yaml'));
		await settle();
		expect(ws.send).toHaveBeenCalledTimes(1);
		expect(ws.send).toHaveBeenCalledWith({ type: 'full-reload' });
	});

	it("ignores changes outside the content folder, and editors' swap files", async () => {
		vi.useFakeTimers();
		const root = copyOfContent();
		const { watcher, ws, logger, ssrLoadModule } = startDev(root);
		watcher.emit('change', join(root, '..', 'elsewhere.yaml'));
		watcher.emit('change', join(process.cwd(), 'src', 'app.html'));
		watcher.emit('add', `${root}-sibling/story.yaml`);
		watcher.emit('change', join(root, 'stories', '.story.yaml.swp'));
		await settle();
		expect(ws.send).not.toHaveBeenCalled();
		expect(logger.error).not.toHaveBeenCalled();
		expect(logger.info).not.toHaveBeenCalled();
		expect(ssrLoadModule).not.toHaveBeenCalled();
	});

	it('starts with broken content, reporting it instead of stopping', () => {
		const root = copyOfContent();
		const { bank, id } = firstBankWithQuote(root);
		breakQuote(bank);
		const { plugin, logger, ws } = startDev(root);
		expect(() => (plugin.buildStart as () => void).call({})).not.toThrow();
		expect(logger.error.mock.lastCall?.[0]).toContain(` › ${id} › evidence[`);
		// A page that connects later is shown the problem.
		ws.emit('connection');
		expect(ws.send.mock.lastCall?.[0]).toMatchObject({ type: 'error' });
	});

	it('still fails a build on broken content', () => {
		const root = copyOfContent();
		const { bank, id } = firstBankWithQuote(root);
		breakQuote(bank);
		const plugin: Plugin = contentCheck(root);
		(plugin.configResolved as (c: ResolvedConfig) => void).call({}, {
			command: 'build',
			logger: fakeServer().logger
		} as unknown as ResolvedConfig);
		expect(() => (plugin.buildStart as () => void).call({})).toThrow(` › ${id} › evidence[`);
	});
});
