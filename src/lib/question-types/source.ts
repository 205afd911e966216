import * as v from 'valibot';
import { defineType, duplicatesIn, type Names } from './define';

function sourcesText(ids: readonly string[], names: Names): string {
	if (ids.length === 0) return 'Neither';
	if (ids.length === 1) return `${names.source(ids[0]!)} only`;
	return ids.length === 2 ? 'Both' : ids.map(names.source).join(', ');
}

/**
 * Source attribution: which outlet reported it. `answer` lists the ids of the sources that
 * carry the claim: one, both, or none (neither). Scoring: 1 when the response names exactly
 * those sources, otherwise 0. Whether the key agrees with the evidence is checked against the
 * source texts by the content check.
 */
export const source = defineType({
	type: 'source',
	label: 'Which source said it',
	entries: {
		answer: v.array(v.pipe(v.string(), v.minLength(1)))
	},
	response: v.object({ sources: v.nullable(v.array(v.string())) }),
	perfect: (q) => ({ sources: [...q.answer] }),
	isComplete: (_q, r) => r.sources !== null,
	score(q, r) {
		const given = new Set(r.sources ?? []);
		const right = given.size === q.answer.length && q.answer.every((s) => given.has(s));
		return { score: r.sources !== null && right ? 1 : 0 };
	},
	answerText: (q, names) => sourcesText(q.answer, names),
	responseText: (_q, r, names) =>
		r.sources === null ? '(no answer)' : sourcesText(r.sources, names),
	check: (q) =>
		duplicatesIn(q.answer).map((s) => ({ field: 'answer', message: `"${s}" is listed twice` }))
});
