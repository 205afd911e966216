/**
 * The real content in questions/ loads and keeps the code's promises, whatever stories it holds:
 * no story ids, counts or facts here (those are in tests/content-policy/).
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '$lib/content/check';
import { findPassage, occursIn } from '$lib/content/evidence';
import { questionFingerprint } from '$lib/content/fingerprint';
import type { QuestionData } from '$lib/content/model';
import { loadContent } from '$lib/server/content-files';

const { bundles, issues } = loadContent();

describe('the shipped content', () => {
	it('passes the content check', () => {
		expect(issues.map(formatIssue)).toEqual([]);
	});

	it('gives every story its sources in the story’s order', () => {
		for (const b of bundles) expect(b.sources.map((s) => s.id)).toEqual(b.story.sources);
	});

	it('gives every question a unique id and its fingerprint', () => {
		const questions = bundles.flatMap((b) => b.questions);
		const ids = questions.map((q) => q.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const { fingerprint, ...q } of questions)
			expect(fingerprint).toBe(questionFingerprint(q as QuestionData));
	});

	it('backs every question with passages found within one paragraph of their source', () => {
		for (const b of bundles)
			for (const q of b.questions)
				for (const e of q.evidence) {
					const source = b.sources.find((s) => s.id === e.source);
					expect(source, `${q.id}: source ${e.source}`).toBeDefined();
					expect(findPassage(source!, e.quote), `${q.id}: "${e.quote}"`).not.toBeNull();
				}
	});

	it('keys every source question in agreement with where its evidence stands', () => {
		for (const b of bundles)
			for (const q of b.questions) {
				if (q.type !== 'source') continue;
				for (const keyed of q.answer)
					expect(
						q.evidence.some((e) => e.source === keyed),
						`${q.id}: ${keyed}`
					).toBe(true);
				for (const left of b.sources.filter((s) => !q.answer.includes(s.id)))
					for (const e of q.evidence.filter((e) => q.answer.includes(e.source)))
						expect(occursIn(left, e.quote), `${q.id}: "${e.quote}" in ${left.id}`).toBe(false);
			}
	});
});
