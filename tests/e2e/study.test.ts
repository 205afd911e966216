/**
 * Study mode in Chromium: questions met in a quiz come back in the due queue, new ones up to the
 * daily limit; a session says when each question comes back, and the queue moves on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StoryBundle } from '../../src/lib/content/model';
import { DEFAULT_STUDY_PREFS } from '../../src/lib/study/settings';
import { currentQuestion, fetchBundle, primary, saved, startQuiz } from './quiz-driver';
import { axeViolations, BASE, phoneContext, textOf, useBrowser } from './support';

const chromium = useBrowser();
let bundle: StoryBundle;
beforeAll(async () => {
	bundle = await fetchBundle();
});

async function dontKnow(page: Page) {
	await page.getByRole('button', { name: 'I don’t know' }).tap();
	await page.locator('.actions .verdict').waitFor();
	await saved(page);
}

async function counts(page: Page) {
	await page.getByTestId('due').waitFor();
	return {
		due: Number(await textOf(page.getByTestId('due'))),
		fresh: Number(await textOf(page.getByTestId('new')))
	};
}

describe('study', () => {
	it('brings back what a quiz missed, adds new questions up to the limit, and says when each returns', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		const limit = DEFAULT_STUDY_PREFS.newPerDay;
		await page.goto(`${BASE}/study`);
		expect(await counts(page)).toEqual({ due: 0, fresh: Math.min(limit, bundle.questions.length) });

		// A quiz of five, every one missed: each is due again within minutes, so today.
		await startQuiz(page, 5);
		const missed: string[] = [];
		for (let i = 0; i < 5; i++) {
			missed.push((await currentQuestion(page, bundle)).id);
			await dontKnow(page);
			await primary(page, 'touch');
		}
		await page
			.getByRole('heading', { name: /results/i })
			.first()
			.waitFor();

		await page.goto(`${BASE}/study`);
		// The five met today count against the day's new questions.
		expect(await counts(page)).toEqual({ due: 5, fresh: limit - 5 });
		await expect(
			page.getByText(`New questions today: 5 of ${limit} a day.`).isVisible()
		).resolves.toBe(true);
		expect(await axeViolations(page)).toEqual([]);

		// Narrowed to one section: only its questions, and its share of what is left of the limit.
		const section = bundle.questions.find((q) => q.id === missed[0])!.category;
		await page.getByLabel('Study', { exact: true }).selectOption(`category:${section}`);
		const inSection = missed.filter(
			(id) => bundle.questions.find((q) => q.id === id)!.category === section
		);
		await expect.poll(() => counts(page).then((c) => c.due)).toBe(inSection.length);
		await page.getByLabel('Study', { exact: true }).selectOption('all');
		await page.screenshot({ path: 'test-results/phone-study.png' });

		// The session asks the due ones first, most overdue first, and says when each comes back.
		await page.getByRole('button', { name: /^Study \d+ questions$/ }).tap();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		const first = await currentQuestion(page, bundle);
		expect(missed).toContain(first.id);
		await dontKnow(page);
		await expect
			.poll(() => page.locator('.comes-back').textContent())
			.toMatch(/^This question comes back in \d+ minutes?\.$/);
		await page.screenshot({ path: 'test-results/phone-study-feedback.png' });
		await context.close();
	});

	it('keeps the daily limit and the day’s start the student sets, and refuses a limit out of range', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(`${BASE}/settings`);
		const limit = page.getByLabel('New questions a day');
		await limit.waitFor();
		expect(await limit.inputValue()).toBe(String(DEFAULT_STUDY_PREFS.newPerDay));
		await limit.fill('3');
		await page.getByLabel('A new day starts at').selectOption({ label: '05:00' });
		await page.getByRole('button', { name: 'Save study settings' }).tap();
		await page.getByText('Saved.').waitFor();

		await limit.fill('500');
		await page.getByRole('button', { name: 'Save study settings' }).tap();
		await page
			.getByText('New questions a day must be a whole number from 0 to 200. Nothing was changed.')
			.waitFor();
		expect(await axeViolations(page)).toEqual([]);

		await page.reload();
		await expect.poll(() => limit.inputValue()).toBe('3');
		expect(await page.getByLabel('A new day starts at').inputValue()).toBe('5');
		await page.goto(`${BASE}/study`);
		expect(await counts(page)).toEqual({ due: 0, fresh: 3 });
		await page.getByText('New questions today: 0 of 3 a day.').waitFor();
		await context.close();
	});
});
