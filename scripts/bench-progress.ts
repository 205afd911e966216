/**
 * How long /progress takes for a student with many past quizzes, as a cheap phone meets it: the
 * production build, Chromium with the CPU slowed 4×, a database seeded with N attempts of 10
 * answers each. Prints, as medians of 3 loads, the time from navigation to the list of past
 * quizzes on screen, and what the data adds over the same page for a student with none (the
 * target: at most 300 ms for 1,000 attempts).
 * Run after `npm run build`: `npm run bench:progress` (BENCH_SIZES=1000,10000).
 */
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from './static-server';

const BUILD = resolve(process.env.BYLINE_OUT ?? 'build');
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 4191);
const TARGET_MS = 300;

const story = JSON.parse(readFileSync(join(BUILD, 'data/stories.json'), 'utf8'))[0] as {
	id: string;
};
const questions = JSON.parse(
	readFileSync(join(BUILD, `data/questions/${story.id}.json`), 'utf8')
) as { id: string; category: string; fingerprint: string }[];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const server = await serveStatic(BUILD, PORT);
const base = `http://127.0.0.1:${PORT}`;
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});
const rows: string[] = [];
try {
	// The empty page is measured first and last, so browser warm-up favours neither side.
	const measured: { size: number; ms: number; listed: number }[] = [];
	for (const size of [0, ...SIZES, 0]) {
		const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
		// Times, from navigation, when the page starts loading progress and when it has shown it.
		await context.addInitScript(() => {
			const w = window as unknown as { __loading?: number; __shown?: number };
			new MutationObserver(() => {
				if (
					w.__loading === undefined &&
					document.body?.textContent?.includes('Loading your progress')
				)
					w.__loading = performance.now();
				if (
					w.__shown === undefined &&
					(document.querySelector('.attempts li') ||
						document.body?.textContent?.includes('You have not taken a quiz yet'))
				)
					w.__shown = performance.now();
			}).observe(document, { childList: true, subtree: true, characterData: true });
		});
		const page = await context.newPage();
		await page.goto(`${base}/progress`);
		await page.getByText('You have not taken a quiz yet').waitFor();
		if (size > 0)
			// Seed through IndexedDB directly, in the shape the app stores (database version 2).
			await page.evaluate(
				async ({ size, storyId, questions }) => {
					const db = await new Promise<IDBDatabase>((ok, fail) => {
						const r = indexedDB.open('byline');
						r.onsuccess = () => ok(r.result);
						r.onerror = () => fail(r.error);
					});
					const t0 = Date.UTC(2025, 0, 1);
					for (let start = 0; start < size; start += 500) {
						const tx = db.transaction(['attempts', 'answers'], 'readwrite');
						for (let n = start; n < Math.min(size, start + 500); n++) {
							const picked = Array.from(
								{ length: 10 },
								(_, i) => questions[(n * 7 + i) % questions.length]!
							);
							const at = t0 + n * 60_000;
							tx.objectStore('attempts').put({
								id: `bench-${n}`,
								seed: n,
								categories: ['dates', 'actors', 'quotes', 'sources'],
								questions: picked.map((q) => ({ storyId, questionId: q.id })),
								position: 9,
								startedAt: at,
								updatedAt: at + 50_000,
								finishedAt: at + 50_000
							});
							picked.forEach((q, i) =>
								tx.objectStore('answers').put({
									attemptId: `bench-${n}`,
									questionId: q.id,
									storyId,
									category: q.category,
									fingerprint: q.fingerprint,
									response: { choice: 'x' },
									score: (n + i) % 3 === 0 ? 0 : 1,
									answeredAt: at + i * 5000
								})
							);
						}
						await new Promise((ok, fail) => {
							tx.oncomplete = ok;
							tx.onerror = () => fail(tx.error);
						});
					}
					db.close();
				},
				{ size, storyId: story.id, questions }
			);
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		const totals: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			await page.goto(`${base}/progress`);
			totals.push(
				(await page
					.waitForFunction(() => (window as unknown as { __shown?: number }).__shown, null, {
						timeout: 120_000
					})
					.then((h) => h.jsonValue())) as number
			);
		}
		measured.push({ size, ms: median(totals), listed: await page.locator('.attempts li').count() });
		await context.close();
	}
	const empty = measured.filter((m) => m.size === 0).map((m) => m.ms);
	const baseline = Math.max(...empty);
	for (const { size, ms, listed } of measured) {
		const extra = ms - baseline;
		rows.push(
			`| ${size.toLocaleString('en')} | ${(size * 10).toLocaleString('en')} | ${Math.round(ms)} ms | ${size ? `${Math.round(extra)} ms` : '(empty page)'} | ${listed} | ${size ? (extra <= TARGET_MS ? 'within' : 'over') : ''} |`
		);
	}
} finally {
	await browser.close();
	server.close();
}
console.log(
	`| attempts | answers | navigation → list (4× CPU) | added by the data | rows shown | ≤ ${TARGET_MS} ms |`
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
