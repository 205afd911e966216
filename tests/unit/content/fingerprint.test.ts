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

	it('covers every field of every question type, those added later once they are set', () => {
		for (const t of questionTypes) {
			const added: readonly string[] = t.addedFields ?? [];
			const unset = fingerprintedFields({ ...single(), type: t.type } as QuestionData);
			expect(Object.keys(unset).sort()).toEqual(
				['type', 'prompt', ...Object.keys(t.entries).filter((k) => !added.includes(k))].sort()
			);
			const set = Object.fromEntries(added.map((k) => [k, ['set']]));
			const fields = fingerprintedFields({ ...single(), ...set, type: t.type } as QuestionData);
			expect(Object.keys(fields).sort()).toEqual(
				['type', 'prompt', ...Object.keys(t.entries)].sort()
			);
		}
	});

	// Pinned before `titles` (text) and `given` (date) were added: answers recorded then still match.
	it.each([
		[
			'a text question',
			'Who announced it?',
			{ type: 'text', answers: ['Edi Rama', 'Rama'] },
			'93ed95f5247617a3'
		],
		[
			'a text question with a placeholder',
			'Who announced it?',
			{ type: 'text', answers: ['Edi Rama', 'Rama'], placeholder: 'Full name' },
			'8805c8f7df97995e'
		],
		['a date question', 'On what day?', { type: 'date', answer: '2022-07-15' }, 'c4fc127428e2f8dc']
	])('is as it was for %s that leaves the added fields unset', (_, prompt, fields, pinned) => {
		// Only the type's own fields count, so the single question's options make no difference.
		const written = { ...single({ prompt }), ...fields } as unknown as QuestionData;
		expect(questionFingerprint(written)).toBe(pinned);
		// As the schema reads it: `titles` defaults to [], `given` to undefined.
		const parsed = { ...written, titles: [], given: undefined } as unknown as QuestionData;
		expect(questionFingerprint(parsed)).toBe(pinned);
	});

	it.each([
		['titles a text question’s editor wrote', { titles: ['Prime Minister'] }, 'text'],
		['the date parts a prompt gives', { given: 'month' }, 'date']
	])('changes when %s are set', (_, change, type) => {
		const base = {
			...single(),
			type,
			answers: ['Edi Rama'],
			answer: '2022-07-15'
		} as unknown as QuestionData;
		expect(questionFingerprint({ ...base, ...change } as QuestionData)).not.toBe(
			questionFingerprint(base)
		);
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
