import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question, StoryBundle } from '../../src/lib/content/model';
import { answerRight, answerWrong, currentQuestion, fetchBundle, primary } from './quiz-driver';
import { encodeCode } from '../../src/lib/share/code';
import { readStore } from './records';
import { BASE, DESKTOP, axeViolations, phoneContext, textOf, useBrowser } from './support';

/**
 * The teacher's loop, end to end, in separate browser contexts (separate devices): a teacher
 * composes and shares a link; a student opens it offline, takes it and hands in a result code;
 * the teacher reads it in the gradebook. Nothing here knows a story's facts: questions are read
 * from the build and answered through the same driver as every quiz test.
 */

const chromium = useBrowser();
let bundle: StoryBundle;
beforeAll(async () => {
	bundle = await fetchBundle();
});

interface Composed {
	link: string;
	title: string;
}

/** Composes and shares an assignment of one category's questions, as a teacher would. */
async function compose(
	page: Page,
	opts: { title: string; category: string; minutes?: number; feedback?: string }
): Promise<Composed> {
	await page.goto(`${BASE}/teach`);
	await page.getByRole('button', { name: 'New assignment' }).click();
	await page.getByRole('textbox', { name: 'Title', exact: true }).fill(opts.title);
	await page.getByRole('combobox', { name: 'Category' }).selectOption(opts.category);
	await page.getByRole('button', { name: /^Add all/ }).click();
	if (opts.minutes) {
		const limit = page.getByLabel('Time limit in minutes (empty: none)');
		await limit.fill(String(opts.minutes));
		await limit.blur();
	}
	if (opts.feedback) await page.getByLabel(opts.feedback).check();
	await page.getByRole('button', { name: 'Make the link' }).click();
	const link = await page.getByRole('textbox', { name: 'Assignment link' }).inputValue();
	return { link, title: opts.title };
}

/** Waits until a service worker controls the page, so everything is stored for offline use. */
async function untilControlled(page: Page) {
	await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), null, {
		timeout: 30_000
	});
	await page.evaluate(() => navigator.serviceWorker.ready);
}

/** The question on screen, from the bank. */
async function onScreen(page: Page): Promise<Question> {
	return currentQuestion(page, bundle);
}

describe('a teacher shares an assignment and a student takes it offline', () => {
	let teacher: { context: BrowserContext; page: Page };
	let student: { context: BrowserContext; page: Page };
	let composed: Composed;
	const expected = new Map<string, number>();
	let resultCode = '';

	beforeAll(async () => {
		teacher = await phoneContext(chromium.browser, DESKTOP);
		composed = await compose(teacher.page, {
			title: 'Dates: who said when',
			category: 'dates',
			feedback: 'After each question'
		});
		student = await phoneContext(chromium.browser);
		await student.page.goto(`${BASE}/`);
		await untilControlled(student.page);
		await student.context.setOffline(true);
	});
	afterAll(async () => {
		await teacher?.context.close();
		await student?.context.close();
	});

	it('makes a link that holds the whole assignment in its fragment, with a QR code', async () => {
		expect(composed.link).toMatch(/\/assignment#BA1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{8}$/);
		const qr = teacher.page.getByRole('img', { name: /QR code of the assignment link/ });
		expect(Number(await qr.getAttribute('data-version'))).toBeGreaterThan(0);
		expect(await axeViolations(teacher.page)).toEqual([]);
	});

	it('opens offline, shows the rules, and asks for a name first', async () => {
		const { page } = student;
		await page.goto(composed.link);
		await page.getByRole('heading', { name: composed.title }).waitFor();
		await page.locator('.offline').waitFor();
		expect(await textOf(page.locator('.rules'))).toMatch(/No time limit/);
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'Start' }).click();
		expect(await textOf(page.getByRole('alert'))).toMatch(/name or class ID/);
		expect(await readStore(page, 'attempts')).toEqual([]);
	});

	it('is taken like a quiz, with feedback after each question, and ends in a result code', async () => {
		const { page } = student;
		await page.getByLabel('Your name or class ID').fill('<img src=x onerror=alert(1)> Zoë');
		await page.getByRole('button', { name: 'Start' }).click();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		let i = 0;
		while (await page.getByRole('button', { name: 'Check answer' }).isVisible()) {
			const q = await onScreen(page);
			// Every third answer wrong, where the type has an obvious wrong answer.
			const wrong = i % 3 === 1 && (await answerWrong(page, bundle, q));
			if (!wrong) await answerRight(page, bundle, q, i % 2 ? 'keyboard' : 'touch');
			expected.set(q.id, wrong ? 0 : 1);
			await primary(page, 'touch');
			await page.locator('.feedback, .verdict').first().waitFor();
			await primary(page, 'touch');
			i++;
			if (await page.getByRole('heading', { name: 'Hand in your result' }).isVisible()) break;
		}
		await page.getByRole('textbox', { name: 'Result code' }).waitFor();
		resultCode = await page.getByRole('textbox', { name: 'Result code' }).inputValue();
		expect(resultCode).toMatch(/^BR1\./);
		// A classmate who sees the code learns neither the name nor the answers.
		expect(resultCode).not.toContain('Zo');
		expect(expected.size).toBeGreaterThan(1);
		expect(await axeViolations(page)).toEqual([]);
		await page.screenshot({ path: 'test-results/assignment-hand-in.png', fullPage: true });
	});

	it('keeps the attempt in the student’s own history, and the code to hand in later', async () => {
		const { page } = student;
		const attempts = await readStore<{ mode: string; assignment?: { name: string } }>(
			page,
			'attempts'
		);
		expect(attempts).toHaveLength(1);
		expect(attempts[0]).toMatchObject({
			mode: 'assignment',
			assignment: { name: '<img src=x onerror=alert(1)> Zoë' }
		});
		const taken = await readStore<{ handIns: { code: string }[] }>(page, 'takenAssignments');
		expect(taken[0]!.handIns.map((h) => h.code)).toEqual([resultCode]);
		// Opened again, the link shows the same code, and no attempts left.
		await page.goto(`${BASE}/`);
		await page.goto(composed.link);
		await page.getByRole('heading', { name: composed.title }).waitFor();
		expect(await page.getByRole('textbox', { name: 'Result code' }).inputValue()).toBe(resultCode);
		expect(await textOf(page.locator('main'))).toMatch(/used every attempt/);
		await page.goto(`${BASE}/progress`);
		await page.locator('h1').first().waitFor();
		expect(await textOf(page.locator('main'))).not.toMatch(/No quizzes yet/i);
	});
});

describe('a timed assignment', () => {
	it('counts down in view and, when time runs out, hands in the answers given so far', async () => {
		const teacher = await phoneContext(chromium.browser, DESKTOP);
		const { link, title } = await compose(teacher.page, {
			title: 'Against the clock',
			category: 'actors',
			minutes: 1,
			feedback: 'Only at the end'
		});
		const { context, page } = await phoneContext(chromium.browser);
		await page.clock.install();
		await page.goto(link);
		await page.getByRole('heading', { name: title }).waitFor();
		expect(await textOf(page.locator('.rules'))).toMatch(/1 minute/);
		await page.getByLabel('Your name or class ID').fill('Ben');
		await page.getByRole('button', { name: 'Start' }).click();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		expect(await textOf(page.locator('.countdown'))).toMatch(/1:00/);
		const q = await onScreen(page);
		await answerRight(page, bundle, q, 'touch');
		await primary(page, 'touch');
		// Feedback is held back: the answer is saved, and nothing says right or wrong.
		expect(await textOf(page.locator('.withheld'))).toMatch(/Answer saved/);
		expect(await page.locator('.feedback').count()).toBe(0);
		await primary(page, 'touch');
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		await page.clock.fastForward('01:05');
		await page.getByRole('heading', { name: 'Hand in your result' }).waitFor();
		expect(await textOf(page.getByRole('status').filter({ hasText: 'Time ran out' }))).toMatch(
			/answers you gave before then/
		);
		const attempts = await readStore<{ finishedAt: number; assignment: { timedOut?: boolean } }>(
			page,
			'attempts'
		);
		expect(attempts[0]!.finishedAt).not.toBeNull();
		expect(attempts[0]!.assignment.timedOut).toBe(true);
		const answers = await readStore(page, 'answers');
		expect(answers).toHaveLength(1);
		await page.getByRole('textbox', { name: 'Result code' }).waitFor();
		await teacher.context.close();
		await context.close();
	});
});

describe('a link that cannot be read', () => {
	it('says what is wrong with it, specifically, and stores nothing', async () => {
		const teacher = await phoneContext(chromium.browser, DESKTOP);
		const { link } = await compose(teacher.page, { title: 'Fine link', category: 'quotes' });
		await teacher.context.close();
		const code = link.slice(link.indexOf('#') + 1);
		const middle = Math.floor(code.length / 2);
		const cases: [string, RegExp][] = [
			['', /link your teacher sends/],
			['hello there', /not a Byline assignment link/],
			[code.slice(0, -12), /incomplete|changed or damaged/],
			[
				code.slice(0, middle) + (code[middle] === 'A' ? 'B' : 'A') + code.slice(middle + 1),
				/changed or damaged/
			],
			[encodeCode('result', 1, { any: 'thing' }), /result code, not an assignment link/],
			[encodeCode('assignment', 9, { any: 'thing' }), /newer version of Byline/],
			[
				encodeCode('assignment', 1, { title: '<script>alert(1)</script>' }),
				/does not hold a valid assignment/
			],
			['BA1.' + 'A'.repeat(250_000), /far longer/]
		];
		const { context, page } = await phoneContext(chromium.browser);
		const seen = new Set<string>();
		for (const [fragment, message] of cases) {
			await page.goto(`${BASE}/assignment#${fragment}`);
			await page.reload();
			await page.getByRole('heading', { name: 'This assignment link cannot be opened' }).waitFor();
			const said = await textOf(page.getByRole('alert'));
			expect(said, fragment.slice(0, 20)).toMatch(message);
			seen.add(said);
		}
		// Each problem in its own words.
		expect(seen.size).toBe(cases.length);
		expect(await readStore(page, 'takenAssignments')).toEqual([]);
		expect(await readStore(page, 'attempts')).toEqual([]);
		await context.close();
	});
});
