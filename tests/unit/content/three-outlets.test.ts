import { describe, expect, it } from 'vitest';
import { checkContent, formatIssue } from '$lib/content/check';
import { outletOf, type Question } from '$lib/content/model';
import { attributionChoices } from '$lib/question-types/source';
import { answerText, responseText, scoreResponse } from '$lib/quiz/scoring';
import {
	ALPHA,
	BETA,
	GAMMA,
	PATHS,
	threeOutletFiles,
	threeOutlets,
	type ThreeOutletFixture
} from '../../fixtures/content/three-outlets';

function check(change: (f: ThreeOutletFixture) => void = () => {}) {
	const f = threeOutlets();
	change(f);
	return checkContent(threeOutletFiles(f));
}

const sourceQuestion = (f: ThreeOutletFixture, id: string) =>
	f.main.questions.find((q) => q.id === id)!;

describe('a story told by three outlets', () => {
	it('passes the content check with keys naming one outlet, all three, and none', () => {
		const result = check();
		expect(result.issues.map(formatIssue)).toEqual([]);
		const bundle = result.bundles[0]!;
		expect(bundle.sources.map((s) => s.id)).toEqual([ALPHA, BETA, GAMMA]);
	});

	it('rejects a key naming two of the three, which the quiz cannot offer, and lists the choices', () => {
		const result = check((f) => {
			const q = sourceQuestion(f, 'tst-sources-24-hours');
			q.answer = [ALPHA, BETA];
			q.evidence = [
				{ source: ALPHA, quote: 'gave them 24 hours to leave' },
				{ source: BETA, quote: 'gave the diplomats 24 hours to leave' }
			];
		});
		expect(result.issues.map(formatIssue)).toEqual([
			`${PATHS.main} › tst-sources-24-hours › answer: a key must be one of the choices the quiz offers for this story ([${ALPHA}] Alpha only; [${BETA}] Beta only; [${GAMMA}] Gamma only; [${ALPHA}, ${BETA}, ${GAMMA}] All of them; [] None of them)`
		]);
	});

	it('accepts every choice the screen offers as a key, and no other', () => {
		const outlets = check().bundles[0]!.sources.map(outletOf);
		const choices = attributionChoices(outlets);
		const subsets = [
			[],
			[ALPHA],
			[BETA],
			[GAMMA],
			[ALPHA, BETA],
			[ALPHA, GAMMA],
			[BETA, GAMMA],
			[ALPHA, BETA, GAMMA]
		];
		for (const key of subsets) {
			const offered = choices.some(
				(c) => c.sources.length === key.length && key.every((id) => c.sources.includes(id))
			);
			const result = check((f) => {
				const q = sourceQuestion(f, 'tst-sources-neither');
				q.answer = key;
				// Evidence from every named outlet, and only passages the others do not carry.
				q.evidence = key.length
					? key.map((id) => ({
							source: id,
							quote: {
								[ALPHA]: 'On September 7',
								[BETA]: 'the prime minister said',
								[GAMMA]: 'officials said on Wednesday'
							}[id]!
						}))
					: [{ source: BETA, quote: '24 hours to leave' }];
			});
			const keyIssues = result.issues.filter((i) => i.field === 'answer');
			expect(keyIssues.length === 0, `key [${key.join(', ')}]`).toBe(offered);
		}
	});

	it('scores and words an answer the way the screen offers it', () => {
		const { bundles } = check();
		const bundle = bundles[0]!;
		const outlets = bundle.sources.map(outletOf);
		const all = bundle.questions.find((q) => q.id === 'tst-sources-24-hours') as Question;
		const none = bundle.questions.find((q) => q.id === 'tst-sources-neither') as Question;
		expect(scoreResponse(all, { sources: [GAMMA, ALPHA, BETA] }).score).toBe(1);
		expect(scoreResponse(all, { sources: [ALPHA, BETA] }).score).toBe(0);
		expect(scoreResponse(none, { sources: [] }).score).toBe(1);
		expect(answerText(all, outlets)).toBe('All of them');
		expect(answerText(none, outlets)).toBe('None of them');
		expect(responseText(all, { sources: [GAMMA] }, outlets)).toBe('Gamma only');
		// Not a choice on screen (a tampered record), still said in words rather than hidden.
		expect(responseText(all, { sources: [ALPHA, GAMMA] }, outlets)).toBe('Alpha, Gamma');
	});
});
