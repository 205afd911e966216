import type { Page } from 'playwright-core';
import type { StoryBundle } from '../../src/lib/content/model';
import { sealResult } from '../../src/lib/app/seal';
import { perfectResponse } from '../../src/lib/quiz/scoring';
import {
	assignmentDigest,
	decodeAssignment,
	type Assignment
} from '../../src/lib/share/assignment';
import { BASE } from './support';

/** What a teacher does in the browser, for the tests of the assignment loop. */

export interface Composed {
	link: string;
	title: string;
}

/** Composes and shares an assignment of one category's questions, as a teacher would. */
export async function compose(
	page: Page,
	opts: { title: string; category?: string; search?: string; minutes?: number; feedback?: string }
): Promise<Composed> {
	await page.goto(`${BASE}/teach`);
	await page.getByRole('button', { name: 'New assignment' }).click();
	await page.getByRole('textbox', { name: 'Title', exact: true }).fill(opts.title);
	if (opts.category)
		await page.getByRole('combobox', { name: 'Category' }).selectOption(opts.category);
	if (opts.search)
		await page.getByRole('searchbox', { name: 'Search the questions' }).fill(opts.search);
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
export async function untilControlled(page: Page) {
	await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), null, {
		timeout: 30_000
	});
	await page.evaluate(() => navigator.serviceWorker.ready);
}

/** The assignment a link holds. */
export function decoded(link: string): Assignment {
	const read = decodeAssignment(link);
	if (!read.ok) throw new Error(read.error.message);
	return read.value;
}

/**
 * A result code for `assignment`, sealed as a student's device seals it: the first `right`
 * questions answered right, the rest "I don't know".
 */
export async function resultCode(
	bundle: StoryBundle,
	assignment: Assignment,
	name: string,
	opts: { attempt: number; right: number; finishedAt: number }
): Promise<string> {
	const asked = assignment.questions.map((pin) => {
		const question = bundle.questions.find((q) => q.id === pin.questionId);
		if (!question) throw new Error(`${pin.questionId} is not in the bank`);
		return question;
	});
	return sealResult(
		{
			assignmentId: assignment.id,
			assignmentDigest: assignmentDigest(assignment),
			name,
			attempt: opts.attempt,
			startedAt: opts.finishedAt - 60_000,
			finishedAt: opts.finishedAt,
			late: false,
			timedOut: false,
			asked: asked.map((q) => q.id),
			answers: asked.map((q, i) =>
				i < opts.right
					? { questionId: q.id, response: perfectResponse(q), atSecond: i + 1 }
					: { questionId: q.id, response: null, dontKnow: true as const, atSecond: i + 1 }
			)
		},
		assignment
	);
}
