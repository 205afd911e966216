import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '$lib/content/check';
import { findPassage, occursIn } from '$lib/content/evidence';
import { CATEGORIES } from '$lib/content/model';
import { questionTypeNames } from '$lib/question-types';
import { loadContent } from '$lib/server/content-files';

/** The real content, as the build reads it. */
const root = fileURLToPath(new URL('../../../questions', import.meta.url));
const { bundles, issues } = loadContent(root);
const questions = bundles.flatMap((b) => b.questions);

const STORY = 'albania-iran-2022';
const RFERL = 'rferl-2022-09-07';
const REUTERS = 'reuters-2022-09-07';

function bundle(id = STORY) {
	const found = bundles.find((b) => b.story.id === id);
	if (!found) throw new Error(`story ${id} did not load`);
	return found;
}

function sourceOf(id: string) {
	const found = bundle().sources.find((s) => s.id === id);
	if (!found) throw new Error(`source ${id} is not in the story`);
	return found;
}

describe('the shipped content', () => {
	it('passes the content check', () => {
		expect(issues.map(formatIssue)).toEqual([]);
	});

	it('holds the Albania–Iran story with both its sources, in the story’s order', () => {
		expect(bundles.map((b) => b.story.id)).toContain(STORY);
		expect(bundle().sources.map((s) => s.id)).toEqual(bundle().story.sources);
		expect(bundle().story.sources).toEqual([RFERL, REUTERS]);
	});

	it('has at least 80 questions', () => {
		expect(questions.length).toBeGreaterThanOrEqual(80);
	});

	it.each(CATEGORIES)('has at least 15 questions in the %s category', (category) => {
		expect(questions.filter((q) => q.category === category).length).toBeGreaterThanOrEqual(15);
	});

	it('uses every question type', () => {
		const used = new Set(questions.map((q) => q.type));
		expect(questionTypeNames).toHaveLength(9);
		for (const type of questionTypeNames) expect(used, `no ${type} question`).toContain(type);
	});

	it('gives every question a unique id in the agreed form', () => {
		const ids = questions.map((q) => q.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
	});

	it('backs every question with at least one passage, each found within one paragraph of its source', () => {
		for (const b of bundles)
			for (const q of b.questions) {
				expect(q.evidence.length, q.id).toBeGreaterThan(0);
				for (const e of q.evidence) {
					const source = b.sources.find((s) => s.id === e.source);
					expect(source, `${q.id}: source ${e.source}`).toBeDefined();
					expect(findPassage(source!, e.quote), `${q.id}: "${e.quote}"`).not.toBeNull();
				}
			}
	});

	it('keys every source question in agreement with where its evidence stands', () => {
		const sourceQuestions = questions.filter((q) => q.type === 'source');
		expect(sourceQuestions.length).toBeGreaterThan(0);
		for (const q of sourceQuestions) {
			if (q.type !== 'source') continue;
			for (const keyed of q.answer)
				expect(
					q.evidence.some((e) => e.source === keyed),
					`${q.id}: no evidence from ${keyed}`
				).toBe(true);
			for (const left of bundle().story.sources.filter((s) => !q.answer.includes(s)))
				for (const e of q.evidence.filter((e) => q.answer.includes(e.source)))
					expect(occursIn(sourceOf(left), e.quote), `${q.id}: "${e.quote}" in ${left}`).toBe(false);
		}
		expect(issues.filter((i) => i.field?.startsWith('evidence') || i.field === 'answer')).toEqual(
			[]
		);
	});

	it('has source questions keyed to one source, to both and to neither', () => {
		const keys = new Set(
			questions.flatMap((q) => (q.type === 'source' ? [[...q.answer].sort().join('+')] : []))
		);
		expect(keys).toContain(RFERL);
		expect(keys).toContain(REUTERS);
		expect(keys).toContain([RFERL, REUTERS].sort().join('+'));
		expect(keys).toContain('');
	});

	it('keeps the seed texts’ disagreement on the year the MEK came: 2013 in RFE/RL, 2014 in Reuters', () => {
		const rferl = sourceOf(RFERL);
		const reuters = sourceOf(REUTERS);
		expect(occursIn(rferl, 'in 2013 to accept around 3,000 members')).toBe(true);
		expect(occursIn(rferl, 'Mujahedin-e Khalk (MEK)')).toBe(true);
		expect(
			occursIn(reuters, 'strained since 2014, when Albania accepted about 3,000 members')
		).toBe(true);
		expect(occursIn(rferl, '2014')).toBe(false);
		expect(occursIn(reuters, '2013')).toBe(false);
	});
});
