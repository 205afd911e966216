/**
 * Kinds of difference: the compare view narrowed to one kind, a quiz narrowed to one kind, and a
 * question's feedback leading to its point in the compare view. The kinds and counts come from
 * the bundle the app serves, so another story changes nothing here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DIFFERENCE_KINDS, KIND_LABELS, type DifferenceKind } from '../../src/lib/content/kinds';
import type { StoryBundle } from '../../src/lib/content/model';
import {
	currentQuestion,
	fetchBundle,
	primary,
	saved,
	STORY,
	tabTo,
	untilInteractive
} from './quiz-driver';
import { axeViolations, BASE, phoneContext, textOf, useBrowser } from './support';

const chromium = useBrowser();
let bundle: StoryBundle;
beforeAll(async () => {
	bundle = await fetchBundle();
});

const COMPARE = () => `${BASE}/stories/${STORY}/compare`;
const kindsOf = () =>
	DIFFERENCE_KINDS.filter((k) => bundle.story.differences.some((d) => d.kind === k));

/** The ids of the differences listed on screen, and the numbers they show. */
async function shown(page: Page): Promise<{ id: string; number: string }[]> {
	return page.locator('ol.differences > li:visible').evaluateAll((items) =>
		items.map((li) => ({
			id: li.id.replace(/^difference-/, ''),
			number: (li as HTMLLIElement).value.toString()
		}))
	);
}

describe('compare coverage, one kind at a time', () => {
	it('narrows the list and the marks to the chosen kind by keyboard alone, keeping the numbers', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(COMPARE());
		await page.waitForLoadState('networkidle');
		const kinds = kindsOf();
		expect(kinds.length).toBeGreaterThan(1);
		const numbers = new Map(bundle.story.differences.map((d, i) => [d.id, String(i + 1)]));
		const all = bundle.story.differences.map((d) => ({ id: d.id, number: numbers.get(d.id)! }));
		expect(await shown(page)).toEqual(all);

		// Open an article, so its marks can be counted as the kind changes.
		const source = bundle.sources[0]!;
		await page.locator(`details[data-source="${source.id}"] > summary`).tap();

		// Tab reaches the list of kinds; the arrow keys move along it.
		const select = page.getByRole('combobox', { name: 'Show' });
		await tabTo(page, select);
		for (const kind of kinds) {
			await page.keyboard.press('ArrowDown');
			await expect.poll(() => select.inputValue()).toBe(kind);
			const wanted = bundle.story.differences
				.filter((d) => d.kind === kind)
				.map((d) => ({ id: d.id, number: numbers.get(d.id)! }));
			await expect.poll(() => shown(page), { message: kind }).toEqual(wanted);
			expect(await textOf(select.locator(`option[value="${kind}"]`))).toBe(
				`${KIND_LABELS[kind].title} (${wanted.length})`
			);
			expect(await textOf(page.locator('#kind-blurb'))).toBe(`${KIND_LABELS[kind].blurb}.`);
			// Each shown difference says its kind; the article marks only the shown ones.
			for (const { id } of wanted)
				expect(await textOf(page.locator(`#difference-${id} .kind`))).toBe(KIND_LABELS[kind].title);
			const labels = await page
				.locator(`details[data-source="${source.id}"] mark a.label[href^="#difference-"]`)
				.evaluateAll((links) =>
					links.map((a) => a.getAttribute('href')!.slice('#difference-'.length))
				);
			for (const id of labels)
				expect(
					wanted.map((w) => w.id),
					`${kind}: ${id}`
				).toContain(id);
		}
		expect(await axeViolations(page)).toEqual([]);
		await page.screenshot({ path: 'test-results/phone-compare-kind.png' });
		// And back to all of them.
		await select.selectOption('all');
		await expect.poll(() => shown(page)).toEqual(all);
		await context.close();
	});
});

describe('a quiz on one kind of difference', () => {
	it('asks only questions on that kind, and each answer leads to its point in Compare coverage', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		// The kind with the fewest questions: a short quiz that still asks several.
		const count = (k: DifferenceKind) =>
			bundle.questions.filter((q) => q.differences?.some((d) => d.kind === k)).length;
		const kind = kindsOf()
			.filter((k) => count(k) > 0)
			.sort((a, b) => count(a) - count(b))[0]!;
		await page.goto(`${BASE}/stories/${STORY}`);
		await untilInteractive(page);
		await page.getByRole('radio', { name: KIND_LABELS[kind].title, exact: true }).tap();
		await page.getByRole('radio', { name: '20 questions' }).tap();
		const expected = Math.min(20, count(kind));
		expect(await textOf(page.locator('form p[aria-live]'))).toBe(
			`${expected} questions from ${count(kind)} in the chosen sections.`
		);
		expect(await axeViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'Start quiz' }).tap();
		await page.getByRole('button', { name: 'Check answer' }).waitFor();

		const asked: string[] = [];
		for (let i = 0; i < expected; i++) {
			const q = await currentQuestion(page, bundle);
			expect(q.differences?.map((d) => d.kind) ?? [], q.id).toContain(kind);
			asked.push(q.id);
			await page.getByRole('button', { name: 'I don’t know' }).tap();
			await page.locator('.actions .verdict').waitFor();
			await saved(page);
			const link = page.getByRole('link', { name: 'See both sides in Compare coverage' });
			expect(await link.getAttribute('href')).toBe(
				`/stories/${STORY}/compare#difference-${q.differences![0]!.id}`
			);
			if (i === expected - 1) {
				// The last one: follow it, and land on the point, focused.
				await link.tap();
				await page.waitForURL(/compare#difference-/);
				const id = `difference-${q.differences![0]!.id}`;
				await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(id);
				break;
			}
			await primary(page, 'touch');
		}
		expect(new Set(asked).size).toBe(expected);
		await context.close();
	});
});
