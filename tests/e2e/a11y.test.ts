import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StoryBundle } from '../../src/lib/content/model';
import {
	STORY,
	STORY_SOURCES,
	answerRight,
	answerWrong,
	currentQuestion,
	fetchBundle,
	primary,
	startQuiz
} from './quiz-driver';
import { BASE, axeViolations, phoneContext, useBrowser } from './support';

const chromium = useBrowser();
let bundle: StoryBundle;
beforeAll(async () => {
	bundle = await fetchBundle();
});

const pages = [
	'/',
	`/stories/${STORY}`,
	...STORY_SOURCES.map((id) => `/stories/${STORY}/sources/${id}`),
	`/stories/${STORY}/compare`,
	'/study',
	'/progress',
	'/settings',
	'/quiz?attempt=missing',
	'/teach',
	'/teach/compose?id=missing',
	'/assignment',
	'/assignment#BA1.not-a-code',
	'/no-such-page'
];

describe.each(['light', 'dark'] as const)('axe-core in %s mode', (colorScheme) => {
	it.each(pages)('finds no violations on %s', async (path) => {
		const { context, page } = await phoneContext(chromium.browser);
		await page.emulateMedia({ colorScheme });
		await page.goto(BASE + path);
		await page.locator('h1').first().waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await context.close();
	});

	it('finds no violations in a quiz: every question type, its feedback, the results and progress', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await page.emulateMedia({ colorScheme });
		await startQuiz(page, 20);
		const checked = new Set<string>();
		for (let i = 0; i < 20; i++) {
			const q = await currentQuestion(page, bundle);
			const fresh = !checked.has(q.type);
			if (fresh) expect(await check(page), `${q.type} question`).toEqual([]);
			if (!(fresh && (await answerWrong(page, bundle, q))))
				await answerRight(page, bundle, q, 'touch');
			await primary(page, 'touch');
			if (fresh) expect(await check(page), `${q.type} feedback`).toEqual([]);
			checked.add(q.type);
			await primary(page, 'touch');
		}
		await page.getByRole('heading', { name: 'Your results' }).waitFor();
		expect(await check(page), 'results').toEqual([]);
		await page.goto(`${BASE}/`);
		await page.getByRole('heading', { name: 'Stories' }).waitFor();
		expect(await check(page), 'home with progress').toEqual([]);
		await page.goto(`${BASE}/progress`);
		await page.getByRole('heading', { name: 'Accuracy by section' }).waitFor();
		expect(await check(page), 'progress with data').toEqual([]);
		await context.close();
	});
});

function check(page: Page) {
	return axeViolations(page);
}
