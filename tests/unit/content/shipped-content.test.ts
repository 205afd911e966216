/**
 * The real content in questions/ loads and keeps the code's promises, whatever stories it holds:
 * no story ids, counts or facts here (those are in tests/content-policy/).
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '$lib/content/check';
import { findPassage, foldWhitespace, occursIn, textAt } from '$lib/content/evidence';
import { questionFingerprint } from '$lib/content/fingerprint';
import { QuestionSchema, type QuestionData } from '$lib/content/model';
import { loadContent, readContentFiles } from '$lib/server/content-files';

const { bundles, issues } = loadContent();

/** Every question as its editor wrote it, before the check fills anything in, by id. */
function asWritten(): Map<string, QuestionData> {
	const written = new Map<string, QuestionData>();
	for (const f of readContentFiles().files)
		if (f.kind === 'bank')
			for (const raw of (f.data as { questions: unknown[] }).questions) {
				const q = v.parse(QuestionSchema, raw) as QuestionData;
				written.set(q.id, q);
			}
	return written;
}

describe('the shipped content', () => {
	it('passes the content check', () => {
		expect(issues.map(formatIssue)).toEqual([]);
	});

	it('gives every story its sources in the story’s order', () => {
		for (const b of bundles) expect(b.sources.map((s) => s.id)).toEqual(b.story.sources);
	});

	it('gives every question a unique id and the fingerprint of the question as written', () => {
		const questions = bundles.flatMap((b) => b.questions);
		const ids = questions.map((q) => q.id);
		expect(new Set(ids).size).toBe(ids.length);
		const written = asWritten();
		for (const q of questions)
			expect(q.fingerprint, q.id).toBe(questionFingerprint(written.get(q.id)!));
	});

	it('gives every piece of evidence the rest of its sentence, found in its paragraph or headline', () => {
		for (const b of bundles)
			for (const q of b.questions)
				for (const e of q.evidence) {
					const source = b.sources.find((s) => s.id === e.source)!;
					const at = findPassage(source, e.quote)!;
					const inContext = e.context.before + foldWhitespace(e.quote) + e.context.after;
					expect(foldWhitespace(textAt(source, at.paragraph)), q.id).toContain(inContext);
				}
	});

	it('backs every question with passages found within one paragraph (or the headline) of their source', () => {
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
