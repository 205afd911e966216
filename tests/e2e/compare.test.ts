import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { StoryBundle } from '../../src/lib/content/model';
import { STORY, fetchBundle } from './quiz-driver';
import { BASE, DESKTOP, PHONE, phoneContext, textOf, useBrowser } from './support';

const chromium = useBrowser();
let bundle: StoryBundle;
beforeAll(async () => {
	bundle = await fetchBundle();
});

const COMPARE = () => `${BASE}/stories/${STORY}/compare`;
const outletOf = (id: string) => bundle.sources.find((s) => s.id === id)!.outlet;

/** Every error the page logs or throws, with where it came from. */
function errorsOf(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(`${m.location().url}: ${m.text()}`);
	});
	page.on('pageerror', (e) => errors.push(String(e)));
	return errors;
}

/** The article of one source on the compare page: its disclosure and what it discloses. */
function article(page: Page, sourceId: string) {
	const details = page.locator(`.column > details[data-source="${sourceId}"]`);
	return {
		details,
		summary: details.locator(':scope > summary'),
		paragraphs: details.locator('.source-text p'),
		isOpen: () => details.evaluate((d) => (d as HTMLDetailsElement).open)
	};
}

/** Whether the element's top lies on screen, once any scrolling has settled. */
async function onScreen(page: Page, target: Locator): Promise<boolean> {
	const box = await target.boundingBox();
	const height = page.viewportSize()!.height;
	// Within a pixel: a scroll to an element can leave its top a fraction above the edge.
	return box !== null && box.y > -1 && box.y < height;
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('compare coverage on a phone', () => {
	it('shows the differences first, with each article closed behind a tap', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		const errors = errorsOf(page);
		await page.goto(COMPARE());
		await page.locator('ol.differences').waitFor();
		const differences = page.locator('ol.differences > li');
		expect(await differences.count()).toBe(bundle.story.differences.length);
		// The list starts on the first screen; the articles wait below it, closed.
		expect(await onScreen(page, differences.first())).toBe(true);
		for (const source of bundle.sources) {
			const { summary, paragraphs, isOpen } = article(page, source.id);
			expect(await textOf(summary)).toBe(`Read the ${source.outlet} article in full`);
			expect(await isOpen()).toBe(false);
			expect(await paragraphs.first().isVisible()).toBe(false);
		}
		// So the page is the intro and the list, and little more.
		const listEnd = await page
			.locator('ol.differences')
			.evaluate((ol) => ol.getBoundingClientRect().bottom + scrollY);
		const height = await page.evaluate(() => document.documentElement.scrollHeight);
		expect(height - listEnd).toBeLessThan(PHONE.height);

		const first = article(page, bundle.sources[0]!.id);
		await first.summary.tap();
		await first.paragraphs.first().waitFor();
		expect(await first.paragraphs.count()).toBe(bundle.sources[0]!.paragraphs.length);
		await page.screenshot({ path: 'test-results/phone-compare-closed.png' });
		expect(errors).toEqual([]);
		await context.close();
	});

	it("opens the article at the mark when a difference's link is followed", async () => {
		const { context, page } = await phoneContext(chromium.browser);
		const errors = errorsOf(page);
		await page.goto(COMPARE());
		await page.locator('ol.differences').waitFor();
		const opened = new Set<string>();
		for (const difference of bundle.story.differences) {
			const item = page.locator(`#difference-${difference.id}`);
			for (const [j, passage] of difference.passages.entries()) {
				const sameSource = difference.passages
					.slice(0, j)
					.filter((p) => p.source === passage.source);
				const link = item
					.getByRole('link', { name: `See it in the ${outletOf(passage.source)} text` })
					.nth(sameSource.length);
				const href = (await link.getAttribute('href'))!;
				const { details, isOpen } = article(page, passage.source);
				if (!opened.has(passage.source)) expect(await isOpen()).toBe(false);

				await link.tap();
				await expect.poll(() => new URL(page.url()).hash).toBe(href);
				const mark = page.locator(href);
				expect(await details.locator(href).count(), href).toBe(1);
				expect(await isOpen()).toBe(true);
				opened.add(passage.source);
				await expect.poll(() => mark.isVisible()).toBe(true);
				await expect.poll(() => onScreen(page, mark), { message: href }).toBe(true);
				await expect.poll(() => focusedId(page)).toBe(href.slice(1));
				expect(await textOf(mark)).toContain(passage.quote.replace(/\s+/g, ' ').trim());
			}
		}
		await page.screenshot({ path: 'test-results/phone-compare-mark.png' });
		expect(errors).toEqual([]);
		await context.close();
	});

	it('opens a closed article when the page is loaded with a mark in its address', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		const source = bundle.sources[bundle.sources.length - 1]!;
		await page.goto(COMPARE());
		const id = await article(page, source.id).details.locator('mark').first().getAttribute('id');
		await page.goto('about:blank');
		await page.goto(`${COMPARE()}#${id}`);
		await expect.poll(() => article(page, source.id).isOpen()).toBe(true);
		await expect.poll(() => onScreen(page, page.locator(`#${id}`))).toBe(true);
		await context.close();
	});

	it('links every numbered mark back to its difference', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		await page.goto(COMPARE());
		await page.locator('ol.differences').waitFor();
		const numbers = new Map(bundle.story.differences.map((d, i) => [d.id, String(i + 1)]));
		const linked = new Set<string>();
		for (const source of bundle.sources) {
			const { summary, details } = article(page, source.id);
			await summary.tap();
			for (const label of await details.locator('mark a.label').all()) {
				const href = (await label.getAttribute('href'))!;
				const id = /^#difference-(.+)$/.exec(href)?.[1];
				expect(id && numbers.get(id), href).toBe(await textOf(label));
				linked.add(id!);
			}
		}
		// Every difference that quotes an article is linked from it.
		expect([...linked].sort()).toEqual(bundle.story.differences.map((d) => d.id).sort());

		const last = bundle.story.differences[bundle.story.differences.length - 1]!;
		const label = page.locator(`mark a.label[href="#difference-${last.id}"]`).last();
		await label.scrollIntoViewIfNeeded();
		await label.tap();
		const item = page.locator(`#difference-${last.id}`);
		await expect.poll(() => new URL(page.url()).hash).toBe(`#difference-${last.id}`);
		await expect.poll(() => onScreen(page, item)).toBe(true);
		await expect.poll(() => focusedId(page)).toBe(`difference-${last.id}`);
		await context.close();
	});
});

describe('compare coverage on a desktop', () => {
	it('shows both articles open, side by side', async () => {
		const { context, page } = await phoneContext(chromium.browser, DESKTOP);
		await page.goto(COMPARE());
		for (const source of bundle.sources) {
			const { summary, paragraphs, isOpen } = article(page, source.id);
			await expect.poll(isOpen).toBe(true);
			expect(await paragraphs.first().isVisible()).toBe(true);
			expect(await summary.isVisible()).toBe(false);
		}
		const [left, right] = await page.locator('.column').all();
		const a = (await left!.boundingBox())!;
		const b = (await right!.boundingBox())!;
		expect(b.x).toBeGreaterThan(a.x + a.width / 2);
		expect(Math.abs(b.y - a.y)).toBeLessThan(1);
		await context.close();
	});
});

describe('the source header', () => {
	it('sets the byline apart from the date with a spaced middle dot', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		for (const source of bundle.sources) {
			await page.goto(`${BASE}/stories/${STORY}/sources/${source.id}`);
			const meta = await textOf(page.locator('.source-header .meta'));
			if (source.byline) expect(meta.startsWith(`${source.byline} · `), meta).toBe(true);
			expect(meta).not.toMatch(/\S·|·\S/);
		}
		await context.close();
	});
});

describe('an unknown address', () => {
	it('says "Page not found" once, and logs no error', async () => {
		const { context, page } = await phoneContext(chromium.browser);
		const errors = errorsOf(page);
		const path = '/no/such/page';
		const response = await page.goto(BASE + path);
		expect(response?.status()).toBe(404);
		await page.getByRole('heading', { name: 'Page not found' }).waitFor();
		await page.getByRole('link', { name: 'Go to the stories' }).waitFor();
		await page.waitForLoadState('networkidle');
		const text = await page.locator('body').innerText();
		expect(text.match(/not found/gi)).toHaveLength(1);
		// The browser's own note that the address answered 404, as a static host must, is no error
		// of the page's.
		const own = `${BASE}${path}: Failed to load resource: the server responded with a status of 404`;
		expect(errors.filter((e) => !e.startsWith(own))).toEqual([]);
		await context.close();
	});
});
