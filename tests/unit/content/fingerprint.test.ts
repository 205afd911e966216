import { describe, expect, it } from 'vitest';
import { checkContent } from '$lib/content/check';
import { fingerprintedFields, questionFingerprint } from '$lib/content/fingerprint';
import type { QuestionData } from '$lib/content/model';
import { questionTypes } from '$lib/question-types';
import { filesOf, fixture } from '../../fixtures/content/fixture';

function single(overrides: Partial<Extract<QuestionData, { type: 'single' }>> = {}): QuestionData {
	return {
		id: 'fp-single',
		category: 'actors',
		type: 'single',
		prompt: 'Who announced it?',
		options: ['The prime minister', 'The president'],
		answer: 'The prime minister',
		explanation: 'Alpha says so.',
		difficulty: 1,
		actors: [],
		outlets: [],
		evidence: [{ source: 'alpha-news', quote: 'the prime minister announced' }],
		...overrides
	};
}

describe('questionFingerprint', () => {
	it('is 16 hex digits and the same for the same question', () => {
		expect(questionFingerprint(single())).toMatch(/^[0-9a-f]{16}$/);
		expect(questionFingerprint(single())).toBe(questionFingerprint(single()));
	});

	it('does not depend on the order fields are written in', () => {
		const q = single();
		const reordered = Object.fromEntries(Object.entries(q).reverse()) as QuestionData;
		expect(questionFingerprint(reordered)).toBe(questionFingerprint(q));
	});

	it.each([
		['the prompt', { prompt: 'Who announced it first?' }],
		['the options', { options: ['The prime minister', 'The president', 'The king'] }],
		['the order of the options', { options: ['The president', 'The prime minister'] }],
		['the key', { answer: 'The president' }]
	])('changes when %s changes', (_, change) => {
		expect(questionFingerprint(single(change))).not.toBe(questionFingerprint(single()));
	});

	it.each([
		['the explanation', { explanation: 'Reworded.' }],
		['the evidence', { evidence: [{ source: 'beta-wire', quote: 'another passage' }] }],
		['the difficulty', { difficulty: 3 as const }],
		['the category', { category: 'sources' as const }],
		['the tags', { actors: ['prime-minister'], outlets: ['alpha-news'] }]
	])('stays the same when only %s changes', (_, change) => {
		expect(questionFingerprint(single(change))).toBe(questionFingerprint(single()));
	});

	it('covers every field of every question type', () => {
		for (const t of questionTypes) {
			const fields = fingerprintedFields({ ...single(), type: t.type } as QuestionData);
			expect(Object.keys(fields).sort()).toEqual(
				['type', 'prompt', ...Object.keys(t.entries)].sort()
			);
		}
	});

	it('is shipped with every checked question', () => {
		const { bundles, issues } = checkContent(filesOf(fixture()));
		expect(issues).toEqual([]);
		for (const q of bundles.flatMap((b) => b.questions)) {
			const { fingerprint, ...data } = q;
			expect(fingerprint).toBe(questionFingerprint(data as QuestionData));
		}
	});
});
