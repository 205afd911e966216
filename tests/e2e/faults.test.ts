import { readdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Question, StoryBundle } from '../../src/lib/content/model';
import type { Answer, Attempt } from '../../src/lib/quiz/attempt';
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
import {
	BASE,
	PHONE,
	cspViolations,
	foreignRequests,
	phoneContext,
	textOf,
	useBrowser,
	watchCsp
} from './support';
import { putRecords, readStore } from './records';

/*
 * Faults a student's device can throw at the quiz: storage that fails or is cleared, a second tab,
 * a bank an update changed, junk records, text that does not wrap, broken addresses. Each test says
 * what the student sees and checks that nothing is lost.
 */

const chromium = useBrowser();
let bundle: StoryBundle;
beforeAll(async () => {
	bundle = await fetchBundle();
});

/** Records as the app stores them, read back raw. */
type StoredAttempt = Attempt;
type StoredAnswer = Answer;

/**
 * A phone context like `phoneContext`, with service workers blocked: a route on the context then
 * answers every fetch of the page, where a service worker would answer from its own cache.
 */
async function phoneContextWithoutWorker(
	browser: Browser
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({
		viewport: PHONE,
		hasTouch: true,
		isMobile: true,
		deviceScaleFactor: 2,
		serviceWorkers: 'block'
	});
	watchCsp(context);
	context.on('request', (r) => {
		if (!/^(https?:\/\/127\.0\.0\.1:\d+\/|data:|blob:)/.test(r.url()))
			foreignRequests.push(r.url());
	});
	return { context, page: await context.newPage() };
}

/** The attempt the quiz page is on, from its address. */
function attemptOf(page: Page): string {
	const id = new URL(page.url()).searchParams.get('attempt');
	if (!id) throw new Error(`Not on a quiz page: ${page.url()}`);
	return id;
}

async function storedAttempt(page: Page, id: string): Promise<StoredAttempt> {
	const attempt = (await readStore<StoredAttempt>(page, 'attempts')).find((a) => a.id === id);
	if (!attempt) throw new Error(`Attempt ${id} is not stored`);
	return attempt;
}

async function storedAnswers(page: Page, attemptId: string): Promise<StoredAnswer[]> {
	return (await readStore<StoredAnswer>(page, 'answers')).filter((a) => a.attemptId === attemptId);
}

const counter = (page: Page) => page.locator('h1.counter');
const actionButton = (page: Page) => page.locator('.actions button[type=submit]');
const resultsHeading = (page: Page) => page.getByRole('heading', { name: 'Your results' });

/** Presses Check and waits for the feedback on that question. */
async function check(page: Page, q: Question) {
	await primary(page, 'touch');
	await page.locator(`#feedback-${q.id}`).waitFor();
}

/** The question counter's text now, without waiting; null when none is shown (results, say). */
async function counterNow(page: Page): Promise<string | null> {
	const [text] = await counter(page).allTextContents();
	return text === undefined ? null : text.trim().replace(/\s+/g, ' ');
}

/**
 * Presses Next (or See results) and waits for the move. A press within a moment of Check is
 * ignored by design (the double-tap guard), so it presses again until the quiz moves, never
 * while a save is under way.
 */
async function moveOn(page: Page) {
	const before = await counterNow(page);
	if (before === null) throw new Error('No question on screen to move on from');
	const moved = async () => (await counterNow(page)) !== before;
	await expect
		.poll(
			async () => {
				if (await moved()) return true;
				if ((await page.locator('.save-state[data-saving="true"]').count()) === 0)
					// Short: the button goes when the last question moves on to the results.
					await actionButton(page)
						.tap({ timeout: 2000 })
						.catch(() => {});
				return moved();
			},
			{ timeout: 15_000, interval: 400, message: `moving on from ${before}` }
		)
		.toBe(true);
}

/** Answers the question on screen (right, or wrong when asked and the type has an obvious miss). */
async function answerOne(page: Page, book: StoryBundle, wrong = false): Promise<Question> {
	const q = await currentQuestion(page, book);
	if (!wrong || !(await answerWrong(page, book, q))) await answerRight(page, book, q, 'touch');
	await check(page, q);
	await moveOn(page);
	return q;
}

/** Holds for a while and fails if the locator shows up meanwhile: for what must not appear. */
async function staysAbsent(locator: Locator, ms = 2000) {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		expect(await locator.count()).toBe(0);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** The page has rendered its main heading and is not waiting on storage. */
async function notHanging(page: Page) {
	await page.locator('main h1').first().waitFor();
	await expect
		.poll(() => textOf(page.locator('main')), { timeout: 5000 })
		.not.toMatch(/Loading your progress…|Opening your quiz…|Opening…|Loading…/);
}

describe('a write that fails (device full)', () => {
	it('keeps the student on the question, says why, and saves on Try again', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await context.addInitScript(() => {
			const proto = IDBObjectStore.prototype as unknown as Record<
				string,
				(...args: unknown[]) => unknown
			>;
			for (const method of ['add', 'put']) {
				const original = proto[method]!;
				proto[method] = function (this: IDBObjectStore, ...args: unknown[]) {
					if ((window as unknown as { __failWrites?: boolean }).__failWrites)
						throw new DOMException('full', 'QuotaExceededError');
					return original.apply(this, args);
				};
			}
		});
		const setFailing = (on: boolean) =>
			page.evaluate((on) => Object.assign(window, { __failWrites: on }), on);

		await startQuiz(page, 5);
		const id = attemptOf(page);
		const q = await currentQuestion(page, bundle);
		await answerRight(page, bundle, q, 'touch');
		await setFailing(true);
		await primary(page, 'touch');

		const failing = async () => {
			await expect.poll(() => textOf(actionButton(page))).toBe('Try again');
			await expect.poll(() => textOf(page.locator('.actions .hint'))).toMatch(/^Not saved:/);
			expect(await textOf(page.locator('.actions .hint'))).toContain('out of space');
			await saved(page);
			expect(await textOf(counter(page))).toContain('Question 1 of 5');
			expect(await page.locator('.feedback').count()).toBe(0);
			expect(await textOf(page.locator('.save-state'))).not.toContain(
				'Your answers are saved as you go.'
			);
			expect(await storedAnswers(page, id)).toEqual([]);
		};
		await failing();
		// Pressed again while the device is still full: the same, nothing half-done.
		await primary(page, 'touch');
		await failing();

		await setFailing(false);
		await primary(page, 'touch');
		await expect.poll(() => textOf(page.locator(`#feedback-${q.id}`))).toContain('Right');
		await expect.poll(() => textOf(actionButton(page))).toBe('Next question');
		expect(await textOf(page.locator('.actions .hint'))).not.toContain('Not saved');
		await expect
			.poll(() => textOf(page.locator('.save-state')))
			.toBe('Your answers are saved as you go.');
		await moveOn(page);
		await expect.poll(() => textOf(counter(page))).toContain('Question 2 of 5');
		await saved(page);

		await page.reload();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		await expect.poll(() => textOf(counter(page))).toContain('Question 2 of 5');
		expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
		const answers = await storedAnswers(page, id);
		expect(answers.map((a) => [a.questionId, a.score])).toEqual([[q.id, 1]]);
		await context.close();
	});
});

describe('a double tap on Check', () => {
	it('shows the feedback and does not skip past it', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await startQuiz(page, 5);
		const q = await currentQuestion(page, bundle);
		await answerRight(page, bundle, q, 'touch');
		const button = actionButton(page);
		await button.scrollIntoViewIfNeeded();
		const box = (await button.boundingBox())!;
		await page.evaluate(() => {
			const clicks = { count: 0 };
			Object.assign(window, { clicks });
			document.addEventListener('click', () => clicks.count++, true);
		});
		const x = box.x + box.width / 2;
		const y = box.y + box.height / 2;
		await page.touchscreen.tap(x, y);
		await page.touchscreen.tap(x, y);
		// Both taps reached the page as presses of the button.
		await expect
			.poll(() =>
				page.evaluate(() => (window as unknown as { clicks: { count: number } }).clicks.count)
			)
			.toBe(2);
		await expect.poll(() => textOf(page.locator(`#feedback-${q.id}`))).toContain('Right');
		// Longer than the guard: a late second tap would have moved on by now.
		await page.waitForTimeout(1200);
		await saved(page);
		expect(await textOf(counter(page))).toContain('Question 1 of 5');
		expect(await page.locator(`#feedback-${q.id}`).isVisible()).toBe(true);
		expect(await textOf(button)).toBe('Next question');
		// A deliberate press afterwards moves on, as always.
		await moveOn(page);
		await expect.poll(() => textOf(counter(page))).toContain('Question 2 of 5');
		await context.close();
	});
});

describe('two tabs on one attempt', () => {
	it('lets the stale tab catch up with the finished quiz, losing and reviving nothing', async () => {
		const { context, page: a } = await phoneContext(chromium.browser);
		await startQuiz(a, 5);
		const url = a.url();
		const b = await context.newPage();
		await b.goto(url);
		await b.getByRole('button', { name: 'Check answer' }).waitFor();
		const first = await currentQuestion(b, bundle);

		// While the quiz is under way it is offered on the home page (the check below means something).
		const home = await context.newPage();
		await home.goto(`${BASE}/`);
		await home.getByRole('heading', { name: 'Continue where you left off' }).waitFor();
		await home.close();

		// Each tab in front while it is used, as a student would have it: a tab behind is throttled.
		await a.bringToFront();
		for (let i = 0; i < 5; i++) await answerOne(a, bundle);
		await resultsHeading(a).waitFor();
		await expect.poll(() => textOf(a.locator('.score strong'))).toBe('100%');
		await saved(a);

		// Tab B, opened before A started, is still on question 1. It answers (wrongly if it can).
		await b.bringToFront();
		expect((await currentQuestion(b, bundle)).id).toBe(first.id);
		if (!(await answerWrong(b, bundle, first))) await answerRight(b, bundle, first, 'touch');
		await primary(b, 'touch');
		// Answers are final: tab A's right answer stands and is the one shown.
		await expect.poll(() => textOf(b.locator(`#feedback-${first.id}`))).toContain('Right');
		await moveOn(b);
		const moved = b.getByText('This quiz had moved on in another tab');
		await expect
			.poll(async () => (await resultsHeading(b).count()) + (await moved.count()))
			.toBeGreaterThan(0);
		await b.screenshot({ path: '/tmp/faults-two-tabs.png', fullPage: true });
		if (await resultsHeading(b).count()) {
			// The results are the quiz's, answered in tab A: all five, all right, and B says why.
			expect(await b.getByText('This quiz was finished in another tab').count()).toBe(1);
			expect(await textOf(b.locator('.score strong'))).toBe('100%');
			expect(await b.getByText('Not answered.').count()).toBe(0);
		}

		const fresh = await context.newPage();
		await fresh.goto(`${BASE}/`);
		await fresh.locator('main h1').first().waitFor();
		await staysAbsent(fresh.getByRole('heading', { name: 'Continue where you left off' }));

		await fresh.goto(`${BASE}/progress`);
		await expect.poll(() => fresh.locator('.attempts li').count()).toBe(1);
		const row = fresh.locator('.attempts li').first();
		await row.getByRole('link', { name: 'Review answers' }).waitFor();
		expect(await row.getByRole('link', { name: 'Resume' }).count()).toBe(0);
		expect(await textOf(row)).toContain('Score 100% · 5 questions');
		const stored = await storedAttempt(fresh, attemptOf(a));
		expect(stored.finishedAt).not.toBeNull();
		expect(await storedAnswers(fresh, stored.id)).toHaveLength(5);
		await context.close();
	}, 180_000);
});

describe('a bank changed under an attempt by an update', () => {
	it('drops the withdrawn questions, keeps counts and scores in step, and closes an emptied quiz', async () => {
		// Service workers blocked: the bank is precached, and the worker would answer from its
		// cache; a route on the context stands in for the updated bank instead.
		const { context, page } = await phoneContextWithoutWorker(chromium.browser);
		const withdrawn = new Set<string>();
		await context.route('**/data/questions/*.json', async (route) => {
			const response = await route.fetch();
			const questions = (await response.json()) as Question[];
			await route.fulfill({ response, json: questions.filter((q) => !withdrawn.has(q.id)) });
		});

		await startQuiz(page, 20);
		const url = page.url();
		const id = attemptOf(page);
		for (let i = 0; i < 8; i++) await answerOne(page, bundle);
		await expect.poll(() => textOf(counter(page))).toContain('Question 9 of 20');
		await saved(page);
		const before = await storedAttempt(page, id);
		const refs = before.questions.map((r) => r.questionId);
		expect(before.position).toBe(8);
		expect((await storedAnswers(page, id)).map((a) => a.questionId).sort()).toEqual(
			refs.slice(0, 8).sort()
		);
		// Two answered, the current one, three not yet reached.
		for (const i of [1, 4, 8, 11, 14, 17]) withdrawn.add(refs[i]!);

		await page.reload();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		// The current question went: the student is at the next one still there.
		expect((await currentQuestion(page, bundle)).id).toBe(refs[9]);
		await expect.poll(() => textOf(counter(page))).toContain('Question 7 of 14');
		const bar = page.getByRole('progressbar');
		expect(await bar.getAttribute('aria-valuenow')).toBe('6');
		expect(await bar.getAttribute('aria-valuemax')).toBe('14');
		await saved(page);
		expect((await storedAttempt(page, id)).questions).toHaveLength(14);

		let wrong = false;
		for (let i = 7; i <= 14; i++) {
			await expect.poll(() => textOf(counter(page))).toContain(`Question ${i} of 14`);
			const q = await currentQuestion(page, bundle);
			if (!wrong && (await answerWrong(page, bundle, q))) wrong = true;
			else await answerRight(page, bundle, q, 'touch');
			await check(page, q);
			await moveOn(page);
		}
		await resultsHeading(page).waitFor();
		const score = await textOf(page.locator('.score strong'));
		expect(score).toBe(wrong ? `${Math.round((13 / 14) * 100)}%` : '100%');
		expect(await textOf(page.locator('.score'))).toContain(
			wrong ? '13 right, 1 to practise' : '14 right'
		);
		expect(await page.locator('.review > li').count()).toBe(14);
		// Nothing lost: the answers to withdrawn questions are still on the device.
		expect(await storedAnswers(page, id)).toHaveLength(16);

		await page.getByRole('link', { name: 'See your progress' }).tap();
		await expect.poll(() => page.locator('.attempts li').count()).toBe(1);
		expect(await textOf(page.locator('.attempts li').first())).toContain(
			`Score ${score} · 14 questions`
		);

		// A second quiz, under way, offered on the home page.
		await startQuiz(page, 5);
		const second = page.url();
		const secondId = attemptOf(page);
		await answerOne(page, bundle);
		await saved(page);
		await page.goto(`${BASE}/`);
		await page.getByRole('heading', { name: 'Continue where you left off' }).waitFor();

		// Then an update withdraws every question of both quizzes.
		for (const r of (await storedAttempt(page, secondId)).questions) withdrawn.add(r.questionId);
		for (const r of refs) withdrawn.add(r);
		for (const address of [second, url]) {
			await page.goto(address);
			await page
				.getByRole('heading', { name: 'This quiz’s questions have been withdrawn' })
				.waitFor();
		}
		await page.goto(`${BASE}/`);
		await page.locator('main h1').first().waitFor();
		await staysAbsent(page.getByRole('heading', { name: 'Continue where you left off' }));
		expect((await storedAttempt(page, secondId)).finishedAt).not.toBeNull();
		expect(await storedAnswers(page, secondId)).toHaveLength(1);
		expect(await storedAnswers(page, id)).toHaveLength(16);
		await context.close();
	}, 180_000);
});

describe('junk and foreign records', () => {
	it('survives a foreign database called byline: says so, and still runs a quiz in the tab', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		// A page on the origin that runs none of the app's code makes the other app's database.
		await page.goto(`${BASE}/favicon.svg`);
		await page.evaluate(
			() =>
				new Promise<void>((resolve, reject) => {
					const open = indexedDB.open('byline', 1);
					open.onupgradeneeded = () => {
						open.result.createObjectStore('notes', { keyPath: 'id' }).put({ id: 1, text: 'mine' });
					};
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						open.result.close();
						resolve();
					};
				})
		);

		await page.goto(`${BASE}/`);
		await notHanging(page);
		const banner = page.locator('.storage-problem');
		await expect.poll(() => textOf(banner)).toContain('could not open its storage');

		await startQuiz(page, 5);
		await expect.poll(() => textOf(banner)).toContain('could not open its storage');
		await expect
			.poll(() => textOf(page.locator('.save-state')))
			.toBe('Answers are kept until you close this tab.');
		for (let i = 0; i < 5; i++) await answerOne(page, bundle);
		await expect.poll(() => textOf(page.locator('.score strong'))).toBe('100%');
		// Kept for the tab: the progress page, reached within it, lists the quiz.
		await page.getByRole('link', { name: 'See your progress' }).tap();
		await expect.poll(() => page.locator('.attempts li').count()).toBe(1);
		expect(await textOf(page.locator('.attempts li').first())).toContain('Score 100%');

		for (const path of ['/progress', '/settings', `/stories/${STORY}`, '/quiz?attempt=nope']) {
			await page.goto(BASE + path);
			await notHanging(page);
		}
		await page.getByRole('heading', { name: 'No quiz to continue' }).waitFor();

		// The other app's database is as it was.
		const theirs = await page.evaluate(
			() =>
				new Promise<{ version: number; stores: string[]; notes: unknown[] }>((resolve, reject) => {
					const open = indexedDB.open('byline');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const db = open.result;
						const request = db.transaction('notes').objectStore('notes').getAll();
						request.onsuccess = () => {
							db.close();
							resolve({
								version: db.version,
								stores: [...db.objectStoreNames],
								notes: request.result
							});
						};
					};
				})
		);
		expect(theirs).toEqual({ version: 1, stores: ['notes'], notes: [{ id: 1, text: 'mine' }] });
		await context.close();
	});

	it('skips junk attempt records, says so, and lists the good quizzes', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await startQuiz(page, 5);
		for (let i = 0; i < 5; i++) await answerOne(page, bundle);
		await resultsHeading(page).waitFor();
		await startQuiz(page, 5);
		const unfinished = attemptOf(page);
		await answerOne(page, bundle);
		await saved(page);

		const now = Date.now();
		const valid = {
			seed: 1,
			categories: ['actors'],
			position: 0,
			startedAt: now,
			updatedAt: now,
			finishedAt: null
		};
		await putRecords(page, 'attempts', [
			{ ...valid, id: 'junk-null-questions', questions: null },
			{ ...valid, id: 'junk-v1', storyId: STORY, questionIds: null },
			{ id: 'x' }
		]);

		await page.goto(`${BASE}/progress`);
		await notHanging(page);
		await expect.poll(() => page.locator('.attempts li').count()).toBe(2);
		expect(await textOf(page.locator('.attempts'))).toContain('Review answers');
		expect(await textOf(page.locator('.attempts'))).toContain('In progress: 1 of 5 answered');
		await expect
			.poll(() => textOf(page.locator('.storage-problem')))
			.toMatch(/could not be read .* skipped/);

		await page.goto(`${BASE}/`);
		await notHanging(page);
		await page.getByRole('heading', { name: 'Continue where you left off' }).waitFor();
		expect(await page.getByRole('link', { name: 'Resume quiz' }).getAttribute('href')).toContain(
			encodeURIComponent(unfinished)
		);

		for (const junk of ['junk-null-questions', 'junk-v1', 'x']) {
			await page.goto(`${BASE}/quiz?attempt=${junk}`);
			await page.getByRole('heading', { name: 'No quiz to continue' }).waitFor();
		}
		await context.close();
	}, 180_000);
});

describe('a tampered response', () => {
	it('reviews an answer whose stored response no longer reads, without getting stuck', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		let missed: Question | null = null;
		for (let tries = 0; !missed && tries < 4; tries++) {
			await startQuiz(page, 5);
			for (let i = 0; i < 5; i++) {
				const q = await currentQuestion(page, bundle);
				if (!missed && (await answerWrong(page, bundle, q))) missed = q;
				else await answerRight(page, bundle, q, 'touch');
				await check(page, q);
				await moveOn(page);
			}
		}
		if (!missed) throw new Error('No question with an obvious wrong answer came up');
		await resultsHeading(page).waitFor();
		await saved(page);
		const id = attemptOf(page);
		const review = page.locator('.review > li').filter({ hasText: missed.prompt });
		await expect.poll(() => textOf(review)).toContain('You said');
		expect(await textOf(review)).not.toContain('can no longer be read');

		const answer = (await storedAnswers(page, id)).find((a) => a.questionId === missed.id)!;
		const wrongShapes: unknown[] = [{ foo: [1, 2] }, missed.type === 'truefalse' ? 'yes' : 42];
		for (const response of wrongShapes) {
			await putRecords(page, 'answers', [{ ...answer, response }]);
			await page.reload();
			await resultsHeading(page).waitFor();
			await expect.poll(() => textOf(review)).toContain('your answer can no longer be read');
			expect(await page.locator('.review > li').count()).toBe(5);
			expect(await textOf(page.locator('.score strong'))).toMatch(/^\d+%$/);
		}
		await context.close();
	}, 180_000);
});

describe('site data cleared mid-quiz', () => {
	it('says the answer is not saved and how to carry on, instead of hanging on Saving…', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await startQuiz(page, 5);
		await answerOne(page, bundle);
		await saved(page);

		const cdp = await context.newCDPSession(page);
		await cdp.send('Storage.clearDataForOrigin', { origin: BASE, storageTypes: 'indexeddb' });
		// Chromium closes the open connection at once ("close" event): the layout says so.
		await expect
			.poll(() => textOf(page.locator('.storage-problem')), { timeout: 5000 })
			.toContain('This browser closed Byline’s storage');

		const q = await currentQuestion(page, bundle);
		await answerRight(page, bundle, q, 'touch');
		await primary(page, 'touch');
		const hint = page.locator('.actions .hint');
		await expect.poll(() => textOf(hint), { timeout: 5000 }).toMatch(/^Not saved:/);
		expect(await textOf(hint)).toMatch(/Reload this page/);
		expect(await textOf(page.locator('.save-state'))).not.toBe('Saving…');
		expect(await textOf(actionButton(page))).toBe('Try again');
		await page.screenshot({ path: '/tmp/faults-cleared.png', fullPage: true });

		// The way forward it names: a reload, which finds the quiz gone and says so plainly.
		await page.reload();
		await notHanging(page);
		await page.getByRole('heading', { name: 'No quiz to continue' }).waitFor();
		await context.close();
	});
});

describe('long unbreakable text', () => {
	it('keeps a phone page within its width, before and after checking', async () => {
		const { context, page } = await phoneContextWithoutWorker(chromium.browser);
		const url = `https://example.org/${'a'.repeat(80)}`;
		const token = 'W'.repeat(384);
		const long = (s: string) => `${s} ${token}`;
		const stretch = (q: Question): Question => {
			const r = { ...q, prompt: `${url} ${q.prompt}` } as Question & Record<string, unknown>;
			const x = q as Question & Record<string, unknown>;
			if (Array.isArray(x.options) && q.type !== 'source')
				r.options = (x.options as string[]).map(long);
			if (Array.isArray(x.answers)) r.answers = (x.answers as string[]).map(long);
			if (q.type === 'single') r.answer = long(q.answer);
			if (Array.isArray(x.items)) r.items = (x.items as string[]).map(long);
			if (q.type === 'match')
				r.pairs = q.pairs.map((p) => ({ left: long(p.left), right: long(p.right) }));
			return r;
		};
		const stretched: StoryBundle = { ...bundle, questions: bundle.questions.map(stretch) };
		await context.route('**/data/questions/*.json', async (route) => {
			const response = await route.fetch();
			const questions = (await response.json()) as Question[];
			await route.fulfill({ response, json: questions.map(stretch) });
		});

		const fits = async (when: string) => {
			expect(
				await page.evaluate(() => document.documentElement.scrollWidth),
				`page width ${when}`
			).toBeLessThanOrEqual(PHONE.width);
			const button = actionButton(page);
			await button.scrollIntoViewIfNeeded();
			const box = (await button.boundingBox())!;
			expect(box.x, `button ${when}`).toBeGreaterThanOrEqual(0);
			expect(box.y, `button ${when}`).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width, `button ${when}`).toBeLessThanOrEqual(PHONE.width);
			expect(box.y + box.height, `button ${when}`).toBeLessThanOrEqual(PHONE.height);
		};

		await startQuiz(page, 5);
		for (let i = 1; i <= 5; i++) {
			await expect.poll(() => textOf(counter(page))).toContain(`Question ${i} of 5`);
			const q = await currentQuestion(page, stretched);
			expect(await textOf(page.locator(`#q-${q.id}`))).toContain(url);
			await fits(`with ${q.type} question ${q.id}`);
			await answerRight(page, stretched, q, 'touch');
			await check(page, q);
			await fits(`with the feedback on ${q.type} question ${q.id}`);
			if (i === 1) await page.screenshot({ path: '/tmp/faults-long-text.png', fullPage: true });
			if (i < 5) await moveOn(page);
		}
		// The address is text, never a link.
		expect(await page.locator(`a[href^="https://example.org"]`).count()).toBe(0);
		await context.close();
	});
});

describe('a malformed or unknown address', () => {
	it('shows the not-found page for a broken escape, online and offline, and knows no such story', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(`${BASE}/`);
		await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), null, {
			timeout: 30_000
		});
		await page.evaluate(() => navigator.serviceWorker.ready);

		const notFound = page.getByRole('heading', { name: 'Page not found' });
		await page.goto(`${BASE}/stories/%E0%A4%A`);
		// The browser keeps the broken escape as it is: the app gets the address the student typed.
		expect(page.url()).toBe(`${BASE}/stories/%E0%A4%A`);
		await notFound.waitFor();
		await page.getByRole('link', { name: 'Go to the stories' }).waitFor();

		await context.setOffline(true);
		await page.goto(`${BASE}/stories/%E0%A4%A`);
		await notFound.waitFor();
		expect(await textOf(page.locator('main'))).not.toBe('');

		await page.goto(`${BASE}/stories/no-such-story`);
		await notFound.waitFor();
		expect(await textOf(page.locator('main'))).toContain('There is no such story.');
		expect(await textOf(page.locator('main'))).not.toMatch(/Internal Error|went wrong/i);
		await context.close();
	});
});

describe('the Content-Security-Policy', () => {
	it('is on every page and forbids inline scripts and eval', async () => {
		const pages = (readdirSync('build', { recursive: true }) as string[]).filter((f) =>
			f.endsWith('.html')
		);
		expect(pages.length).toBeGreaterThanOrEqual(5);
		for (const file of pages) {
			const html = await (await fetch(`${BASE}/${file}`)).text();
			const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html);
			expect(meta, file).not.toBeNull();
			const policy = meta![1]!.replaceAll('&#39;', "'").replaceAll('&quot;', '"');
			const scriptSrc = policy
				.split(';')
				.map((d) => d.trim())
				.find((d) => d.startsWith('script-src '));
			expect(scriptSrc, file).toBeDefined();
			expect(scriptSrc, file).toContain("'self'");
			expect(scriptSrc, file).not.toContain("'unsafe-inline'");
			expect(scriptSrc, file).not.toContain("'unsafe-eval'");
		}
	});

	it('refuses an injected inline script, and reports it', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(`${BASE}/`);
		await page.locator('main h1').first().waitFor();
		const before = cspViolations.length;
		await page.evaluate(() => {
			const s = document.createElement('script');
			s.textContent = 'window.__ran = 1';
			document.head.append(s);
		});
		await expect.poll(() => cspViolations.length).toBeGreaterThan(before);
		expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBe(
			undefined
		);
		const reported = cspViolations.splice(before);
		expect(
			reported.every((v) => /inline script/i.test(v)),
			reported.join('\n')
		).toBe(true);
		await context.close();
	});
});

describe('a quiz with no questions', () => {
	it('cannot be started: Start stays disabled and the setup says why', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(`${BASE}/stories/${STORY}`);
		await untilInteractive(page);
		const start = page.getByRole('button', { name: 'Start quiz' });
		for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
		await expect.poll(() => start.isDisabled()).toBe(true);
		await expect
			.poll(() => textOf(page.locator('form p[aria-live]')))
			.toBe('Choose at least one section.');
		// A section with questions makes it possible again.
		await page.getByRole('checkbox').first().check();
		await expect.poll(() => start.isEnabled()).toBe(true);
		await context.close();
	});
});
