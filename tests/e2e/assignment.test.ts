import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question, StoryBundle } from '../../src/lib/content/model';
import { answerRight, answerWrong, currentQuestion, fetchBundle, primary } from './quiz-driver';
import { readFileSync } from 'node:fs';
import { newTeacherKeys, sealResult } from '../../src/lib/app/seal';
import { assignmentLink } from '../../src/lib/share/assignment';
import { fromBase64url, toBase64url } from '../../src/lib/share/base64url';
import { encodeCode } from '../../src/lib/share/code';
import { decodeResult, encodeResult } from '../../src/lib/share/result';
import { readStore } from './records';
import { compose, decoded, resultCode, untilControlled, type Composed } from './teacher-driver';
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

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
		// A classmate who sees the code reads only which assignment it is for: no name, no answers.
		const envelope = decodeResult(resultCode);
		if (!envelope.ok) throw new Error(envelope.error.message);
		expect(Object.keys(envelope.value).sort()).toEqual([
			'assignmentId',
			'ciphertext',
			'ephemeralKey',
			'iv',
			'keyId'
		]);
		expect(expected.size).toBeGreaterThan(1);
		expect(await axeViolations(page)).toEqual([]);
		await page.screenshot({ path: 'test-results/assignment-hand-in.png', fullPage: true });
	});

	it('keeps the attempt in the student’s own history, and the code to hand in later', async () => {
		const { page } = student;
		const attempts = await readStore<{ id: string; mode: string; assignment?: { name: string } }>(
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
		// An assignment's attempt opened as a quiz goes to its assignment, under its rules.
		await page.goto(`${BASE}/quiz?attempt=${attempts[0]!.id}`);
		await page.waitForURL(/\/assignment#BA1\./);
		expect(await page.getByRole('textbox', { name: 'Result code' }).inputValue()).toBe(resultCode);
	});
});

describe('the teacher’s gradebook, fed by the student’s code', () => {
	let teacher: { context: BrowserContext; page: Page };
	let composed: Composed;
	let code = '';
	let gradebook = '';
	const expected = new Map<string, number>();
	const NAME = '<img src=x onerror=alert(1)> Zoë';

	beforeAll(async () => {
		teacher = await phoneContext(chromium.browser, DESKTOP);
		composed = await compose(teacher.page, { title: 'Quotes: who said it', category: 'quotes' });
		gradebook =
			BASE + (await teacher.page.getByRole('link', { name: 'Results' }).getAttribute('href'));
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(`${BASE}/`);
		await untilControlled(page);
		await context.setOffline(true);
		await page.goto(composed.link);
		await page.getByLabel('Your name or class ID').fill(NAME);
		await page.getByRole('button', { name: 'Start' }).click();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		for (let i = 0; ; i++) {
			const q = await onScreen(page);
			const wrong = i % 2 === 1 && (await answerWrong(page, bundle, q));
			if (!wrong) await answerRight(page, bundle, q, 'touch');
			expected.set(q.id, wrong ? 0 : 1);
			await primary(page, 'touch');
			await primary(page, 'touch');
			if (await page.getByRole('heading', { name: 'Hand in your result' }).isVisible()) break;
		}
		code = await page.getByRole('textbox', { name: 'Result code' }).inputValue();
		await context.close();
	});
	afterAll(() => teacher?.context.close());

	/** The gradebook's row for a student, cell by question id, as a screen reader says them. */
	async function row(page: Page, name: string): Promise<Map<string, string>> {
		const pinned = decoded(composed.link).questions.map((q) => q.questionId);
		const cells = await page
			.getByRole('row', { name: new RegExp(escape(name)) })
			.locator('td')
			.evaluateAll((tds) =>
				tds.map((td) => td.querySelector('.visually-hidden')?.textContent ?? '')
			);
		// Total first, then one cell per question in the assignment's order.
		return new Map(pinned.map((id, i) => [id, cells[i + 1] ?? '']));
	}

	it('takes the code pasted among other words, rescores it, and shows the right score per question', async () => {
		const { page } = teacher;
		await page.goto(gradebook);
		await page.getByRole('heading', { name: composed.title }).waitFor();
		await page.getByLabel('Paste result codes').fill(`Hi, here is mine: ${code} thanks!`);
		await page.getByRole('button', { name: 'Add results' }).click();
		await page
			.getByRole('status')
			.filter({ hasText: /Added 1 result/ })
			.waitFor();
		// The hostile name is text, never markup.
		expect(await page.locator('main img[src="x"]').count()).toBe(0);
		const cells = await row(page, NAME);
		for (const [id, score] of expected)
			expect(cells.get(id), id).toMatch(new RegExp(`^${score * 100}%`));
		expect(await axeViolations(page)).toEqual([]);
		await page.screenshot({ path: 'test-results/gradebook.png', fullPage: true });
	});

	it('exports a spreadsheet that says the same: UTF-16 with a BOM, tab-separated', async () => {
		const { page } = teacher;
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Download CSV' }).click()
		]);
		const bytes = readFileSync((await download.path())!);
		expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
		const rows = bytes
			.subarray(2)
			.toString('utf16le')
			.split('\r\n')
			.filter(Boolean)
			.map((line) => line.split('\t'));
		const header = rows[0]!;
		const mine = rows.find((r) => r[0]?.includes('Zoë'))!;
		expect(mine[0]).toBe(`${NAME}`);
		for (const [id, score] of expected) {
			const column = header.findIndex((h) => h.endsWith(` ${id}`));
			expect(column, id).toBeGreaterThan(0);
			expect(mine[column], id).toBe(String(score * 100));
		}
	});

	it('refuses a tampered code and another teacher’s code, each in its own words, and adds nothing', async () => {
		const { page } = teacher;
		const sealed = decodeResult(code);
		if (!sealed.ok) throw new Error('the student’s code should read');
		const ciphertext = fromBase64url(sealed.value.ciphertext)!;
		ciphertext[5]! ^= 0x20;
		const tampered = encodeResult({ ...sealed.value, ciphertext: toBase64url(ciphertext) });
		const other = await newTeacherKeys(Date.now());
		const theirs = await sealResult(
			{
				assignmentId: sealed.value.assignmentId,
				assignmentDigest: 'AAAAAAAA',
				name: 'Someone',
				attempt: 1,
				startedAt: 1,
				finishedAt: 2,
				late: false,
				timedOut: false,
				asked: [],
				answers: []
			},
			{ ...decoded(composed.link), teacherKey: other.publicKey }
		);
		const said: string[] = [];
		for (const bad of [tampered, theirs]) {
			await page.getByLabel('Paste result codes').fill(bad);
			await page.getByRole('button', { name: 'Add results' }).click();
			const refused = page.locator('.refused li');
			await refused.first().waitFor();
			said.push(await textOf(refused));
		}
		expect(said[0]).toMatch(/changed or damaged/);
		expect(said[1]).toMatch(/another teacher/);
		expect(await readStore(page, 'results')).toHaveLength(1);
	});

	it('tells a student whose copy differs, and shows the teacher that the link was changed', async () => {
		const original = decoded(composed.link);
		const [first, ...rest] = original.questions;
		const changedLink = assignmentLink(BASE, {
			...original,
			timeLimitMinutes: 30,
			questions: [
				{ ...first!, fingerprint: '0000000000000000' },
				...rest,
				{ storyId: first!.storyId, questionId: 'no-such-question', fingerprint: '1111111111111111' }
			]
		});
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(changedLink);
		await page.getByRole('heading', { name: composed.title }).waitFor();
		const notes = await textOf(page.getByRole('note').first());
		expect(notes).toMatch(/1 question in this assignment is not in your copy/);
		expect(await textOf(page.getByRole('note').nth(1))).toMatch(/1 question has changed/);
		await page.getByLabel('Your name or class ID').fill('Ana');
		await page.getByRole('button', { name: 'Start' }).click();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		// Ana says "I don't know" to every question she is asked, then hands in.
		const handIn = page.getByRole('heading', { name: 'Hand in your result' });
		const check = page.getByRole('button', { name: 'Check answer' });
		while (!(await handIn.isVisible())) {
			await page.getByRole('button', { name: 'I don’t know' }).click();
			// The answer is saved and shown before Next is there to press.
			await page.locator('.actions .verdict').waitFor();
			await primary(page, 'touch');
			await handIn.or(check).waitFor();
		}
		const hers = await page.getByRole('textbox', { name: 'Result code' }).inputValue();
		await context.close();
		const { page: t } = teacher;
		await t.goto(gradebook);
		await t.getByLabel('Paste result codes').fill(hers);
		await t.getByRole('button', { name: 'Add results' }).click();
		await t
			.getByRole('status')
			.filter({ hasText: /Added 1 result/ })
			.waitFor();
		const anasRow = t.getByRole('row', { name: /Ana/ });
		// Her copy of Byline answered the question as the teacher pinned it: only her link differed.
		expect(await textOf(anasRow.locator('.flags'))).toBe('Link changed');
		const cells = await row(t, 'Ana');
		expect(cells.get(first!.questionId)).toMatch(/^0%.*don’t know/);
	});
});

describe('several submissions, the counting policy and the roster', () => {
	it('counts the best, the first or the last, shows who has not handed in, and keeps both', async () => {
		const { context, page } = await phoneContext(chromium.browser, DESKTOP);
		const composed = await compose(page, { title: 'Handed in twice', category: 'dates' });
		const gradebook =
			BASE + (await page.getByRole('link', { name: 'Results' }).getAttribute('href'));
		const assignment = decoded(composed.link);
		const all = assignment.questions.length;
		const half = Math.floor(all / 2);
		const t = Date.now() - 3_600_000;
		// Ana hands in three times: half right, then all right, then nothing right.
		const anas = [
			await resultCode(bundle, assignment, 'Ana Lopes', { attempt: 1, right: half, finishedAt: t }),
			await resultCode(bundle, assignment, 'Ana Lopes', {
				attempt: 2,
				right: all,
				finishedAt: t + 1_000
			}),
			await resultCode(bundle, assignment, 'Ana Lopes', {
				attempt: 3,
				right: 0,
				finishedAt: t + 2_000
			})
		];
		const bens = await resultCode(bundle, assignment, 'ben okafor ', {
			attempt: 1,
			right: all,
			finishedAt: t
		});
		await page.goto(gradebook);
		await page.getByRole('heading', { name: composed.title }).waitFor();
		// Out of order, with one code pasted twice: it is one submission.
		await page
			.getByLabel('Paste result codes')
			.fill([anas[2], bens, anas[0], anas[1], anas[0]].join('\n'));
		await page.getByRole('button', { name: 'Add results' }).click();
		await page
			.getByRole('status')
			.filter({ hasText: /Added 4 results/ })
			.waitFor();
		expect(await readStore(page, 'results')).toHaveLength(4);

		const anasTotal = async () =>
			textOf(page.getByRole('row', { name: /Ana Lopes/ }).locator('td.total'));
		const percent = (right: number) => `${Math.round((right / all) * 100)}%`;
		const row = page.getByRole('row', { name: /Ana Lopes/ });
		expect(await textOf(row.locator('td').last())).toBe('3');
		expect(await anasTotal()).toBe(percent(all));

		await page.getByRole('radio', { name: /^First/ }).check();
		await page.getByRole('status').filter({ hasText: /Saved/ }).first().waitFor();
		await expect.poll(anasTotal).toBe(percent(half));
		await page.getByRole('radio', { name: /^Last/ }).check();
		await expect.poll(anasTotal).toBe(percent(0));

		await page.getByLabel('Class roster').fill('Ana Lopes\nBen Okafor\nCleo Ng');
		await page.getByRole('button', { name: 'Save roster' }).click();
		await page.getByText('Saved: 3 names.').waitFor();
		const notHandedIn = page.getByRole('heading', { name: 'Not handed in (1)' });
		await notHandedIn.waitFor();
		expect(await textOf(page.locator('.settings ul.names').first())).toBe('Cleo Ng');
		expect(await textOf(page.locator('.counts'))).toMatch(/1 of 3 on the roster has not/);
		expect(await axeViolations(page)).toEqual([]);

		// Both settings are kept on the device: a reload shows the same.
		await page.reload();
		await notHandedIn.waitFor();
		expect(await page.getByRole('radio', { name: /^Last/ }).isChecked()).toBe(true);
		expect(await anasTotal()).toBe(percent(0));
		await page.screenshot({ path: 'test-results/gradebook-policy.png', fullPage: true });
		await context.close();
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

describe('feedback held back until the teacher releases it', () => {
	it('shows nothing until then, and the student’s results once the released link is opened', async () => {
		const teacher = await phoneContext(chromium.browser, DESKTOP);
		const question = bundle.questions[0]!;
		const { link, title } = await compose(teacher.page, {
			title: 'Held back',
			search: question.id,
			feedback: 'Not until I release it'
		});
		const gradebook =
			BASE + (await teacher.page.getByRole('link', { name: 'Results' }).getAttribute('href'));
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(link);
		await page.getByLabel('Your name or class ID').fill('Cleo');
		await page.getByRole('button', { name: 'Start' }).click();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		await answerRight(page, bundle, await onScreen(page), 'keyboard');
		await primary(page, 'keyboard');
		expect(await textOf(page.locator('.withheld'))).toMatch(/teacher will let you know/);
		await primary(page, 'keyboard');
		await page.getByRole('heading', { name: 'Hand in your result' }).waitFor();
		expect(await textOf(page.locator('main'))).toMatch(/Your teacher will tell you how you did/);
		expect(await page.locator('.feedback').count()).toBe(0);
		const code = await page.getByRole('textbox', { name: 'Result code' }).inputValue();

		await teacher.page.goto(gradebook);
		await teacher.page.getByLabel('Paste result codes').fill(code);
		await teacher.page.getByRole('button', { name: 'Add results' }).click();
		await teacher.page
			.getByRole('status')
			.filter({ hasText: /Added 1 result/ })
			.waitFor();
		await teacher.page.getByRole('button', { name: 'Release the answers' }).click();
		const released = await teacher.page
			.getByRole('textbox', { name: 'Link that releases the answers' })
			.inputValue();
		expect(decoded(released)).toEqual({ ...decoded(link), released: true });

		await page.goto(`${BASE}/`);
		await page.goto(released);
		await page.getByRole('heading', { name: 'Your results' }).waitFor();
		expect(await textOf(page.locator('main'))).toContain(title);
		expect(await page.locator('.feedback').count()).toBeGreaterThan(0);
		await teacher.context.close();
		await context.close();
	});
});

describe('the teacher’s assignments on this device', () => {
	it('previews exactly as a student sees it and keeps nothing; duplicates and archives', async () => {
		const { context, page } = await phoneContext(chromium.browser, DESKTOP);
		const question = bundle.questions[1]!;
		await compose(page, { title: 'Previewed', search: question.id });
		await page.getByRole('link', { name: 'Preview as a student' }).click();
		await page.getByRole('note').filter({ hasText: 'Preview' }).waitFor();
		await page.getByLabel('Your name or class ID').fill('Teacher');
		await page.getByRole('button', { name: 'Start' }).click();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();
		await answerRight(page, bundle, await onScreen(page), 'keyboard');
		await primary(page, 'keyboard');
		await primary(page, 'keyboard');
		await page.getByRole('heading', { name: 'Hand in your result' }).waitFor();
		// Nothing of the preview is on the device: no attempt, no answer, no opened assignment.
		expect(await readStore(page, 'attempts')).toEqual([]);
		expect(await readStore(page, 'answers')).toEqual([]);
		expect(await readStore(page, 'takenAssignments')).toEqual([]);

		await page.goto(`${BASE}/teach`);
		const card = page.locator('.card').filter({ hasText: 'Previewed' });
		await card.getByRole('button', { name: 'Duplicate' }).click();
		const copy = page.locator('.card').filter({ hasText: 'Previewed (copy)' });
		await copy.waitFor();
		await copy.getByRole('button', { name: 'Archive' }).click();
		await page.getByText('Archived (1)').click();
		await page
			.locator('details .card')
			.filter({ hasText: 'Previewed (copy)' })
			.getByRole('button', { name: 'Restore' })
			.waitFor();
		const stored = await readStore<{ title: string; archived: boolean }>(page, 'compositions');
		expect(Object.fromEntries(stored.map((c) => [c.title, c.archived]))).toEqual({
			Previewed: false,
			'Previewed (copy)': true
		});
		expect(await axeViolations(page)).toEqual([]);
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
