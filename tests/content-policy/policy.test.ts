/**
 * The content policy: what every shipped story must offer students. These tests read the real
 * content in questions/ and may fail when content changes; code tests never do.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '$lib/content/check';
import { CATEGORIES, outletOf } from '$lib/content/model';
import { questionTypeNames } from '$lib/question-types';
import { attributionChoices } from '$lib/question-types/source';
import { loadContent } from '$lib/server/content-files';

const { bundles, issues, warnings } = loadContent();

/** A story a student can learn from: enough questions, in every section. */
const MIN_QUESTIONS = 80;
const MIN_PER_CATEGORY = 15;

describe('the shipped content', () => {
	it('passes the content check', () => {
		expect(issues.map(formatIssue)).toEqual([]);
	});

	it('keeps every bank well under what the app stores for offline use', () => {
		expect(warnings.map(formatIssue)).toEqual([]);
	});

	it('has at least one story', () => {
		expect(bundles.length).toBeGreaterThan(0);
	});
});

describe.each(bundles.map((b) => [b.story.id, b] as const))('the story %s', (_, bundle) => {
	it(`has at least ${MIN_QUESTIONS} questions`, () => {
		expect(bundle.questions.length).toBeGreaterThanOrEqual(MIN_QUESTIONS);
	});

	it.each(CATEGORIES)(`has at least ${MIN_PER_CATEGORY} questions in the %s section`, (c) => {
		expect(bundle.questions.filter((q) => q.category === c).length).toBeGreaterThanOrEqual(
			MIN_PER_CATEGORY
		);
	});

	it('asks about every point the compare view lists, so a quiz of each kind has questions', () => {
		const asked = new Set(bundle.questions.flatMap((q) => (q.differences ?? []).map((d) => d.id)));
		for (const d of bundle.story.differences)
			expect(asked, `no question names the difference "${d.id}"`).toContain(d.id);
	});

	it('uses every question type', () => {
		const used = new Set(bundle.questions.map((q) => q.type));
		for (const type of questionTypeNames) expect(used, `no ${type} question`).toContain(type);
	});

	it('asks "which source said it" with every answer the story offers', () => {
		const outlets = bundle.sources.map(outletOf);
		const keys = new Set(
			bundle.questions.flatMap((q) => (q.type === 'source' ? [[...q.answer].sort().join('+')] : []))
		);
		for (const choice of attributionChoices(outlets))
			expect(keys, `no question keyed "${choice.label}"`).toContain(
				[...choice.sources].sort().join('+')
			);
	});
});
