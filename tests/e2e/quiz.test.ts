import { beforeAll, describe, expect, it } from 'vitest';
import type { StoryBundle } from '../../src/lib/content/model';
import {
	STORY,
	answerRight,
	answerWrong,
	currentQuestion,
	fetchBundle,
	primary,
	saved,
	startQuiz
} from './quiz-driver';
import { BASE, DESKTOP, phoneContext, textOf, useBrowser } from './support';

const chromium = useBrowser();
let bundle: StoryBundle;
beforeAll(async () => {
	bundle = await fetchBundle();
});

function sameOrigin(requests: string[]) {
	return requests.filter((url) => !url.startsWith(BASE) && !url.startsWith('data:'));
}

describe('a student takes a quiz on a phone', () => {
	it('answers twenty mixed questions by touch and sees full marks, per section and in review', async () => {
		const { context, page, requests } = await phoneContext(chromium.browser);
		await startQuiz(page, 20);
		const types = new Set<string>();
		for (let i = 1; i <= 20; i++) {
			await expect
				.poll(() => page.locator('h1.counter').textContent())
				.toContain(`Question ${i} of 20`);
			const q = await currentQuestion(page, bundle);
			types.add(q.type);
			await answerRight(page, bundle, q, 'touch');
			await primary(page, 'touch');
			await expect.poll(() => textOf(page.locator(`#feedback-${q.id}`))).toContain('Right');
			// The evidence and a way into the source are shown with every answer.
			await page.locator('.feedback blockquote').first().waitFor();
			await primary(page, 'touch');
		}
		await page.getByRole('heading', { name: 'Your results' }).waitFor();
		await expect.poll(() => textOf(page.locator('.score strong'))).toBe('100%');
		expect(await page.locator('.by-category tbody tr').count()).toBe(4);
		expect(await page.locator('.review > li').count()).toBe(20);
		expect(types.size).toBeGreaterThanOrEqual(5);
		expect(sameOrigin(requests)).toEqual([]);
		await page.screenshot({ path: 'test-results/phone-results.png' });
		await context.close();
	});

	it('shows the right answer, the explanation and the evidence after a wrong answer', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await startQuiz(page, 20);
		for (let i = 0; i < 20; i++) {
			const q = await currentQuestion(page, bundle);
			if (await answerWrong(page, bundle, q)) {
				await primary(page, 'touch');
				const feedback = page.locator(`#feedback-${q.id}`);
				await expect.poll(() => textOf(feedback)).toContain('Not quite');
				await expect.poll(() => textOf(page.locator('.feedback'))).toContain('The answer');
				await expect.poll(() => textOf(page.locator('.feedback'))).toContain(q.explanation);
				// The quoted words, marked in the sentence around them.
				await expect
					.poll(() => textOf(page.locator('.feedback blockquote mark').first()))
					.toBe(q.evidence[0]!.quote.replace(/\s+/g, ' ').trim());
				await page.screenshot({ path: 'test-results/phone-wrong.png', fullPage: true });
				await context.close();
				return;
			}
			await answerRight(page, bundle, q, 'touch');
			await primary(page, 'touch');
			await primary(page, 'touch');
		}
		throw new Error('No question with an obvious wrong answer came up');
	});

	it('asks for an answer before checking, instead of scoring an empty response', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await startQuiz(page, 5);
		const q = await currentQuestion(page, bundle);
		if (q.type !== 'order') {
			await primary(page, 'touch');
			await expect
				.poll(() => textOf(page.locator('.actions .hint')))
				.toBe('Answer the question first, then check it. Not sure? Choose “I don’t know”.');
			await page.getByRole('button', { name: 'Check answer' }).waitFor();
		}
		await context.close();
	});
});

describe('a student takes a quiz by keyboard alone', () => {
	it('reaches, answers and moves on through every question without a pointer', async () => {
		const { context, page } = await phoneContext(chromium.browser, DESKTOP);
		await startQuiz(page, 20);
		for (let i = 1; i <= 20; i++) {
			const q = await currentQuestion(page, bundle);
			await answerRight(page, bundle, q, 'keyboard');
			await primary(page, 'keyboard');
			await expect
				.poll(() => textOf(page.locator(`#feedback-${q.id}`)), {
					message: `${q.type} question ${q.id}`
				})
				.toContain('Right');
			// Focus moves to the feedback, so a screen reader announces the verdict.
			await expect
				.poll(() => page.evaluate(() => document.activeElement?.id))
				.toBe(`feedback-${q.id}`);
			await primary(page, 'keyboard');
		}
		await page.getByRole('heading', { name: 'Your results' }).waitFor();
		await expect.poll(() => textOf(page.locator('.score strong'))).toBe('100%');
		await page.screenshot({ path: 'test-results/desktop-results.png' });
		await context.close();
	});
});

describe('leaving mid-quiz loses nothing', () => {
	it('resumes at the same question after a reload, and from the home page', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await startQuiz(page, 10);
		const answered: string[] = [];
		for (let i = 0; i < 3; i++) {
			const q = await currentQuestion(page, bundle);
			await answerRight(page, bundle, q, 'touch');
			await primary(page, 'touch');
			await primary(page, 'touch');
			answered.push(q.id);
		}
		const fourth = await currentQuestion(page, bundle);
		const url = page.url();

		await saved(page);
		await page.reload();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		expect((await currentQuestion(page, bundle)).id).toBe(fourth.id);
		await expect.poll(() => textOf(page.locator('h1.counter'))).toContain('Question 4 of 10');
		await expect.poll(() => page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('3');

		// Answered but not moved on: a reload shows that answer's feedback, not a blank question.
		await answerRight(page, bundle, fourth, 'touch');
		await primary(page, 'touch');
		await saved(page);
		await page.reload();
		await expect.poll(() => textOf(page.locator(`#feedback-${fourth.id}`))).toContain('Right');
		await primary(page, 'touch');

		await page.goto(`${BASE}/`);
		await page.getByRole('heading', { name: 'Continue where you left off' }).waitFor();
		await expect.poll(() => textOf(page.locator('.continue'))).toContain('question 5 of 10');
		await page.getByRole('link', { name: 'Resume quiz' }).tap();
		await page.waitForURL(url);
		await expect.poll(() => textOf(page.locator('h1.counter'))).toContain('Question 5 of 10');

		for (let i = 5; i <= 10; i++) {
			const q = await currentQuestion(page, bundle);
			await answerRight(page, bundle, q, 'touch');
			await primary(page, 'touch');
			await primary(page, 'touch');
		}
		await expect.poll(() => textOf(page.locator('.score strong'))).toBe('100%');
		await expect.poll(() => textOf(page.locator('.score'))).toContain('10 right');
		await context.close();
	});

	it('tells the student plainly when a quiz link is not on this device', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(`${BASE}/quiz?attempt=not-a-real-attempt`);
		await page.getByRole('heading', { name: 'No quiz to continue' }).waitFor();
		await page.getByRole('link', { name: 'Choose a story' }).waitFor();
		await context.close();
	});

	it('opens a quiz from the address earlier versions used, at the same question', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await startQuiz(page, 5);
		const q = await currentQuestion(page, bundle);
		const attempt = new URL(page.url()).searchParams.get('attempt')!;
		await page.goto(`${BASE}/stories/${STORY}/quiz?attempt=${encodeURIComponent(attempt)}`);
		await page.waitForURL(`${BASE}/quiz?attempt=${encodeURIComponent(attempt)}`);
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		expect((await currentQuestion(page, bundle)).id).toBe(q.id);
		await context.close();
	});
});

describe('without IndexedDB', () => {
	it('says progress cannot be saved, and still lets the student take a quiz', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await context.addInitScript(() => {
			Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
		});
		await startQuiz(page, 5);
		await expect
			.poll(() => textOf(page.getByRole('status').first()))
			.toContain('does not let Byline save progress');
		for (let i = 0; i < 5; i++) {
			const q = await currentQuestion(page, bundle);
			await answerRight(page, bundle, q, 'touch');
			await primary(page, 'touch');
			await primary(page, 'touch');
		}
		await expect.poll(() => textOf(page.locator('.score strong'))).toBe('100%');
		await context.close();
	});
});

describe('progress', () => {
	it('lists past attempts, accuracy per section and the questions missed most', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await startQuiz(page, 5);
		let missed: string | null = null;
		for (let i = 0; i < 5; i++) {
			const q = await currentQuestion(page, bundle);
			if (!missed && (await answerWrong(page, bundle, q))) missed = q.prompt;
			else await answerRight(page, bundle, q, 'touch');
			await primary(page, 'touch');
			await primary(page, 'touch');
		}
		await page.getByRole('link', { name: 'See your progress' }).tap();
		await page.getByRole('heading', { name: 'Accuracy by section' }).waitFor();
		await expect.poll(() => page.locator('.attempts li').count()).toBe(1);
		await expect.poll(() => textOf(page.locator('.attempts'))).toContain('5 questions');
		if (missed) await expect.poll(() => textOf(page.locator('.missed'))).toContain(missed);
		await page.screenshot({ path: 'test-results/phone-progress.png', fullPage: true });
		await context.close();
	});
});

describe('keeping progress safe', () => {
	it('asks the browser to keep the data after the first finished quiz, not on first load', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await context.addInitScript(() => {
			const calls = { count: 0 };
			Object.assign(window, { persistCalls: calls });
			const original = navigator.storage.persist.bind(navigator.storage);
			navigator.storage.persist = () => {
				calls.count++;
				return original();
			};
		});
		const persistCalls = () =>
			page.evaluate(
				() => (window as unknown as { persistCalls: { count: number } }).persistCalls.count
			);
		await startQuiz(page, 5);
		expect(await persistCalls()).toBe(0);
		for (let i = 0; i < 5; i++) {
			const q = await currentQuestion(page, bundle);
			await answerRight(page, bundle, q, 'touch');
			await primary(page, 'touch');
			if (i < 4) expect(await persistCalls()).toBe(0);
			await primary(page, 'touch');
		}
		await page.getByRole('heading', { name: 'Your results' }).waitFor();
		await expect.poll(persistCalls).toBe(1);
		await context.close();
	});
});
