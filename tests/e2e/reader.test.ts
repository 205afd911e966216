import { beforeAll, describe, expect, it } from 'vitest';
import type { StoryBundle } from '../../src/lib/content/model';
import {
	STORY,
	STORY_SOURCES,
	answerRight,
	currentQuestion,
	fetchBundle,
	primary,
	startQuiz
} from './quiz-driver';
import { BASE, DESKTOP, phoneContext, textOf, useBrowser } from './support';

const chromium = useBrowser();
let bundle: StoryBundle;
beforeAll(async () => {
	bundle = await fetchBundle();
});

describe('evidence links', () => {
	it('open the source at the quoted passage, highlighted, scrolled into view and focused', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await startQuiz(page);
		const q = await currentQuestion(page, bundle);
		await answerRight(page, bundle, q, 'touch');
		await primary(page, 'touch');

		const evidence = q.evidence[0]!;
		const outlet = bundle.sources.find((s) => s.id === evidence.source)!.outlet;
		await page
			.getByRole('link', { name: `Read it in the ${outlet} article` })
			.first()
			.tap();
		await page.waitForURL(new RegExp(`/sources/${evidence.source}#quote=`));

		const mark = page.locator('mark#evidence');
		await mark.waitFor();
		expect(await textOf(mark)).toBe(evidence.quote.replace(/\s+/g, ' ').trim());
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('evidence');
		const box = (await mark.boundingBox())!;
		expect(box.y).toBeGreaterThanOrEqual(0);
		expect(box.y).toBeLessThan(640);
		await page.screenshot({ path: 'test-results/phone-reader-evidence.png' });

		// The way back: the browser's Back returns to the quiz, where the answer is kept.
		await page.goBack();
		await page.locator(`#feedback-${q.id}`).waitFor();
		await context.close();
	});

	it('say so when a passage is not in the article, and never render the link as HTML', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		const hostile = encodeURIComponent('<img src=x onerror="window.hacked=1">');
		await page.goto(`${BASE}/stories/${STORY}/sources/${STORY_SOURCES[0]}#quote=${hostile}`);
		await page.getByRole('status').filter({ hasText: 'not in this article' }).waitFor();
		expect(await page.locator('main img').count()).toBe(0);
		expect(
			await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)
		).toBeUndefined();
		await context.close();
	});
});

describe('the reader', () => {
	it('shows each article with its outlet, date and credit', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		for (const source of bundle.sources) {
			await page.goto(`${BASE}/stories/${STORY}/sources/${source.id}`);
			expect(await textOf(page.locator('h1'))).toBe(source.headline);
			expect(await textOf(page.locator('.source-header .outlet'))).toBe(source.outletName);
			expect(await page.locator('.source-text p').count()).toBe(source.paragraphs.length);
			await page.getByText('About this text').tap();
			expect(await textOf(page.locator('details'))).toContain(source.credit);
		}
		await context.close();
	});

	it('compares coverage side by side on desktop and stacked on a phone, marking every difference', async () => {
		const differences = bundle.story.differences;
		for (const viewport of [DESKTOP, undefined]) {
			const { context, page } = await phoneContext(chromium.browser, viewport);
			await page.goto(`${BASE}/stories/${STORY}/compare`);
			expect(await page.locator('ol.differences > li').count()).toBe(differences.length);
			const passages = differences.flatMap((d) => d.passages).length;
			expect(await page.locator('.columns mark').count()).toBe(passages);
			const [left, right] = await page.locator('.column').all();
			const a = (await left!.boundingBox())!;
			const b = (await right!.boundingBox())!;
			if (viewport === DESKTOP) expect(b.x).toBeGreaterThan(a.x + a.width / 2);
			else expect(b.y).toBeGreaterThan(a.y + a.height / 2);
			await page.screenshot({
				path: `test-results/${viewport ? 'desktop' : 'phone'}-compare.png`
			});
			await context.close();
		}
	});
});
