import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Question, StoryBundle } from '../../src/lib/content/model';
import type { Answer, Attempt } from '../../src/lib/quiz/attempt';
import { databaseReady, putRecords, readStore } from './records';
import {
	STORY,
	answerRight,
	answerWrong,
	currentQuestion,
	fetchBundle,
	primary,
	saved,
	startQuiz,
	untilInteractive
} from './quiz-driver';
import { BASE, PHONE, phoneContext, textOf, useBrowser } from './support';

/*
 * The student's feedback and learning loop, at phone size: the verdict in view after every
 * check, questions not seen first, practising what was missed, "I don't know", "I was right",
 * a draft that survives a reload, looking back, and the keyboard shortcuts.
 */

const chromium = useBrowser();
let bundle: StoryBundle;
beforeAll(async () => {
	bundle = await fetchBundle();
});

/** Records as the app stores them, read back raw. */
type StoredAnswer = Answer;
type StoredAttempt = Attempt;

const attemptId = (page: Page) => new URL(page.url()).searchParams.get('attempt')!;
const actionButton = (page: Page) => page.locator('.actions button[type=submit]');
const counter = (page: Page) => textOf(page.locator('h1.counter .count'));

/**
 * Opens a quiz of exactly these questions, stored as the app would store it: the database is
 * created by a first visit, then the attempt is written and opened.
 */
async function openQuizOf(page: Page, questions: Question[], mode = 'practice') {
	await page.goto(`${BASE}/`);
	await page.getByRole('heading', { name: 'Stories' }).waitFor();
	await databaseReady(page);
	const id = `seeded-${Math.random().toString(36).slice(2)}`;
	const now = Date.now();
	await putRecords(page, 'attempts', [
		{
			id,
			seed: 12345,
			categories: [...new Set(questions.map((q) => q.category))],
			questions: questions.map((q) => ({ storyId: STORY, questionId: q.id })),
			position: 0,
			startedAt: now,
			updatedAt: now,
			finishedAt: null,
			mode
		}
	]);
	await page.goto(`${BASE}/quiz?attempt=${id}`);
	await page.getByRole('button', { name: 'Check answer' }).waitFor();
	return id;
}

/** Presses "I don't know" and waits for its feedback, saved. */
async function dontKnow(page: Page) {
	await page.getByRole('button', { name: 'I don’t know' }).tap();
	await page.locator('.actions .verdict').waitFor();
	await saved(page);
}

/** One question of each type the bank has, in the bank's order. */
function oneOfEachType(): Question[] {
	const seen = new Set<string>();
	return bundle.questions.filter((q) => !seen.has(q.type) && seen.add(q.type));
}

/** Whether the element is inside the viewport and is what a tap at its centre would hit. */
function inViewUncovered(page: Page, selector: string) {
	return page.evaluate((selector) => {
		const el = document.querySelector(selector);
		if (!el) return 'missing';
		const r = el.getBoundingClientRect();
		if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth)
			return `outside the viewport: ${JSON.stringify(r)}`;
		const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		return hit && el.contains(hit) ? 'ok' : `covered by ${hit?.outerHTML.slice(0, 80)}`;
	}, selector);
}

/** The top of an element lies in the part of the viewport above the bottom bar. */
function topInView(page: Page, selector: string) {
	return page.evaluate((selector) => {
		const el = document.querySelector(selector);
		const bar = document.querySelector('.actions');
		if (!el || !bar) return false;
		const top = el.getBoundingClientRect().top;
		return top >= 0 && top < bar.getBoundingClientRect().top;
	}, selector);
}

describe('feedback at 360×640', () => {
	it('puts the verdict in view, uncovered, and the explanation above the bar, for every question type; a double tap does not skip it', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		const questions = oneOfEachType();
		await openQuizOf(page, questions);
		for (const [i, q] of questions.entries()) {
			expect(await counter(page)).toBe(`Question ${i + 1} of ${questions.length}`);
			// Every other question is answered wrong where the type has an obvious miss.
			if (!(i % 2 && (await answerWrong(page, bundle, q))))
				await answerRight(page, bundle, q, 'touch');
			const button = actionButton(page);
			const box = (await button.boundingBox())!;
			const x = box.x + box.width / 2;
			const y = box.y + box.height / 2;
			await page.touchscreen.tap(x, y);
			await page.touchscreen.tap(x, y);
			await page.locator(`#feedback-${q.id}`).waitFor();
			await saved(page);
			// Longer than the guard: the second tap did not move on, and a late one would have by now.
			await page.waitForTimeout(900);
			expect(await counter(page), `${q.type}: still on its question`).toBe(
				`Question ${i + 1} of ${questions.length}`
			);
			expect(await inViewUncovered(page, '.actions .verdict'), `${q.type} verdict`).toBe('ok');
			expect(await textOf(page.locator('.actions .verdict'))).toMatch(
				/Right|Partly right|Not quite/
			);
			expect(await topInView(page, `#feedback-${q.id}-why`), `${q.type} explanation`).toBe(true);
			await primary(page, 'touch');
		}
		await page.getByRole('heading', { name: /Your results/ }).waitFor();
		await context.close();
	});

	it('shows the evidence in its sentence, the quoted words marked, with the outlet’s full name', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		const q = bundle.questions[0]!;
		await openQuizOf(page, [q]);
		await dontKnow(page);
		const first = page.locator(`#feedback-${q.id}`).locator('xpath=..').locator('figure').first();
		await first.waitFor();
		const ev = q.evidence[0]!;
		const source = bundle.sources.find((s) => s.id === ev.source)!;
		expect(await textOf(first.locator('mark'))).toBe(ev.quote.replace(/\s+/g, ' ').trim());
		// The context is exact: the sentence is it and the quote, with nothing added between.
		expect(await textOf(first.locator('blockquote'))).toBe(
			(ev.context.before + ev.quote + ev.context.after).replace(/\s+/g, ' ').trim()
		);
		expect(await textOf(first.locator('figcaption'))).toContain(source.outletName);
		await context.close();
	});
});

describe('the learning loop', () => {
	it('prefers questions this device has not seen: the next quiz repeats none while unseen ones remain', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await startQuiz(page, 5);
		const first: string[] = [];
		for (let i = 0; i < 5; i++) {
			const q = await currentQuestion(page, bundle);
			first.push(q.id);
			await dontKnow(page);
			await primary(page, 'touch');
		}
		await page.getByRole('heading', { name: /Your results/ }).waitFor();
		await startQuiz(page, 5);
		const stored = (await readStore<StoredAttempt>(page, 'attempts')).find(
			(a) => a.id === attemptId(page)
		)!;
		const second = stored.questions.map((r) => r.questionId);
		const unseen = bundle.questions.length - first.length;
		const repeats = second.filter((id) => first.includes(id));
		expect(repeats.length).toBe(Math.max(0, second.length - unseen));
		await context.close();
	});

	it('“I don’t know” shows the answer and counts 0; Practise what you missed runs exactly the missed questions', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await startQuiz(page, 5);
		const missed: string[] = [];
		for (let i = 0; i < 5; i++) {
			const q = await currentQuestion(page, bundle);
			if (i % 2 === 0) {
				missed.push(q.id);
				await dontKnow(page);
				expect(await textOf(page.locator('.actions .verdict'))).toContain('Here is the answer');
				expect(await textOf(page.locator(`#feedback-${q.id}`).locator('xpath=..'))).toContain(
					'I don’t know'
				);
			} else {
				await answerRight(page, bundle, q, 'touch');
				await primary(page, 'touch');
			}
			await primary(page, 'touch');
		}
		await page.getByRole('heading', { name: /Your results/ }).waitFor();
		const first = attemptId(page);
		const answers = (await readStore<StoredAnswer>(page, 'answers')).filter(
			(a) => a.attemptId === first
		);
		for (const id of missed) {
			const a = answers.find((x) => x.questionId === id)!;
			expect(a.score).toBe(0);
			expect(a.dontKnow).toBe(true);
		}
		// Missed questions come first in the review; the rest are folded away.
		expect(await page.locator('details.fold[open]').count()).toBe(0);
		await page.getByRole('button', { name: `Practise the ${missed.length} you missed` }).tap();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		expect(attemptId(page)).not.toBe(first);
		const practice = (await readStore<StoredAttempt>(page, 'attempts')).find(
			(a) => a.id === attemptId(page)
		)!;
		expect(practice.questions.map((r) => r.questionId).sort()).toEqual([...missed].sort());

		// From Progress, all time: the questions whose latest answer was not right.
		await page.goto(`${BASE}/progress`);
		await page.getByRole('button', { name: 'Practise what you missed' }).tap();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		const fromProgress = (await readStore<StoredAttempt>(page, 'attempts')).find(
			(a) => a.id === attemptId(page)
		)!;
		expect(fromProgress.questions.map((r) => r.questionId).sort()).toEqual([...missed].sort());
		await context.close();
	});

	it('lets a student look back at an answered question, read-only, and come back', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		const [a, b] = bundle.questions.filter((q) => q.type === 'single');
		if (!a || !b) throw new Error('The bank needs two single-choice questions for this test');
		await openQuizOf(page, [a, b]);
		await answerRight(page, bundle, a, 'touch');
		await primary(page, 'touch');
		await primary(page, 'touch');
		expect(await counter(page)).toBe('Question 2 of 2');
		await page.getByRole('button', { name: '← Previous' }).tap();
		expect(await counter(page)).toBe('Question 1 of 2');
		await page.locator(`#feedback-${a.id}`).waitFor();
		for (const radio of await page.locator('main input[type=radio]').all())
			expect(await radio.isDisabled()).toBe(true);
		expect(await page.getByRole('button', { name: 'Check answer' }).count()).toBe(0);
		await page.getByRole('button', { name: 'Back to question 2' }).tap();
		expect(await counter(page)).toBe('Question 2 of 2');
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		const answers = (await readStore<StoredAnswer>(page, 'answers')).filter(
			(x) => x.attemptId === attemptId(page)
		);
		expect(answers.map((x) => x.questionId)).toEqual([a.id]);
		await context.close();
	});
});

describe('“I was right”', () => {
	const typed = () => {
		const q = bundle.questions.find((x) => x.type === 'text');
		if (!q) throw new Error('The bank needs a typed-answer question for this test');
		return q;
	};

	it('overrides a typed answer marked wrong in practice, and Progress shows it as the student’s', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		const q = typed();
		const id = await openQuizOf(page, [q]);
		await answerWrong(page, bundle, q);
		await primary(page, 'touch');
		expect(await textOf(page.locator('.actions .verdict'))).toContain('Not quite');
		await page.getByRole('button', { name: 'I was right' }).tap();
		await expect.poll(() => textOf(page.locator('.actions .verdict'))).toContain('marked by you');
		const answer = (await readStore<StoredAnswer>(page, 'answers')).find(
			(a) => a.attemptId === id
		)!;
		expect(answer.score).toBe(1);
		expect(answer.override?.from).toBe(0);
		await primary(page, 'touch');
		await page.getByRole('heading', { name: /Your results/ }).waitFor();
		await page.goto(`${BASE}/progress`);
		await expect
			.poll(() => textOf(page.locator('.attempts')))
			.toContain('1 answer marked right by you');
		await context.close();
	});

	it('is never offered in a teacher’s assignment', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		const q = typed();
		await openQuizOf(page, [q], 'assignment');
		await answerWrong(page, bundle, q);
		await primary(page, 'touch');
		await page.locator(`#feedback-${q.id}`).waitFor();
		expect(await page.getByRole('button', { name: 'I was right' }).count()).toBe(0);
		await context.close();
	});
});

describe('a draft', () => {
	it('survives a reload: a choice made but not checked is still chosen', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		const single = bundle.questions.find((q) => q.type === 'single')!;
		const text = bundle.questions.find((q) => q.type === 'text')!;
		const id = await openQuizOf(page, [single, text]);
		const wrong = single.type === 'single' ? single.options.find((o) => o !== single.answer)! : '';
		await page.getByRole('radio', { name: wrong, exact: true }).tap();
		await expect
			.poll(
				async () =>
					(await readStore<StoredAttempt>(page, 'attempts')).find((a) => a.id === id)?.draft
			)
			.toEqual({ questionId: single.id, response: { choice: wrong } });
		await page.reload();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		expect(await page.getByRole('radio', { name: wrong, exact: true }).isChecked()).toBe(true);
		// Checking it scores the draft; moving on clears it; a typed draft survives too.
		await primary(page, 'touch');
		await primary(page, 'touch');
		await page.locator('main input[type=text]').fill('A half-typed answer');
		await expect
			.poll(
				async () =>
					(await readStore<StoredAttempt>(page, 'attempts')).find((a) => a.id === id)?.draft
						?.questionId
			)
			.toBe(text.id);
		await page.reload();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		expect(await page.locator('main input[type=text]').inputValue()).toBe('A half-typed answer');
		await context.close();
	});
});

describe('the keyboard', () => {
	it('picks an option with a number key, checks with Enter, and moves on with Enter', async () => {
		const { context, page } = await phoneContext(chromium.browser, { width: 1280, height: 800 });
		const singles = bundle.questions.filter((q) => q.type === 'single').slice(0, 2);
		await openQuizOf(page, singles);
		await page.locator('h2[id^="q-"]').first().focus();
		await page.keyboard.press('2');
		expect(await page.locator('main input[type=radio]').nth(1).isChecked()).toBe(true);
		await page.keyboard.press('Enter');
		await page.locator(`#feedback-${singles[0]!.id}`).waitFor();
		await saved(page);
		// A held key's repeats and an Enter within the guard do not move on.
		await page.waitForTimeout(600);
		await page.keyboard.press('Enter');
		await expect.poll(() => counter(page)).toBe('Question 2 of 2');
		// The help lists the shortcuts on a wide screen.
		expect(await page.getByText('Keyboard shortcuts').isVisible()).toBe(true);
		await context.close();
	});
});

describe('desktop', () => {
	it('keeps Check with the options, not at the bottom of a tall window', async () => {
		const { context, page } = await phoneContext(chromium.browser, { width: 1280, height: 1200 });
		const q = bundle.questions.find((x) => x.type === 'truefalse') ?? bundle.questions[0]!;
		await openQuizOf(page, [q]);
		const gap = await page.evaluate(() => {
			const last = [...document.querySelectorAll('main .question input, main .question button')].at(
				-1
			)!;
			const button = document.querySelector('.actions button[type=submit]')!;
			return button.getBoundingClientRect().top - last.getBoundingClientRect().bottom;
		});
		expect(gap).toBeLessThan(200);
		await context.close();
	});
});

describe('phone layout', () => {
	it('shows the main action on the home page without scrolling', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(`${BASE}/`);
		const start = page.getByRole('link', { name: 'Start a quiz' }).first();
		const box = (await start.boundingBox())!;
		expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
		await context.close();
	});

	it('says “Choose at least one section” only while none is chosen', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(`${BASE}/stories/${STORY}`);
		await untilInteractive(page);
		const boxes = await page.getByRole('checkbox').all();
		for (const box of boxes) await box.uncheck();
		const status = page.locator('form p[aria-live]');
		await expect.poll(() => textOf(status)).toBe('Choose at least one section.');
		expect(await page.getByRole('button', { name: 'Start quiz' }).isDisabled()).toBe(true);
		await boxes[0]!.check();
		await expect.poll(() => textOf(status)).not.toContain('Choose at least one section');
		expect(await page.getByRole('button', { name: 'Start quiz' }).isDisabled()).toBe(false);
		await context.close();
	});

	it('keeps the question counter on one line', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await startQuiz(page, 20);
		for (let i = 0; i < 3; i++) {
			const lines = await page.locator('h1.counter .count').evaluate((el) => {
				const r = el.getClientRects();
				return r.length;
			});
			expect(lines).toBe(1);
			await dontKnow(page);
			await primary(page, 'touch');
		}
		await context.close();
	});
});
