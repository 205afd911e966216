import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { STORY, STORY_SOURCES } from './quiz-driver';

const BUILD = 'build';

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]
	);
}

/** The JavaScript a page loads on first visit: the modules its HTML preloads. */
export function firstLoadScripts(htmlFile: string): string[] {
	const html = readFileSync(join(BUILD, htmlFile), 'utf8');
	const links = [...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]);
	return links
		.filter((tag) => /rel="modulepreload"/.test(tag))
		.map((tag) => {
			const href = /href="([^"]+)"/.exec(tag)![1]!;
			// Asset paths are absolute (from the site's root), or relative to the page.
			return href.startsWith('/')
				? join(BUILD, href)
				: resolve(dirname(join(BUILD, htmlFile)), href);
		});
}

const gzipped = (file: string) => gzipSync(readFileSync(file)).length;

describe('what the browser receives', () => {
	const scripts = files(join(BUILD, '_app')).filter((f) => f.endsWith('.js'));

	it('ships no YAML parser and no build-time content checker', () => {
		expect(scripts.length).toBeGreaterThan(0);
		for (const file of scripts) {
			const code = readFileSync(file, 'utf8');
			expect(code, file).not.toMatch(/YAMLParseError|yaml-language-server/);
			expect(code, file).not.toContain('not found word for word');
		}
	});

	it('loads the question bank as prebuilt JSON, not inside a script or a page', () => {
		const questions = JSON.parse(readFileSync(join(BUILD, `data/questions/${STORY}.json`), 'utf8'));
		expect(questions.length).toBeGreaterThan(0);
		const explanation = questions[0].explanation as string;
		for (const file of scripts) expect(readFileSync(file, 'utf8'), file).not.toContain(explanation);
		// Pages that need questions fetch them when they need them.
		for (const page of files(BUILD).filter((f) => f.endsWith('.html')))
			expect(readFileSync(page, 'utf8'), page).not.toContain(explanation);
	});

	it('keeps each page’s first-load JavaScript small (gzipped)', () => {
		// What a student opens, often cold on a cheap phone: 60 KB each. A teacher's pages, opened
		// to compose and grade, have a budget of their own.
		const pages = {
			home: 'index.html',
			quiz: 'quiz.html',
			reader: `stories/${STORY}/sources/${STORY_SOURCES[0]}.html`,
			// The page an assignment link opens.
			assignment: 'assignment.html'
		};
		const teacherPages = {
			teach: 'teach.html',
			compose: 'teach/compose.html',
			gradebook: 'teach/gradebook.html'
		};
		const sizeOf = (list: Record<string, string>) =>
			Object.fromEntries(
				Object.entries(list).map(([name, html]) => [
					name,
					firstLoadScripts(html).reduce((n, f) => n + gzipped(f), 0)
				])
			);
		const sizes = sizeOf(pages);
		const teacherSizes = sizeOf(teacherPages);
		console.log(
			'First-load JS, gzipped: ' +
				Object.entries({ ...sizes, ...teacherSizes })
					.map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KB`)
					.join(', ')
		);
		for (const [name, bytes] of Object.entries(sizes)) {
			expect(bytes, name).toBeGreaterThan(10 * 1024);
			expect(bytes, name).toBeLessThan(60 * 1024);
		}
		for (const [name, bytes] of Object.entries(teacherSizes)) {
			expect(bytes, name).toBeGreaterThan(10 * 1024);
			expect(bytes, name).toBeLessThan(90 * 1024);
		}
	});
});
