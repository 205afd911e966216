/**
 * The speed budget, measured: Lighthouse with its default mobile throttling on the home, quiz and
 * reader pages, and on a plain static HTML page served the same way, as the floor. Prints a table.
 * Run after `npm run build`: `npm run bench`. Needs Chromium (CHROME_PATH, default /usr/bin/chromium).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveStatic } from './static-server';

const BUILD = resolve('build');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** The first story the build lists, and its first source: the bench names no story. */
const story = JSON.parse(readFileSync(join(BUILD, 'data/stories.json'), 'utf8'))[0] as {
	id: string;
	outlets: { id: string }[];
};
const pages = {
	floor: '/',
	home: '/',
	quiz: '/quiz',
	reader: `/stories/${story.id}/sources/${story.outlets[0]!.id}`
} as const;

/** A plain page with the reader's kind of content and no script: the best a page here can do. */
function floorPage(): string {
	const source = JSON.parse(readFileSync(join(BUILD, `data/stories/${story.id}.json`), 'utf8'))
		.sources[0] as { headline: string; paragraphs: string[] };
	const dir = mkdtempSync(join(tmpdir(), 'byline-floor-'));
	writeFileSync(
		join(dir, 'index.html'),
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Floor</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;line-height:1.5}</style></head><body><h1>${source.headline}</h1>${source.paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`
	);
	return dir;
}

const gz = (file: string) => gzipSync(readFileSync(file)).length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The precache: every file the service worker stores on the first visit. */
function precacheSize(): { entries: number; bytes: number; gzipped: number } {
	const sw = readFileSync(join(BUILD, 'sw.js'), 'utf8');
	const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!);
	let bytes = 0;
	let gzipped = 0;
	for (const url of urls) {
		const path = url === '/' ? 'index.html' : url;
		const file = [join(BUILD, path), join(BUILD, `${path}.html`)].find((f) => {
			try {
				return statSync(f).isFile();
			} catch {
				return false;
			}
		});
		if (!file) throw new Error(`Precached ${url} is not in the build`);
		bytes += statSync(file).size;
		gzipped += gz(file);
	}
	return { entries: urls.length, bytes, gzipped };
}

async function main() {
	const floorDir = floorPage();
	const app = await serveStatic(BUILD, 4300);
	const floor = await serveStatic(floorDir, 4301);
	const chrome = await chromeLauncher.launch({
		chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		chromeFlags: [
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
	const rows: Record<string, { lcp: number; tbt: number; cls: number; js: number }> = {};
	try {
		for (const [name, path] of Object.entries(pages)) {
			const url = (name === 'floor' ? floor.url : app.url) + path;
			const runs = [];
			for (let i = 0; i < RUNS; i++) {
				const result = await lighthouse(url, {
					port: chrome.port,
					output: 'json',
					logLevel: 'error',
					onlyCategories: ['performance']
				});
				const audits = result!.lhr.audits;
				const requests = audits['network-requests']!.details as unknown as {
					items: { url: string; resourceType: string }[];
				};
				const scripts = requests.items.filter(
					(r) => r.resourceType === 'Script' && r.url.startsWith(app.url)
				);
				runs.push({
					lcp: audits['largest-contentful-paint']!.numericValue!,
					tbt: audits['total-blocking-time']!.numericValue!,
					cls: audits['cumulative-layout-shift']!.numericValue!,
					js: scripts.reduce((n, r) => n + gz(join(BUILD, new URL(r.url).pathname)), 0)
				});
			}
			rows[name] = {
				lcp: median(runs.map((r) => r.lcp)),
				tbt: median(runs.map((r) => r.tbt)),
				cls: median(runs.map((r) => r.cls)),
				js: median(runs.map((r) => r.js))
			};
		}
	} finally {
		await chrome.kill();
		await app.close();
		await floor.close();
		rmSync(floorDir, { recursive: true, force: true });
	}

	const precache = precacheSize();
	const floorLcp = rows.floor!.lcp;
	const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
	const lines = [
		`Lighthouse ${RUNS > 1 ? `(median of ${RUNS} runs) ` : ''}with default mobile throttling`,
		'',
		'| page | LCP | LCP ÷ floor | TBT | CLS | first-load JS (gzip) |',
		'|---|---|---|---|---|---|',
		...Object.entries(rows).map(
			([name, r]) =>
				`| ${name} | ${(r.lcp / 1000).toFixed(2)} s | ${(r.lcp / floorLcp).toFixed(2)}× | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(3)} | ${kb(r.js)} |`
		),
		'',
		`Precache: ${precache.entries} files, ${kb(precache.bytes)} (${kb(precache.gzipped)} gzipped)`,
		'',
		'Targets: LCP ≤ 1.3× floor, TBT < 50 ms, CLS 0, first-load JS ≤ 60 KB gzipped, precache ≤ 1.5 MB.'
	];
	console.log(lines.join('\n'));
	const misses = Object.entries(rows)
		.filter(([name]) => name !== 'floor')
		.flatMap(([name, r]) => [
			...(r.lcp > 1.3 * floorLcp ? [`${name}: LCP ${(r.lcp / floorLcp).toFixed(2)}× floor`] : []),
			...(r.tbt >= 50 ? [`${name}: TBT ${Math.round(r.tbt)} ms`] : []),
			...(r.cls > 0 ? [`${name}: CLS ${r.cls.toFixed(3)}`] : []),
			...(r.js > 60 * 1024 ? [`${name}: JS ${kb(r.js)}`] : [])
		]);
	if (precache.bytes > 1.5 * 1024 * 1024) misses.push(`precache ${kb(precache.bytes)}`);
	console.log(misses.length ? `\nMissed: ${misses.join('; ')}` : '\nAll targets met.');
}

await main();
