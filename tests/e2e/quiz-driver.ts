import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import {
	outletOf,
	type Question,
	type StoryBundle,
	type StorySummary
} from '../../src/lib/content/model';
import { date } from '../../src/lib/question-types/date';
import { attributionChoice } from '../../src/lib/question-types/source';
import { BASE } from './support';

/** The stories the build ships, read from its own data: no test names a story. */
export const STORIES: StorySummary[] = JSON.parse(readFileSync('build/data/stories.json', 'utf8'));
/** The story the tests take quizzes on: the first one listed. */
export const STORY = STORIES[0]!.id;
/** Its sources, in the story's order. */
export const STORY_SOURCES = STORIES[0]!.outlets.map((o) => o.id);

/** The story with its questions, as the app at `base` serves them. */
export async function fetchBundle(base = BASE): Promise<StoryBundle> {
	const text = await (await fetch(`${base}/data/stories/${STORY}.json`)).json();
	const questions = await (await fetch(`${base}/data/questions/${STORY}.json`)).json();
	return { ...text, questions } as StoryBundle;
}

/** Opens the story, picks a length, starts, and waits for the first question. */
export async function startQuiz(page: Page, length: 5 | 10 | 20 = 10, base = BASE) {
	await page.goto(`${base}/stories/${STORY}`);
	await untilInteractive(page);
	await page.getByRole('radio', { name: `${length} questions` }).check();
	await page.getByRole('button', { name: 'Start quiz' }).click();
	await page.getByRole('button', { name: 'Check answer' }).waitFor();
}

/** The question on screen, read from its prompt's id. */
export async function currentQuestion(page: Page, bundle: StoryBundle): Promise<Question> {
	const id = await page.locator('main h2[id^="q-"]').first().getAttribute('id');
	const question = bundle.questions.find((q) => `q-${q.id}` === id);
	if (!question) throw new Error(`No question on screen (prompt id ${id})`);
	return question;
}

/** The label of the choice a key stands for, by the app's own rule. */
export function sourceKeyLabel(bundle: StoryBundle, ids: readonly string[]): string {
	const outlets = bundle.sources.map(outletOf);
	const choice = attributionChoice(outlets, ids);
	if (!choice) throw new Error(`No choice on screen names [${ids.join(', ')}]`);
	return choice.label;
}

type Mode = 'touch' | 'keyboard';

/** Presses Tab until the target has focus: how a keyboard user reaches a control. */
export async function tabTo(page: Page, target: Locator, limit = 80) {
	const handle = await target.elementHandle();
	for (let i = 0; i < limit; i++) {
		if (await page.evaluate((el) => document.activeElement === el, handle)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error('Could not reach the control with Tab');
}

async function press(page: Page, mode: Mode, target: Locator, key = 'Space') {
	if (mode === 'touch') return target.tap();
	await tabTo(page, target);
	await page.keyboard.press(key);
}

/** Picks a radio in a group: a tap, or Tab into the group and arrow keys to the option. */
async function chooseRadio(page: Page, mode: Mode, name: string) {
	const target = page.getByRole('radio', { name, exact: true });
	if (mode === 'touch') return target.tap();
	const radios = page.locator('main input[type=radio]');
	await tabTo(page, radios.first());
	const count = await radios.count();
	for (let i = 0; i < count; i++) {
		if (await target.evaluate((el) => document.activeElement === el)) break;
		await page.keyboard.press('ArrowDown');
	}
	await page.keyboard.press('Space');
}

async function chooseInSelect(page: Page, mode: Mode, select: Locator, label: string) {
	if (mode === 'touch') {
		await select.selectOption({ label });
		return;
	}
	await tabTo(page, select);
	const labels = await select.locator('option').allTextContents();
	const want = labels.findIndex((l) => l.trim() === label);
	const now = await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex);
	const key = want > now ? 'ArrowDown' : 'ArrowUp';
	for (let i = 0; i < Math.abs(want - now); i++) await page.keyboard.press(key);
}

async function typeInto(page: Page, mode: Mode, input: Locator, text: string) {
	if (mode === 'touch') {
		await input.tap();
		await input.fill('');
	} else await tabTo(page, input);
	await page.keyboard.type(text);
}

/**
 * Presses one item of a match question: a tap, or Tab or Shift+Tab (whichever way it lies, as the
 * left items come before the right ones) until it has focus, then Enter.
 */
async function pressMatchItem(page: Page, mode: Mode, target: Locator, limit = 80) {
	if (mode === 'touch') return target.tap();
	const handle = await target.elementHandle();
	for (let i = 0; i < limit; i++) {
		const where = await page.evaluate((el) => {
			const active = document.activeElement;
			if (active === el) return 'here';
			if (!el || !active || active === document.body) return 'later';
			return el.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING
				? 'earlier'
				: 'later';
		}, handle);
		if (where === 'here') return page.keyboard.press('Enter');
		await page.keyboard.press(where === 'earlier' ? 'Shift+Tab' : 'Tab');
	}
	throw new Error('Could not reach the match item with Tab');
}

/** Gives the right answer to the question on screen, by touch or by keyboard alone. */
export async function answerRight(page: Page, bundle: StoryBundle, q: Question, mode: Mode) {
	switch (q.type) {
		case 'single':
			return chooseRadio(page, mode, q.answer);
		case 'truefalse':
			return chooseRadio(page, mode, q.answer ? 'True' : 'False');
		case 'source':
			return chooseRadio(page, mode, sourceKeyLabel(bundle, q.answer));
		case 'multi':
			for (const a of q.answers)
				await press(page, mode, page.getByRole('checkbox', { name: a, exact: true }));
			return;
		case 'date': {
			// The perfect response holds only the parts asked: those the prompt gives have no field.
			const want = date.perfect(q);
			if (want.day !== null)
				await chooseInSelect(page, mode, page.getByLabel('Day', { exact: true }), String(want.day));
			if (want.month !== null) {
				const month = new Date(Date.UTC(2000, want.month - 1, 1)).toLocaleString('en', {
					month: 'long',
					timeZone: 'UTC'
				});
				await chooseInSelect(page, mode, page.getByLabel('Month', { exact: true }), month);
			}
			if (want.year !== null)
				await typeInto(page, mode, page.getByLabel('Year', { exact: true }), String(want.year));
			return;
		}
		case 'number':
			return typeInto(page, mode, page.locator('main input[inputmode=decimal]'), String(q.answer));
		case 'text':
			return typeInto(page, mode, page.locator('main input[type=text]'), q.answers[0]!);
		case 'match': {
			// Tap-to-pair: each left item, then its partner among the right-hand items.
			const rights = page.locator(`#${q.id}-rights`);
			for (const [i, pair] of q.pairs.entries()) {
				await pressMatchItem(page, mode, page.locator(`#${q.id}-left-${i}`));
				await pressMatchItem(
					page,
					mode,
					rights.getByRole('button', { name: pair.right, exact: true })
				);
			}
			return;
		}
		case 'order':
			for (let target = 0; target < q.items.length; target++) {
				const shown = await page.locator('main ol.order li .text').allTextContents();
				let at = shown.findIndex((t) => t.trim().startsWith(q.items[target]!));
				while (at > target) {
					await press(page, mode, page.locator(`#${q.id}-up-${at}`), 'Enter');
					at--;
				}
			}
			return;
	}
}

/** Gives a wrong answer where the type has an obvious one (used to see the feedback for a miss). */
export async function answerWrong(page: Page, bundle: StoryBundle, q: Question): Promise<boolean> {
	if (q.type === 'single') {
		await chooseRadio(
			page,
			'touch',
			q.options.find((o) => o !== q.answer)!
		);
		return true;
	}
	if (q.type === 'truefalse') {
		await chooseRadio(page, 'touch', q.answer ? 'False' : 'True');
		return true;
	}
	if (q.type === 'text') {
		await typeInto(page, 'touch', page.locator('main input[type=text]'), 'Nobody in particular');
		return true;
	}
	return false;
}

/** Presses the one primary action (Check, Next, See results) the way the mode would. */
export async function primary(page: Page, mode: Mode) {
	const button = page.locator('.actions button[type=submit]');
	// Just after Check, Next ignores presses for a moment (so a double tap cannot skip feedback).
	await page.waitForFunction(
		() => !document.querySelector('.actions button[data-settling="true"]')
	);
	const before = await button.textContent();
	if (mode === 'touch') await button.tap();
	else {
		await tabTo(page, button);
		await page.keyboard.press('Enter');
	}
	// The screen moves on only once the step is saved: wait for it (or for the reason it did not).
	await page.waitForFunction((label) => {
		const now = document.querySelector('.actions button[type=submit]');
		const hint = document.querySelector('.actions .hint')?.textContent?.trim();
		return !now || now.textContent !== label || Boolean(hint);
	}, before);
}

/** Waits until the answers given so far are written to the device. */
export async function saved(page: Page) {
	await page.waitForFunction(() => !document.querySelector('.save-state[data-saving="true"]'));
}

/** Waits until the story page has hydrated: its Start button is enabled only then. */
export async function untilInteractive(page: Page) {
	await page.waitForFunction(() => {
		const start = [...document.querySelectorAll('button')].find((b) =>
			b.textContent?.includes('Start quiz')
		);
		return start && !start.disabled;
	});
}
