import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoryBundle } from '../../src/lib/content/model';
import {
	STORY,
	STORY_SOURCES,
	answerRight,
	currentQuestion,
	primary,
	saved,
	startQuiz,
	fetchBundle
} from './quiz-driver';
import { serveStatic, type StaticServer } from '../../scripts/static-server';
import { launchWithProfile, phoneContext, textOf, useBrowser } from './support';

const chromium = useBrowser();

/** Waits until a service worker controls the page, so everything is stored for offline use. */
async function untilControlled(page: Page) {
	await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), null, {
		timeout: 30_000
	});
	await page.evaluate(() => navigator.serviceWorker.ready);
}

async function answerSome(page: Page, bundle: StoryBundle, count: number) {
	for (let i = 0; i < count; i++) {
		const q = await currentQuestion(page, bundle);
		await answerRight(page, bundle, q, 'touch');
		await primary(page, 'touch');
		await primary(page, 'touch');
	}
	await saved(page);
}

describe('after one visit, with the network gone and the server stopped', () => {
	let server: StaticServer;
	let context: BrowserContext;
	let page: Page;
	let bundle: StoryBundle;
	const base = 'http://127.0.0.1:4181';

	beforeAll(async () => {
		server = await serveStatic(resolve('build'), 4181);
		bundle = await fetchBundle(base);
		({ context, page } = await phoneContext(chromium.browser));
		await page.goto(`${base}/`);
		await untilControlled(page);
		await context.setOffline(true);
		await server.close();
	});
	afterAll(() => context?.close());

	it('opens every page, including ones never visited, and says it is offline', async () => {
		const paths = [
			'/',
			`/stories/${STORY}`,
			...STORY_SOURCES.map((id) => `/stories/${STORY}/sources/${id}`),
			`/stories/${STORY}/compare`,
			'/study',
			'/progress',
			'/teach',
			'/assignment',
			// Last: the checks below read the settings page.
			'/settings'
		];
		for (const path of paths) {
			await page.goto(base + path);
			await page.locator('h1').first().waitFor();
			expect(await page.title(), path).not.toMatch(/not found/i);
			await page.locator('.offline').waitFor();
		}
		expect(await textOf(page.locator('.offline'))).toContain('Offline');
		// The settings page reports what it can about storage, offline too.
		expect(await textOf(page.getByTestId('usage'))).toMatch(/\d/);
		expect(await textOf(page.getByTestId('persisted'))).not.toBe('');
		await page.screenshot({ path: 'test-results/offline-settings.png' });
	});

	it('takes a whole quiz, resumes after a reload and from a cold deep link, and shows progress', async () => {
		await startQuiz(page, 10, base);
		await answerSome(page, bundle, 3);
		const fourth = await currentQuestion(page, bundle);
		const quizUrl = page.url();

		await page.reload();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		expect((await currentQuestion(page, bundle)).id).toBe(fourth.id);

		// A link to this quiz opened cold in a new tab.
		const tab = await context.newPage();
		await tab.goto(quizUrl);
		await tab.getByRole('button', { name: 'Check answer' }).waitFor();
		expect((await currentQuestion(tab, bundle)).id).toBe(fourth.id);
		await tab.close();

		await answerSome(page, bundle, 7);
		await page.getByRole('heading', { name: 'Your results' }).waitFor();
		expect(await textOf(page.locator('.score strong'))).toBe('100%');

		await page.goto(`${base}/progress`);
		await page.getByRole('heading', { name: 'Accuracy by section' }).waitFor();
		expect(await page.locator('.attempts li').count()).toBe(1);

		// Study, offline too: the ten answers were scheduled as they were saved (the scheduler came
		// from the service worker's cache). New questions answered right come back after FSRS's
		// short learning step, within the day, so all ten are due; they used up the day's new ones.
		await page.goto(`${base}/study`);
		await page.getByTestId('due').waitFor();
		expect(await textOf(page.getByTestId('due'))).toBe('10');
		expect(await textOf(page.getByTestId('new'))).toBe('0');
		await page.getByRole('button', { name: 'Study 10 questions' }).waitFor();
	});

	it('opens an address it never stored with the app shell, not the browser’s error page', async () => {
		await page.goto(`${base}/stories/${STORY}/sources/${STORY_SOURCES[0]}/`);
		await page.locator('h1').first().waitFor();
		expect(await textOf(page.locator('h1'))).not.toBe('');
	});
});

describe('an update', () => {
	let server: StaticServer;
	let versionB: string;
	const base = 'http://127.0.0.1:4182';

	beforeAll(async () => {
		versionB = mkdtempSync(join(tmpdir(), 'byline-b-'));
		// A clean environment for the build: under Vitest's variables SvelteKit builds differently.
		const env = Object.fromEntries(
			Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV|TEST)/.test(k))
		);
		execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
			env: { ...env, BYLINE_VERSION: 'e2e-b', BYLINE_OUT: versionB },
			stdio: 'ignore'
		});
		if (!existsSync(join(versionB, 'sw.js'))) throw new Error('Version B was not built');
		server = await serveStatic(resolve('build'), 4182);
	}, 240_000);
	afterAll(async () => {
		await server?.close();
		rmSync(versionB, { recursive: true, force: true });
	});

	it('is offered without blocking, and taking it mid-quiz keeps every answer', async () => {
		const bundle = await fetchBundle(base);
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(`${base}/`);
		await untilControlled(page);
		await startQuiz(page, 10, base);
		await answerSome(page, bundle, 3);
		const fourth = await currentQuestion(page, bundle);

		// A second tab, open on the same version when the update arrives.
		const other = await context.newPage();
		await other.goto(`${base}/progress`);
		await other.getByRole('heading', { name: 'Past quizzes' }).waitFor();

		server.setRoot(versionB);
		// The app checks hourly while online; the test asks for that check now.
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		const prompt = page.locator('.update');
		await prompt.waitFor({ timeout: 30_000 });
		expect(await textOf(prompt)).toContain('An update is available');
		// Non-blocking: the quiz is still usable while the message shows.
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		await page.screenshot({ path: 'test-results/update-prompt.png' });

		const otherReloaded = other.waitForEvent('load');
		await Promise.all([
			page.waitForEvent('load'),
			page.getByRole('button', { name: 'Update now' }).tap()
		]);
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		expect((await currentQuestion(page, bundle)).id).toBe(fourth.id);
		expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('3');

		// The other tab, which was offered the same update, moves onto it too, and loses nothing.
		await otherReloaded;
		await other.getByRole('heading', { name: 'Past quizzes' }).waitFor();
		expect(await other.locator('.attempts li').count()).toBe(1);

		await page.goto(`${base}/settings`);
		expect(await textOf(page.getByTestId('version'))).toBe('e2e-b');
		await context.close();
	});
});

describe('installing', () => {
	it('meets Chromium’s installability criteria with no errors', async () => {
		const profile = mkdtempSync(join(tmpdir(), 'byline-profile-'));
		const context = await launchWithProfile(profile);
		const server = await serveStatic(resolve('build'), 4183);
		try {
			const page = await context.newPage();
			await page.goto('http://127.0.0.1:4183/');
			await untilControlled(page);
			const cdp = await context.newCDPSession(page);
			const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
			expect(installabilityErrors).toEqual([]);
			const manifest = await cdp.send('Page.getAppManifest');
			expect(manifest.errors).toEqual([]);
		} finally {
			await context.close();
			await server.close();
			rmSync(profile, { recursive: true, force: true });
		}
	});
});
