/**
 * How long the teacher's gradebook takes, as a cheap phone meets it: the production build,
 * Chromium with the CPU slowed 4×, a database seeded with 25 shared assignments of 20 questions,
 * each with 40 students' results (1,000 results, real question ids from the built banks). Prints,
 * as medians of 5 loads:
 *
 * - one assignment with 40 results: navigation → table and item analysis drawn (the page's
 *   `byline:gradebook-drawn` mark), and what opening the gradebook itself takes (from the page's
 *   `byline:gradebook-loading` mark: reading the results, fetching the banks, grading, drawing);
 * - all 1,000 results: the gradebook opened on each of the 25 assignments in turn, the 25 openings
 *   added up;
 * - the same assignment with no results, for what the page costs without data.
 *
 * The target: the gradebook and its item analysis open within 300 ms. Two readings are printed:
 * what the data adds, from navigation, over the same page with an empty gradebook (the app's own
 * start is not the gradebook's); and the whole opening (the page starting to read → table and item
 * analysis drawn), which also holds what the empty gradebook costs (opening the database,
 * fetching the banks).
 * Run after a build: `npm run build && npm run bench:gradebook` (BYLINE_OUT=<dir> for another
 * build, BENCH_RUNS, BENCH_PORT).
 */
import { chromium, type Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Question } from '../src/lib/content/model';
import type { Banks } from '../src/lib/quiz/attempt';
import { perfectResponse } from '../src/lib/quiz/scoring';
import { assignmentDigest, type Assignment } from '../src/lib/share/assignment';
import type { SharedAssignment } from '../src/lib/share/composition';
import { gradebook, itemAnalysis, resultId, weakest } from '../src/lib/share/gradebook';
import type { ReceivedResult, ResultAnswer } from '../src/lib/share/result';
import { databaseReady, putRecords } from '../tests/e2e/records';
import { serveStatic } from './static-server';

const BUILD = resolve(process.env.BYLINE_OUT ?? 'build');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 4192);
const ASSIGNMENTS = 25;
const STUDENTS = 40;
const QUESTIONS = 20;
const TARGET_MS = 300;

const story = JSON.parse(readFileSync(join(BUILD, 'data/stories.json'), 'utf8'))[0] as {
	id: string;
	outlets: { id: string; outlet: string; name: string }[];
};
const bank = JSON.parse(
	readFileSync(join(BUILD, `data/questions/${story.id}.json`), 'utf8')
) as Question[];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${Math.round(x)} ms`;

// --- the data: shared assignments and results, as the app keeps them ------------------------------

const T0 = Date.UTC(2025, 0, 6, 9);
/** A key of the right shape: grading never uses it. */
const TEACHER_KEY = Buffer.from(Uint8Array.from({ length: 65 }, (_, i) => (i ? i : 4)))
	.toString('base64url')
	.replace(/=+$/, '');

function sharedAssignment(k: number): SharedAssignment {
	const picked = Array.from({ length: QUESTIONS }, (_, i) => bank[(k * 7 + i) % bank.length]!);
	const assignment: Assignment = {
		id: `bench_assignment_${String(k).padStart(2, '0')}`,
		title: `Bench assignment ${k + 1}`,
		instructions: '',
		createdAt: T0 + k * 86_400_000,
		questions: picked.map((q) => ({
			storyId: story.id,
			questionId: q.id,
			fingerprint: q.fingerprint
		})),
		pick: { kind: 'all' },
		order: 'shuffled',
		timeLimitMinutes: 30,
		attemptsAllowed: 2,
		due: T0 + (k + 7) * 86_400_000,
		feedback: 'end',
		teacherKey: TEACHER_KEY
	};
	return {
		id: assignment.id,
		compositionId: `bench_composition_${String(k).padStart(2, '0')}`,
		assignment,
		sharedAt: assignment.createdAt,
		policy: 'best',
		roster: Array.from({ length: STUDENTS + 2 }, (_, s) => `Student ${s + 1}`),
		released: false
	};
}

/** A wrong response of the question's shape: another question's right one, or a flipped value. */
function wrongResponse(q: Question): unknown {
	if (q.type === 'truefalse') return { value: !q.answer };
	if (q.type === 'single') return { choice: q.options.find((o) => o !== q.answer) ?? null };
	const other = bank.find((o) => o.type === q.type && o.id !== q.id);
	return other ? perfectResponse(other) : null;
}

function results(shared: SharedAssignment, k: number): ReceivedResult[] {
	const { assignment } = shared;
	const digest = assignmentDigest(assignment);
	return Array.from({ length: STUDENTS }, (_, s) => {
		const started = T0 + k * 86_400_000 + 3_600_000 + s * 1000;
		const answers: ResultAnswer[] = assignment.questions.flatMap((pin, i) => {
			const q = bank.find((x) => x.id === pin.questionId)!;
			const roll = (s * 7 + i * 13 + k) % 10;
			if (roll === 9) return [];
			const base = { questionId: q.id, atSecond: i * 20 };
			if (roll === 8) return [{ ...base, response: null, dontKnow: true as const }];
			const right = roll < 3 + (s % 6);
			return [
				{
					...base,
					response: right ? perfectResponse(q) : wrongResponse(q)
				}
			];
		});
		const payload = {
			assignmentId: assignment.id,
			assignmentDigest: digest,
			name: `Student ${s + 1}`,
			attempt: 1,
			startedAt: started,
			finishedAt: started + 15 * 60_000,
			late: s % 13 === 0,
			timedOut: s % 17 === 0,
			asked: assignment.questions.map((q) => q.questionId),
			answers
		};
		return { id: resultId(payload), payload, receivedAt: started + 16 * 60_000 };
	});
}

const assignments = Array.from({ length: ASSIGNMENTS }, (_, k) => sharedAssignment(k));
const allResults = assignments.flatMap((shared, k) => results(shared, k));
/** The empty page's baseline: a shared assignment no student has handed in yet. */
const empty: SharedAssignment = {
	...sharedAssignment(ASSIGNMENTS),
	id: 'bench_assignment_empty',
	assignment: { ...sharedAssignment(ASSIGNMENTS).assignment, id: 'bench_assignment_empty' }
};

// --- grading alone, in Node (no page, no throttling) -----------------------------------------------

const banks: Banks = new Map([[story.id, { questions: bank, outlets: story.outlets }]]);
const nodeTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
	const start = performance.now();
	for (const shared of assignments) {
		const book = gradebook(
			shared.assignment,
			allResults.filter((r) => r.payload.assignmentId === shared.id),
			banks,
			{ policy: shared.policy, roster: shared.roster }
		);
		itemAnalysis(book);
		weakest(book, banks);
	}
	nodeTimes.push(performance.now() - start);
}

// --- in the browser --------------------------------------------------------------------------------

interface Timing {
	/** Navigation start → table and item analysis drawn. */
	total: number;
	/** The page starting to open the gradebook → drawn. */
	opening: number;
}

/** Opens one gradebook; returns navigation → drawn, and loading → drawn (the page's own marks). */
async function openGradebook(page: Page, base: string, id: string): Promise<Timing> {
	await page.goto(`${base}/teach/gradebook?assignment=${id}`);
	const handle = await page.waitForFunction(
		() => {
			const drawn = performance.getEntriesByName('byline:gradebook-drawn').at(-1);
			const loading = performance.getEntriesByName('byline:gradebook-loading').at(-1);
			return drawn && loading ? [drawn.startTime, drawn.startTime - loading.startTime] : null;
		},
		null,
		{ timeout: 120_000 }
	);
	const [total, opening] = (await handle.jsonValue()) as [number, number];
	return { total, opening };
}

const server = await serveStatic(BUILD, PORT);
const base = `http://127.0.0.1:${PORT}`;
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});
const rows: string[] = [];
try {
	const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
	const page = await context.newPage();
	await page.goto(`${base}/teach/gradebook`);
	// The app makes its database on first load; records go in once it has.
	await databaseReady(page);
	await putRecords(page, 'sharedAssignments', [...assignments, empty]);
	for (let i = 0; i < allResults.length; i += 250)
		await putRecords(page, 'results', allResults.slice(i, i + 250));
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

	// Warm-up, so the first measured load does not pay for the browser's first compile.
	await openGradebook(page, base, empty.id);
	await openGradebook(page, base, assignments[0]!.id);

	// The empty and the full gradebook in turn, so drift in the machine's speed favours neither.
	const runs = { empty: [] as Timing[], one: [] as Timing[] };
	for (let run = 0; run < RUNS; run++) {
		runs.empty.push(await openGradebook(page, base, empty.id));
		runs.one.push(await openGradebook(page, base, assignments[0]!.id));
	}
	const rowsShown = await page.locator('table:has(#students-caption) tbody tr').count();
	const medians = (timings: Timing[]) => ({
		total: median(timings.map((t) => t.total)),
		opening: median(timings.map((t) => t.opening))
	});
	const before = medians(runs.empty);
	const one = medians(runs.one);

	const sums: number[] = [];
	const navigations: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		let opening = 0;
		let total = 0;
		for (const shared of assignments) {
			const t = await openGradebook(page, base, shared.id);
			opening += t.opening;
			total += t.total;
		}
		sums.push(opening);
		navigations.push(total);
	}
	const added = one.total - before.total;
	rows.push(
		`| empty gradebook (0 results) | ${ms(before.total)} | ${ms(before.opening)} | (baseline) | | |`,
		`| one assignment, ${STUDENTS} results × ${QUESTIONS} questions | ${ms(one.total)} | ${ms(one.opening)} | ${ms(added)} (opening: ${ms(one.opening - before.opening)}) | ${added <= TARGET_MS ? 'within' : 'over'} | ${one.opening <= TARGET_MS ? 'within' : 'over'} |`,
		`| all ${ASSIGNMENTS} assignments, ${(ASSIGNMENTS * STUDENTS).toLocaleString('en')} results (25 gradebooks opened, summed) | ${ms(median(navigations))} | ${ms(median(sums))} | ${ms(median(sums) / ASSIGNMENTS)} per gradebook | | |`
	);
	if (rowsShown !== STUDENTS)
		throw new Error(`The table showed ${rowsShown} rows, not ${STUDENTS}`);
	await context.close();
} finally {
	await browser.close();
	await server.close();
}
console.log(
	`Gradebook, ${RUNS} loads each (medians), Chromium with the CPU slowed 4×, 360×640, build: ${BUILD}`
);
console.log('');
console.log(
	`| case | navigation → drawn | opening (read, fetch banks, grade, draw) | added by the data | added ≤ ${TARGET_MS} ms | opening ≤ ${TARGET_MS} ms |`
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log('');
console.log(
	`Grading alone in Node (no throttling): all ${allResults.length.toLocaleString('en')} results, 25 gradebooks with item analysis and weakest areas: ${ms(median(nodeTimes))}.`
);
